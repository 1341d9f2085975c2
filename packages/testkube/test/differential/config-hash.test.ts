import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { configHash, kubeletVerdict, parseManifest } from '@staticpods/core';
import { afterAll, expect, inject, it } from 'vitest';
import {
  connect,
  ensureBinaries,
  type Pod,
  runKubeletOracle,
  startNode,
  uniqueName,
  waitFor,
} from '../../src/index.js';
import { hashVariants, QUANTITY_NOTATIONS, VOLUME_TYPES } from './hash-variants.js';

/**
 * `configHash` of @staticpods/core against the UID the kubelet's own file source generates
 * (go/kubelet-oracle logs `applyDefaults`' "Generated UID" with `podUID` and `source` for every file
 * it decodes, valid or not): every manifest of the shared corpus, every manifest fixture of core,
 * and generated variants. Every file the kubelet hashes must get exactly the kubelet's UID, or be
 * one we say we cannot compute (only: a timestamp is set, which Go keeps in the kubelet's time zone).
 * Files the kubelet cannot decode must not get a hash either.
 */
// Upper case on purpose: the hash takes the node name as the kubelet has it (the Pods are then
// refused, since spec.nodeName must be lower case, but the UID is generated before validation).
const NODE = 'Node-Hash-1';
const VARIANTS = 1200;
const root = mkdtempSync(join(tmpdir(), 'staticpods-config-hash-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const CORE_TEST = new URL('../../../core/test/', import.meta.url).pathname;
/** The real-world manifests (a copy of the project's shared corpus). */
const CORPUS = join(CORE_TEST, 'corpus');

function manifestsUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) out.push(...manifestsUnder(p));
    else if (
      /\.(ya?ml|json|manifest)$/.test(name) &&
      !name.endsWith('.kubelet-pod.json') &&
      st.size < 1 << 20
    )
      out.push(p);
  }
  return out;
}

interface Case {
  readonly label: string;
  readonly file: string;
}

it('gives every manifest the UID the kubelet generates', async () => {
  const cases: Case[] = [];
  const dir = join(root, 'manifests');
  mkdirSync(dir);
  const add = (label: string, ext: string, write: (path: string) => void) => {
    const file = join(dir, `${String(cases.length).padStart(5, '0')}${ext}`);
    write(file);
    cases.push({ label, file });
  };
  const corpus = manifestsUnder(CORPUS);
  const fixtures = manifestsUnder(CORE_TEST).filter((f) => !f.startsWith(`${CORPUS}/`));
  for (const f of corpus) add(`corpus ${relative(CORPUS, f)}`, '.yaml', (p) => copyFileSync(f, p));
  for (const f of fixtures) add(`core ${relative(CORE_TEST, f)}`, '.yaml', (p) => copyFileSync(f, p));
  const variants = hashVariants(VARIANTS);
  for (const v of variants)
    add(v.label, v.format === 'json' ? '.json' : '.yaml', (p) => writeFileSync(p, v.text));

  expect(corpus.length).toBeGreaterThan(40);
  expect(fixtures.length).toBeGreaterThan(300);

  const oracle = await runKubeletOracle(await ensureBinaries(), dir, NODE, { timeoutMs: 120_000 });
  const generated = new Map<string, string>();
  for (const log of oracle.logs) {
    if (log.msg === 'Generated UID' && log.values?.source && log.values.podUID) {
      generated.set(log.values.source, log.values.podUID);
    }
  }
  const uidsFromManifests = new Set<string>();

  const mismatches: string[] = [];
  const notComputable = new Map<string, number>();
  let exact = 0;
  let hashedByKubelet = 0;
  for (const c of cases) {
    const ours = configHash(parseManifest(readFileSync(c.file), { file: c.file }), {
      nodeName: NODE,
      path: c.file,
    });
    const theirs = generated.get(c.file);
    if (theirs !== undefined) hashedByKubelet++;
    if (!ours.ok) {
      if (theirs === undefined) continue;
      const reason = ours.reason.replace(/^not computable: \S+ /, 'not computable: … ');
      notComputable.set(reason, (notComputable.get(reason) ?? 0) + 1);
      if (!/time zone/.test(ours.reason))
        mismatches.push(`${c.label} (${c.file}): kubelet ${theirs}, ours: ${ours.reason}`);
      continue;
    }
    if (ours.from === 'manifest') {
      if (theirs !== undefined)
        mismatches.push(`${c.label}: the kubelet hashed a manifest with metadata.uid`);
      uidsFromManifests.add(ours.uid);
      continue;
    }
    if (theirs === undefined)
      mismatches.push(`${c.label} (${c.file}): ours ${ours.uid}, the kubelet generated none`);
    else if (theirs !== ours.uid)
      mismatches.push(`${c.label} (${c.file}): kubelet ${theirs}, ours ${ours.uid}`);
    else exact++;
  }
  const summary = {
    cases: cases.length,
    corpus: corpus.length,
    coreFixtures: fixtures.length,
    variants: variants.length,
    hashedByKubelet,
    exact,
    notComputable: Object.fromEntries(notComputable),
    uidsFromManifests: uidsFromManifests.size,
  };
  console.log(`config hash vs kubelet: ${JSON.stringify(summary)}`);
  expect(mismatches.slice(0, 20)).toEqual([]);
  expect(exact + [...notComputable.values()].reduce((a, b) => a + b, 0)).toBe(hashedByKubelet);
  expect(hashedByKubelet).toBeGreaterThan(VARIANTS);
  expect(QUANTITY_NOTATIONS.length).toBeGreaterThan(70);
  expect(VOLUME_TYPES.length).toBe(30);
}, 600_000);

it('keeps metadata.uid as it is, and the Pods the kubelet runs carry the UIDs we compute', async () => {
  const dir = join(root, 'running');
  mkdirSync(dir);
  const ownUid = 'b7e3f1c2-9d4a-4e8b-a6f5-0c1d2e3f4a5b';
  const files = {
    'own-uid.yaml': `apiVersion: v1\nkind: Pod\nmetadata: {name: own-uid, uid: ${ownUid}}\nspec: {containers: [{name: c, image: nginx}]}\n`,
    'etcd.yaml': readFileSync(join(CORPUS, 'kubeadm-etc-dump/etcd.yaml'), 'utf8'),
    'web.json':
      '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"}, "spec": {"containers": [{"name": "c", "image": "nginx", "resources": {"limits": {"cpu": 0.5}}}]}}',
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const node = 'cp-1';
  const oracle = await runKubeletOracle(await ensureBinaries(), dir, node);
  const ours = Object.keys(files).map((name) => {
    const path = join(dir, name);
    const h = configHash(parseManifest(readFileSync(path), { file: path }), { nodeName: node, path });
    return h.ok ? h.uid : h.reason;
  });
  expect(oracle.pods.map((p) => p.metadata?.uid).sort()).toEqual([...ours].sort());
  expect(ours).toContain(ownUid);
  for (const p of oracle.pods)
    expect(p.metadata?.annotations?.['kubernetes.io/config.hash']).toBe(p.metadata?.uid);
});

it('equals the config.mirror of the mirror Pods a real kubelet creates (a hollow node)', async () => {
  // The kubeadm control-plane manifests and generated variants the kubelet runs and whose mirror
  // Pods the API server accepts, in a hollow node's staticPodPath: the kubelet's own file source,
  // pod workers and mirror client make the mirror Pods; each carries the hash of its file.
  const state = inject('testkube');
  const tk = connect(state);
  const name = uniqueName('hash');
  const node = await startNode({ ...tk, binaries: state.binaries }, { name });
  try {
    const files = new Map<string, string>();
    for (const f of [
      'etcd.yaml',
      'kube-apiserver.yaml',
      'kube-controller-manager.yaml',
      'kube-scheduler.yaml',
    ]) {
      files.set(`kubeadm-${f}`, readFileSync(join(CORPUS, 'kubeadm-etc-dump', f), 'utf8'));
    }
    for (const v of hashVariants(800, 37)) {
      if (files.size >= 40) break;
      // Resource requests can exceed what the hollow node offers: the kubelet then rejects the Pod
      // at admission and makes no mirror Pod.
      if (/overhead|resources/.test(v.text)) continue;
      const parsed = parseManifest(v.text);
      const verdict = kubeletVerdict(parsed, { nodeName: name });
      const ns = verdict.view?.namespace;
      // Only Pods that run and whose mirror lands (an existing namespace, no priority games).
      if (!verdict.runs || (ns !== 'default' && ns !== 'kube-system') || /priority|uid/i.test(v.text))
        continue;
      files.set(`variant-${files.size}.${v.format}`, v.text);
    }
    for (const [file, text] of files) await node.writeManifest(file, text);
    const admin = tk.client('admin');
    const expected = new Map<string, string>();
    for (const [file, text] of files) {
      const path = join(node.staticPodPath, file);
      const h = configHash(parseManifest(text, { file: path }), { nodeName: name, path });
      const verdict = kubeletVerdict(parseManifest(text), { nodeName: name });
      if (!h.ok || !verdict.view) throw new Error(`${file}: ${h.ok ? 'no view' : h.reason}`);
      expected.set(`${verdict.view.namespace}/${verdict.view.mirrorName}`, h.uid);
    }
    // Wait until every mirror Pod is there, or none has come for 15 s (then the test fails, naming
    // the files without one).
    let mirrors = new Map<string, string>();
    let lastChange = Date.now();
    await waitFor(
      `mirror Pods on ${name}`,
      async () => {
        const got = new Map<string, string>();
        for (const ns of ['default', 'kube-system']) {
          const res = await admin.request(
            'GET',
            `/api/v1/namespaces/${ns}/pods?fieldSelector=spec.nodeName=${name}`,
          );
          for (const p of (res.body as { items: Pod[] }).items) {
            const mirror = p.metadata?.annotations?.['kubernetes.io/config.mirror'];
            if (mirror) got.set(`${ns}/${p.metadata?.name}`, mirror);
          }
        }
        if (got.size !== mirrors.size) lastChange = Date.now();
        mirrors = got;
        return got.size >= expected.size || Date.now() - lastChange > 15_000 ? true : undefined;
      },
      180_000,
    );
    const compared = [...mirrors].map(([key, mirror]) => [key, mirror, expected.get(key)]);
    console.log(`config hash vs a hollow kubelet's mirror Pods: ${mirrors.size} compared`);
    expect(compared.filter(([, mirror, ours]) => mirror !== ours)).toEqual([]);
    expect([...expected.keys()].filter((k) => !mirrors.has(k))).toEqual([]);
    expect(mirrors.size).toBeGreaterThan(20);
  } finally {
    await node.stop();
    tk.close();
  }
}, 300_000);
