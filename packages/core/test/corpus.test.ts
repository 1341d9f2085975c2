import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkManifest,
  isMirrorPod,
  kubeletVerdict,
  mirrorToStaticManifest,
  parseManifest,
} from '../src/index.js';

/**
 * Every manifest of the corpus (real static Pods written by others, see corpus/SOURCES.md) gets a
 * golden verdict: does the kubelet run it, and what does the checker report. Goldens are written
 * with UPDATE_GOLDEN=1 and reviewed like code; where they disagree with SOURCES.md, the Kubernetes
 * source (and the real kubelet in the differential suite) decides.
 */
const corpus = new URL('./corpus/', import.meta.url).pathname;
const verdicts = new URL('./corpus-verdicts/', import.meta.url).pathname;
const update = process.env.UPDATE_GOLDEN === '1';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name === 'SOURCES.md' ? [] : [join(dir, e.name)],
  );
}

describe.each(files(corpus).map((f) => [relative(corpus, f)]))('%s', (name) => {
  it('has the golden verdict', () => {
    const text = readFileSync(join(corpus, name));
    const manifest = parseManifest(text, { file: name });
    const result = checkManifest(manifest, { nodeName: 'node-1' });
    const verdict = {
      findings: result.findings.map(
        (f) => `${f.ruleId} ${f.name} ${f.severity} ${f.line}:${f.column}${f.field ? ` ${f.field}` : ''}`,
      ),
      kubelet: (() => {
        const v = kubeletVerdict(manifest, { nodeName: 'node-1' });
        return v.runs ? 'runs' : `refuses (${v.stage}): ${v.error}`;
      })(),
    };
    const goldenFile = join(verdicts, `${name}.json`);
    if (update) {
      mkdirSync(dirname(goldenFile), { recursive: true });
      writeFileSync(goldenFile, `${JSON.stringify(verdict, null, 2)}\n`);
    }
    expect(existsSync(goldenFile), `${goldenFile} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(
      true,
    );
    expect(verdict).toEqual(JSON.parse(readFileSync(goldenFile, 'utf8')));
  });
});

describe('mirror Pod dumps turn back into clean manifests', () => {
  it.each(files(join(corpus, 'mirror-pods')).map((f) => [relative(corpus, f)]))('%s', (name) => {
    const pod = parseManifest(readFileSync(join(corpus, name)), { file: name }).value as Parameters<
      typeof isMirrorPod
    >[0];
    expect(isMirrorPod(pod)).toBe(true);
    const { manifest } = mirrorToStaticManifest(pod as Parameters<typeof mirrorToStaticManifest>[0]);
    const again = checkManifest(parseManifest(JSON.stringify(manifest), { file: name }), {
      nodeName: 'node-1',
    });
    expect(JSON.stringify(manifest)).not.toMatch(
      /kubernetes\.io\/config\.|resourceVersion|creationTimestamp|ownerReferences|"status"|"nodeName"/,
    );
    expect(again.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
