import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodePod, isMirrorPod, parseManifest } from '@staticpods/core';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { ConvertOptions, MirrorPodSource, StaticPodSource } from '../../src/index.js';

export const fixturesDir = new URL('../fixtures/', import.meta.url).pathname;

/** Runner settings that are not converter options (`fixture.json`). */
export interface FixtureMeta {
  /** The manifest's path on the node. @default /etc/kubernetes/manifests/<Pod name>.yaml */
  readonly sourceFile?: string;
  /** Also keep a golden of the rendered cut-over plan (`expected.plan.txt`). */
  readonly plan?: boolean;
}

export interface FixtureCase {
  readonly name: string;
  readonly dir: string;
  readonly source: StaticPodSource | MirrorPodSource;
  readonly options: ConvertOptions;
  readonly meta: FixtureMeta;
}

/** Decodes a file the way the kubelet would; a fixture that is not a Pod is a broken fixture. */
export function readPod(path: string): Pod {
  const decoded = decodePod(parseManifest(readFileSync(path), { file: path }));
  if (!decoded.ok) throw new Error(`${path}: ${decoded.failure.error}`);
  return decoded.pod;
}

function readJson<T>(path: string, fallback: T): T {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : fallback;
}

/**
 * Every directory under test/fixtures is one case: `input.yaml` (a manifest, or one mirror Pod), or
 * `input/` (mirror Pods of one static Pod, one file per node); optional `options.json` and `fixture.json`.
 */
export function loadFixtures(): FixtureCase[] {
  return readdirSync(fixturesDir)
    .filter((name) => statSync(join(fixturesDir, name)).isDirectory())
    .sort()
    .map((name) => {
      const dir = join(fixturesDir, name);
      const meta = readJson<FixtureMeta>(join(dir, 'fixture.json'), {});
      const options = readJson<ConvertOptions>(join(dir, 'options.json'), {});
      const inputDir = join(dir, 'input');
      let source: StaticPodSource | MirrorPodSource;
      if (existsSync(inputDir)) {
        const pods = readdirSync(inputDir)
          .sort()
          .map((f) => readPod(join(inputDir, f)));
        source = { kind: 'mirror', pods };
      } else {
        const pod = readPod(join(dir, 'input.yaml'));
        source = isMirrorPod(pod)
          ? { kind: 'mirror', pods: [pod] }
          : {
              kind: 'file',
              file: meta.sourceFile ?? `/etc/kubernetes/manifests/${pod.metadata?.name ?? name}.yaml`,
              pod,
            };
      }
      return { name, dir, source, options, meta };
    });
}
