import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import {
  type ClusterFacts,
  correlateFilesAndMirrors,
  type DriftRow,
  NEWEST_KUBERNETES_VERSION,
  readStaticPodPath,
  type SourceEntry,
} from '@staticpods/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, createObject, type HollowNode, type Pod, startNode, uniqueName } from '../../src/index.js';
import { CUSTOM_PRIORITY_CLASS, variants } from './api-variants.js';
import { type LayoutEntry, podYaml, writeLayout } from './layout.js';
import { readClusterFacts } from './mirror-verdicts.js';

/**
 * The core library's prediction for a whole staticPodPath against what a REAL kubelet (a hollow
 * node: k8s.io/kubernetes pkg/kubelet with a fake container runtime) does with it, through the
 * real API server. For every layout, core predicts (readStaticPodPath + correlateFilesAndMirrors
 * with no mirror Pods yet, i.e. kubeletView, kubeletVerdict and predictMirrorAdmission) which
 * files the kubelet runs, which one wins among duplicates, which mirror Pods the API server accepts
 * and the exact message of each refusal. The kubelet then runs the layout; compared per file:
 *  - runs: the Pod is among the kubelet's own `/pods` (through nodes/proxy), or is not;
 *  - the running Pod: namespace, name, labels, annotations (the seen time aside), tolerations and
 *    images equal core's view of the winning file, and its config hash equals core's configHash
 *    of that file at its real path;
 *  - mirror accepted: the mirror Pod exists, is current (config.mirror = the Pod's config.hash),
 *    owned by the Node, with the same labels and annotations;
 *  - mirror refused: no mirror Pod, and the kubelet logged "Failed creating a mirror pod" with
 *    exactly the message core predicted;
 * and nothing runs or is mirrored that core did not predict.
 */
const state = inject('testkube');
const tk = connect(state);
const admin = tk.client('admin');
const cluster = { ...tk, binaries: state.binaries };
const CORPUS = new URL('../../../core/test/corpus/', import.meta.url).pathname;
const roots: string[] = [];
const nodes: HollowNode[] = [];
let facts: ClusterFacts;

function corpusFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? corpusFiles(join(dir, e.name)) : e.name === 'SOURCES.md' ? [] : [join(dir, e.name)],
  );
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Layouts: the corpus (12 real manifests per staticPodPath), the API variants, and directory cases. */
function layouts(): Record<string, Record<string, LayoutEntry>> {
  const out: Record<string, Record<string, LayoutEntry>> = {};
  chunk(corpusFiles(CORPUS), 12).forEach((files, i) => {
    out[`corpus-${i}`] = Object.fromEntries(
      files.map((f) => [relative(CORPUS, f).replaceAll('/', '__'), { text: readFileSync(f) }]),
    );
  });
  // At most ~40 running Pods per node: the hollow kubelet admits 110 (maxPods), Pods included.
  chunk(variants(), 90).forEach((vs, i) => {
    out[`variants-${i}`] = Object.fromEntries(
      vs.map((v) => [`${v.id}.json`, { text: JSON.stringify(v.pod) }]),
    );
  });
  out['directory-cases'] = {
    'a-dup.yaml': { text: podYaml('dup', { namespace: 'kube-system', image: 'registry.k8s.io/pause:3.8' }) },
    'b-dup.yaml': { text: podYaml('dup', { namespace: 'kube-system', image: 'registry.k8s.io/pause:3.9' }) },
    'b-dup.yaml.bak': {
      text: podYaml('dup', { namespace: 'kube-system', image: 'registry.k8s.io/pause:3.10' }),
    },
    'c-dup-other-namespace.yaml': { text: podYaml('dup', { namespace: 'default' }) },
    '.hidden.yaml': { text: podYaml('hidden') },
    sub: { dir: { 'inner.yaml': podYaml('inner') } },
    'labels.yaml': {
      text: podYaml('labelled', {
        namespace: 'kube-system',
        metadata: '  labels:\n    tier: control-plane\n  annotations:\n    example.com/owner: team-a',
      }),
    },
    'uid.yaml': { text: podYaml('with-uid', { metadata: '  uid: 0123456789abcdef0123456789abcdef' }) },
    'tolerations.yaml': {
      text: podYaml('tolerant', {
        spec: '  tolerations:\n  - operator: Exists\n    effect: NoExecute\n    tolerationSeconds: 30',
      }),
    },
    'missing-namespace.yaml': { text: podYaml('lost', { namespace: 'staticpods-diff-missing' }) },
  };
  return out;
}

interface LayoutRun {
  readonly name: string;
  readonly node: HollowNode;
  readonly entries: readonly SourceEntry[];
  readonly predicted: readonly DriftRow[];
}

const runs: LayoutRun[] = [];

beforeAll(async () => {
  await createObject(tk, CUSTOM_PRIORITY_CLASS);
  facts = await readClusterFacts(tk);
  const all = Object.entries(layouts());
  // The layout is in place before the kubelet starts, so it reads it once, in directory order.
  for (const wave of chunk(all, 4)) {
    const started = await Promise.all(
      wave.map(async ([name, layout]) => {
        const root = mkdtempSync(join(tmpdir(), `staticpods-real-${name}-`));
        roots.push(root);
        const dir = join(root, 'manifests');
        writeLayout(dir, layout);
        const nodeName = uniqueName(`rk-${name}`).slice(0, 63);
        const report = await readStaticPodPath(dir, {
          nodeName,
          kubernetesVersion: NEWEST_KUBERNETES_VERSION,
        });
        // No mirror Pods yet: every row is a prediction. The files' path on the node is `dir`.
        const predicted = correlateFilesAndMirrors(report, [], {
          kubernetesVersion: NEWEST_KUBERNETES_VERSION,
          clusterFacts: facts,
          nodePath: dir,
        });
        const node = await startNode(cluster, { name: nodeName, staticPodPath: dir });
        nodes.push(node);
        return { name, node, entries: report.entries, predicted };
      }),
    );
    runs.push(...started);
  }
}, 600_000);

afterAll(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
  for (const r of roots) rmSync(r, { recursive: true, force: true });
  tk.close();
});

const REFUSED_PREFIX = 'the API server refuses the mirror Pod: ';
const KUBELET_REFUSES = 'the kubelet refuses the file: ';
const NEVER_STARTS = 'the kubelet never starts it: ';
/** What core predicts the kubelet does with a file, from the drift row made without mirror Pods. */
function kind(row: DriftRow): 'shadowed' | 'refused' | 'never-started' | 'mirror-refused' | 'mirrored' {
  if (row.status === 'shadowed') return 'shadowed';
  if (row.reason.startsWith(KUBELET_REFUSES)) return 'refused';
  if (row.reason.startsWith(NEVER_STARTS)) return 'never-started';
  return row.reason.startsWith(REFUSED_PREFIX) ? 'mirror-refused' : 'mirrored';
}
const key = (namespace: string | undefined, name: string | undefined) =>
  `${namespace || 'default'}/${name ?? ''}`;
const kubeletOwned = (a: Record<string, string> = {}) =>
  Object.fromEntries(
    Object.entries(a).filter(([k]) => k !== 'kubernetes.io/config.hash' && k !== 'kubernetes.io/config.seen'),
  );
/** JSON with sorted keys: Go maps have no order, so compare as sets of keys. */
const canon = (v: unknown): string =>
  JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );
const images = (p: { spec?: unknown }) =>
  ((p.spec as { containers?: { image?: string }[] } | undefined)?.containers ?? []).map((c) => c.image);

async function observe(run: LayoutRun): Promise<{ pods: Map<string, Pod>; mirrors: Map<string, Pod> }> {
  const res = await admin.request('GET', `/api/v1/nodes/${run.node.name}/proxy/pods`);
  const items = ((res.body as { items?: Pod[] | null }).items ?? []).filter(
    (p) => p.metadata.annotations?.['kubernetes.io/config.source'] === 'file',
  );
  const all = await admin.request('GET', '/api/v1/pods', undefined, {
    fieldSelector: `spec.nodeName=${run.node.name}`,
  });
  const mirrors = ((all.body as { items: Pod[] }).items ?? []).filter(
    (p) =>
      p.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined && !p.metadata.deletionTimestamp,
  );
  return {
    pods: new Map(items.map((p) => [key(p.metadata.namespace, p.metadata.name), p])),
    mirrors: new Map(mirrors.map((p) => [key(p.metadata.namespace, p.metadata.name), p])),
  };
}

/** Every disagreement between core's prediction and what the kubelet did, as lines; and the number of checks. */
async function compareRun(run: LayoutRun): Promise<{ checks: number; disagreements: string[] }> {
  const running = run.predicted.filter((r) => kind(r) === 'mirror-refused' || kind(r) === 'mirrored');
  const accepted = running.filter((r) => kind(r) === 'mirrored');
  const nodeUid = ((await admin.request('GET', `/api/v1/nodes/${run.node.name}`)).body as Pod).metadata.uid;
  // The kubelet converges within a few sync periods; wait until it matches or time runs out.
  const deadline = Date.now() + 45_000;
  let seen = await observe(run);
  while (
    Date.now() < deadline &&
    (seen.pods.size !== running.length ||
      seen.mirrors.size !== accepted.length ||
      [...seen.mirrors.values()].some(
        (m) =>
          m.metadata.annotations?.['kubernetes.io/config.mirror'] !==
          seen.pods.get(key(m.metadata.namespace, m.metadata.name))?.metadata.annotations?.[
            'kubernetes.io/config.hash'
          ],
      ))
  ) {
    await new Promise((r) => setTimeout(r, 500));
    seen = await observe(run);
  }
  const logs = run.node.logs();
  const out: string[] = [];
  let checks = 0;
  const check = (ok: boolean, what: string) => {
    checks++;
    if (!ok) out.push(`${run.name}: ${what}`);
  };
  const byFile = new Map(run.entries.map((e) => [e.path, e]));
  for (const row of run.predicted) {
    const k = key(row.namespace, row.mirrorName);
    const where = `${row.file ? relative(run.node.staticPodPath, row.file) : '?'} (${k})`;
    if (kind(row) === 'refused' || kind(row) === 'never-started') {
      // Refused files do not take part in duplicate resolution: a Pod of the same name may run
      // only when core predicts another file of that name runs.
      if (row.mirrorName) {
        const other = running.some((r) => key(r.namespace, r.mirrorName) === k);
        check(
          !seen.pods.has(k) || other,
          `${where}: core says the kubelet refuses it (${row.reason}), but it runs`,
        );
      }
      if (row.reason.includes('Unable to find pod for mirror pod, skipping')) {
        check(
          logs.includes(`"Unable to find pod for mirror pod, skipping" mirrorPod="${k}"`),
          `${where}: the kubelet did not log that it skips the mirror Pod dump`,
        );
      }
      continue;
    }
    if (kind(row) === 'shadowed') {
      check(seen.pods.has(k), `${where}: shadowed, but no Pod of that name runs`);
      continue;
    }
    const pod = seen.pods.get(k);
    check(pod !== undefined, `${where}: core says the kubelet runs it, but it does not`);
    const view = row.file ? byFile.get(row.file)?.verdict?.view : undefined;
    const expectedPod = row.file ? byFile.get(row.file)?.verdict?.pod : undefined;
    if (pod && view && expectedPod) {
      check(
        canon(pod.metadata.labels ?? {}) === canon(view.labels),
        `${where}: labels ${JSON.stringify(pod.metadata.labels)} vs core ${JSON.stringify(view.labels)}`,
      );
      check(
        canon(kubeletOwned(pod.metadata.annotations)) ===
          canon(kubeletOwned(view.annotations as Record<string, string>)),
        `${where}: annotations ${JSON.stringify(pod.metadata.annotations)} vs core ${JSON.stringify(view.annotations)}`,
      );
      if (view.annotations['kubernetes.io/config.hash'] !== undefined) {
        check(
          pod.metadata.annotations?.['kubernetes.io/config.hash'] ===
            view.annotations['kubernetes.io/config.hash'],
          `${where}: config.hash from metadata.uid`,
        );
      }
      check(
        JSON.stringify(pod.spec?.tolerations ?? []) === JSON.stringify(view.tolerations),
        `${where}: tolerations ${JSON.stringify(pod.spec?.tolerations)} vs core ${JSON.stringify(view.tolerations)}`,
      );
      // The kubelet's config hash (its UID for the file) against core's configHash at the real path.
      if (row.fileHash !== undefined) {
        check(
          pod.metadata.annotations?.['kubernetes.io/config.hash'] === row.fileHash,
          `${where}: config hash ${pod.metadata.annotations?.['kubernetes.io/config.hash']} vs core ${row.fileHash}`,
        );
      }
      check(
        JSON.stringify(images(pod)) === JSON.stringify(images(expectedPod)),
        `${where}: images ${images(pod)} vs core's winner ${images(expectedPod)}`,
      );
    }
    const mirror = seen.mirrors.get(k);
    if (row.reason.startsWith(REFUSED_PREFIX)) {
      const message = row.reason.slice(REFUSED_PREFIX.length);
      check(
        mirror === undefined,
        `${where}: core predicts the refusal "${message}", but the mirror Pod exists`,
      );
      check(
        logs.includes(`"Failed creating a mirror pod" err=${JSON.stringify(message)}`),
        `${where}: the kubelet did not log the refusal core predicts: "${message}"`,
      );
    } else {
      check(
        mirror !== undefined,
        `${where}: core predicts the API server accepts the mirror Pod, but there is none`,
      );
      if (mirror && pod) {
        check(
          mirror.metadata.annotations?.['kubernetes.io/config.mirror'] ===
            pod.metadata.annotations?.['kubernetes.io/config.hash'],
          `${where}: mirror not current`,
        );
        check(
          canon(mirror.metadata.labels ?? {}) === canon(pod.metadata.labels ?? {}),
          `${where}: mirror labels differ from the Pod's`,
        );
        check(
          JSON.stringify(mirror.metadata.ownerReferences) ===
            JSON.stringify([
              { apiVersion: 'v1', kind: 'Node', name: run.node.name, uid: nodeUid, controller: true },
            ]),
          `${where}: mirror owner ${JSON.stringify(mirror.metadata.ownerReferences)}`,
        );
      }
    }
  }
  const predictedRunning = new Set(running.map((r) => key(r.namespace, r.mirrorName)));
  for (const k of seen.pods.keys())
    check(predictedRunning.has(k), `${k}: the kubelet runs it, core did not predict it`);
  const predictedMirrors = new Set(accepted.map((r) => key(r.namespace, r.mirrorName)));
  for (const k of seen.mirrors.keys())
    check(predictedMirrors.has(k), `${k}: a mirror Pod core did not predict`);
  return { checks, disagreements: out };
}

describe('differential: core vs a real kubelet and API server, whole staticPodPaths', () => {
  it('exercises duplicates, refusals by the kubelet and by the API server, and accepted mirrors', () => {
    const statuses = new Set(runs.flatMap((r) => r.predicted.map(kind)));
    for (const s of ['refused', 'never-started', 'shadowed', 'mirror-refused', 'mirrored'] as const)
      expect(statuses.has(s), s).toBe(true);
    const reasons = runs.flatMap((r) => r.predicted.map((p) => p.reason));
    expect(reasons.some((r) => r.startsWith(REFUSED_PREFIX))).toBe(true);
    expect(reasons.some((r) => r.startsWith('no mirror Pod yet'))).toBe(true);
  });

  it('agrees on every file of every layout', async () => {
    let checks = 0;
    const disagreements: string[] = [];
    for (const run of runs) {
      const r = await compareRun(run);
      checks += r.checks;
      disagreements.push(...r.disagreements);
    }
    const files = runs.reduce((n, r) => n + r.predicted.length, 0);
    console.log(
      `[real-kubelet] ${runs.length} staticPodPaths, ${files} files, ${checks} checks: ${checks - disagreements.length} agree (${(
        (100 * (checks - disagreements.length)) / checks
      ).toFixed(2)} %)`,
    );
    expect(disagreements).toEqual([]);
  }, 600_000);
});
