import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readStaticPodPath } from '@staticpods/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBinaries, runKubeletOracle, type TestBinaries } from '../../src/index.js';
import { compare, ORACLE_SCHEME_NAME } from './compare.js';
import { aliasBomb, type LayoutEntry, paddedPod, podYaml, writeLayout } from './layout.js';

/**
 * The core library's reading of a staticPodPath against the kubelet's own file source
 * (go/kubelet-oracle runs k8s.io/kubernetes pkg/kubelet/config), over a matrix of layouts.
 * Every field both sides produce must match: per entry, what the kubelet logs (message and
 * error text) and, for the Pods it runs, namespace, name, node, labels, annotations,
 * tolerations and the decoded spec fields listed in `podSummary`.
 */
const NODE = 'node-diff-1';
const MIB10 = 10 * 1024 * 1024;
const outside = mkdtempSync(join(tmpdir(), 'staticpods-outside-'));

const MATRIX: Record<string, LayoutEntry> = {
  'a-basic.yaml': { text: podYaml('basic', { namespace: 'kube-system' }) },
  'b-json-leading-space.json': {
    text: '  \n {"apiVersion":"v1","kind":"Pod","metadata":{"name":"json"},"spec":{"containers":[{"name":"c","image":"x"}]}}',
  },
  'b2-json-trailing-garbage.json': { text: '{"apiVersion":"v1","kind":"Pod"} trailing' },
  'b3-json-syntax.json': { text: '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x",}}' },
  'b4-yaml-flow-mapping.yaml': { text: '{apiVersion: v1, kind: Pod}' },
  '.dotfile.yaml': { text: podYaml('dotfile') },
  '.swp': { text: 'binary\u0000swap' },
  'c-subdir': { dir: { 'inner.yaml': podYaml('inner') } },
  'd-link.yaml': { symlink: join(outside, 'target.yaml') },
  'd2-link-to-dir': { symlink: outside },
  'e-dangling.yaml': { symlink: join(outside, 'missing.yaml') },
  'f-fifo': { fifo: true },
  'g-socket': { socket: true },
  'h-multidoc.yaml': {
    text: `${podYaml('multidoc')}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\n---\n{ not yaml: [\n`,
  },
  'i-empty.yaml': { text: '' },
  'i2-comment-only.yaml': { text: '# nothing here\n' },
  'j-empty-first-doc.yaml': { text: `---\n---\n${podYaml('after-empty')}` },
  'j2-leading-separator.yaml': { text: `---\n${podYaml('leading-separator')}` },
  'k-invalid-yaml.yaml': { text: 'apiVersion: v1\nkind: Pod\nmetadata: [\n' },
  'l-tabs.yaml': { text: 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: tabs\n' },
  'm-bom.yaml': { text: `\ufeff${podYaml('bom')}` },
  'm2-bom-json.json': {
    text: '\ufeff{"apiVersion":"v1","kind":"Pod","metadata":{"name":"bom-json"},"spec":{"containers":[{"name":"c","image":"x"}]}}',
  },
  'n-crlf.yaml': { text: podYaml('crlf').replaceAll('\n', '\r\n') },
  'o-over-10mib.yaml': { text: paddedPod('big', MIB10 + 1) },
  'o2-exactly-10mib.yaml': { text: paddedPod('exact', MIB10) },
  'o3-just-under-10mib.yaml': { text: paddedPod('under', MIB10 - 1) },
  'p-deployment.yaml': {
    text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec: {containers: [{name: c, image: x}]}\n',
  },
  'q-podlist.yaml': { text: `apiVersion: v1\nkind: PodList\nitems: []\n` },
  'q2-list.yaml': { text: 'apiVersion: v1\nkind: List\nitems: []\n' },
  'r-configmap.yaml': { text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: b\n' },
  's-missing-kind.yaml': { text: 'apiVersion: v1\nmetadata:\n  name: nokind\n' },
  't-missing-apiversion.yaml': { text: 'kind: Pod\nmetadata:\n  name: noversion\n' },
  'u-v2-pod.yaml': { text: 'apiVersion: v2\nkind: Pod\nmetadata:\n  name: v2\n' },
  'u2-bad-groupversion.yaml': { text: 'apiVersion: a/b/c\nkind: Pod\n' },
  'u3-scalar.yaml': { text: 'just a string\n' },
  'u4-list-document.yaml': { text: '- a\n- b\n' },
  'u5-number-kind.yaml': { text: 'apiVersion: v1\nkind: 3\n' },
  'v-no-name.yaml': { text: podYaml('').replace('  name: \n', '') },
  'w-dup-1.yaml': { text: podYaml('dup', { image: 'registry.k8s.io/pause:3.9' }) },
  'w-dup-2.yaml': { text: podYaml('dup', { image: 'registry.k8s.io/pause:3.10' }) },
  'w-dup-other-namespace.yaml': { text: podYaml('dup', { namespace: 'kube-system' }) },
  'x-backup.yaml.bak': {
    text: podYaml('basic', { namespace: 'kube-system', image: 'registry.k8s.io/pause:3.8' }),
  },
  'y-editor.yaml~': { text: podYaml('editor') },
  '4913': { text: '' },
  README: { text: 'This directory holds static Pod manifests.\n' },
  'z-binary': { text: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x0a]) },
  'z-latin1.yaml': {
    text: Buffer.concat([
      Buffer.from('apiVersion: v1\nkind: Pod\nmetadata:\n  name: caf'),
      Buffer.from([0xe9]),
      Buffer.from('\n'),
    ]),
  },
  'z-alias-bomb.yaml': { text: aliasBomb() },
  'z-alias-self.yaml': { text: 'a: &a [*a]\n' },
  'z-deep-flow.yaml': { text: `a: ${'['.repeat(12_000)}${']'.repeat(12_000)}\n` },
  // Inputs that once crashed the library or grew its work faster than the input (issue #11).
  'z-json-deep-10000.json': { text: `{"a":${'['.repeat(9_999)}${']'.repeat(9_999)}}` },
  'z-json-deep-10001.json': { text: `{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}` },
  'z-kind-map.yaml': { text: 'apiVersion: v1\nkind: {name: Pod}\nmetadata:\n  name: kindmap\n' },
  'z-null-items.yaml': { text: podYaml('nullitems', { spec: '  volumes: [~]\n  tolerations:\n  -' }) },
  'z-null-values.yaml': {
    text: podYaml('nullvalues', { metadata: '  labels: {a: ~}', spec: '  imagePullSecrets: [~]' }),
  },
  'z-many-aliases.yaml': {
    text: podYaml('aliases', {
      metadata: `  annotations: {${Array.from({ length: 5_000 }, (_, i) => `k${i}: *v`).join(', ')}}`,
    }).replace('metadata:\n', 'metadata:\n  labels: {v: &v value}\n'),
  },
  'z-many-duplicate-keys.yaml': {
    text: podYaml('dupkeys', { metadata: `  labels:\n${'    a: b\n'.repeat(20_000)}    a: last` }),
  },
  'z-yaml11.yaml': {
    text: podYaml('yaml11', {
      spec: '  hostNetwork: yes\n  volumes:\n  - name: s\n    downwardAPI:\n      defaultMode: 0644\n      items: [{path: l, fieldRef: {fieldPath: metadata.labels}}]',
    }),
  },
  'z-octal-label.yaml': { text: podYaml('octal', { metadata: '  labels:\n    mode: "0644"\n    on: x' }) },
  'z-y-key.yaml': { text: podYaml('ykey', { metadata: '  labels:\n    y: yes-label' }) },
  'z-timestamp-annotation.yaml': {
    text: podYaml('ts', { metadata: '  annotations:\n    built: 2024-01-02' }),
  },
  'z-unknown-field.yaml': { text: podYaml('unknown', { spec: '  hostnetwork: true\n  containers2: []' }) },
  'z-misspelled-volume.yaml': {
    text: podYaml('emptydir', { spec: '  volumes:\n  - name: logs\n    hostpath:\n      path: /var/log' }),
  },
  'z-secret.yaml': {
    text: podYaml('secret', { spec: '  volumes:\n  - name: s\n    secret:\n      secretName: creds' }),
  },
  'z-service-account.yaml': { text: podYaml('sa', { spec: '  serviceAccount: builder' }) },
  'z-configmap-env.yaml': {
    text: podYaml('cmenv').replace(
      '    image:',
      '    envFrom:\n    - configMapRef:\n        name: settings\n    image:',
    ),
  },
  'z-type-error.yaml': {
    text: podYaml('typeerr').replace('    image:', '    ports:\n    - containerPort: "80"\n    image:'),
  },
  'z-env-number.yaml': {
    text: podYaml('envnum').replace('    image:', '    env:\n    - name: PORT\n      value: 80\n    image:'),
  },
  'z-uppercase-name.yaml': { text: podYaml('Web') },
  'z-long-name.yaml': { text: podYaml('n'.repeat(250)) },
  'z-dup-key.yaml': { text: podYaml('dupkey').replace('    image:', '    image: first\n    image:') },
  'z-merge-keys.yaml': {
    text: 'base: &base\n  name: merged\n  namespace: kube-system\napiVersion: v1\nkind: Pod\nmetadata:\n  <<: *base\n  labels: {a: b}\nspec:\n  containers: [{name: c, image: x}]\n',
  },
  'z-privileged.yaml': {
    text: podYaml('priv').replace('    image:', '    securityContext:\n      privileged: true\n    image:'),
  },
  'z-nodename.yaml': { text: podYaml('nodename', { spec: '  nodeName: somewhere-else' }) },
  'z-uid.yaml': { text: podYaml('uid', { metadata: '  uid: 11111111-2222-3333-4444-555555555555' }) },
  'z-toleration-merge.yaml': {
    text: podYaml('tol', {
      spec: '  tolerations:\n  - operator: Exists\n    effect: NoExecute\n    tolerationSeconds: 30\n  - key: a\n    operator: Exists',
    }),
  },
  'z-ephemeral.yaml': {
    text: podYaml('eph', { spec: '  ephemeralContainers:\n  - name: dbg\n    image: busybox' }),
  },
  'z-scheduling-gates.yaml': {
    text: podYaml('gates', { spec: '  schedulingGates:\n  - name: example.com/x' }),
  },
  'z-mirror-dump.yaml': {
    text: podYaml('dump-node-1', {
      metadata: '  annotations:\n    kubernetes.io/config.mirror: abc\n    kubernetes.io/config.hash: abc',
    }),
  },
};

let bins: TestBinaries;
const roots: string[] = [outside];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});
beforeAll(async () => {
  bins = await ensureBinaries();
  writeLayout(outside, { 'target.yaml': { text: podYaml('linked') } });
});

function newRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'staticpods-diff-'));
  roots.push(root);
  return root;
}

describe('directory semantics: core vs the kubelet file source', () => {
  it(`agrees on every entry of a ${Object.keys(MATRIX).length}-entry staticPodPath`, async () => {
    const root = newRoot();
    writeLayout(root, MATRIX);
    const [ours, oracle] = await Promise.all([
      readStaticPodPath(root, { nodeName: NODE }),
      runKubeletOracle(bins, root, NODE),
    ]);
    expect(ours.entries).toHaveLength(Object.keys(MATRIX).length);
    expect(compare(ours, oracle)).toEqual([]);
    expect(oracle.logs.filter((l) => l.err?.includes(ORACLE_SCHEME_NAME)).length).toBe(2); // the exception above is exercised
    // The duplicate is resolved as the kubelet's store resolves it: the last file read wins.
    const dup = oracle.pods.find(
      (p) => p.metadata?.name === `dup-${NODE}` && p.metadata?.namespace === 'default',
    ) as { spec?: { containers?: { image?: string }[] } } | undefined;
    expect(dup?.spec?.containers?.[0]?.image).toBe('registry.k8s.io/pause:3.10');
  });

  it('agrees on a single-file staticPodPath', async () => {
    const root = newRoot();
    writeLayout(root, { 'only.yaml': { text: podYaml('only') } });
    const file = join(root, 'only.yaml');
    const [ours, oracle] = await Promise.all([
      readStaticPodPath(file, { nodeName: NODE }),
      runKubeletOracle(bins, file, NODE),
    ]);
    expect(compare(ours, oracle)).toEqual([]);
    expect(oracle.pods).toHaveLength(1);
  });

  it('agrees on an empty directory and on a missing path', async () => {
    const empty = newRoot();
    const missing = join(empty, 'nope');
    for (const path of [empty, missing]) {
      const [ours, oracle] = await Promise.all([
        readStaticPodPath(path, { nodeName: NODE }),
        runKubeletOracle(bins, path, NODE),
      ]);
      expect(compare(ours, oracle)).toEqual([]);
      expect(oracle.pods).toEqual([]);
    }
    const oracle = await runKubeletOracle(bins, missing, NODE);
    expect(oracle.logs.some((l) => l.err === 'path does not exist, ignoring')).toBe(true);
    expect((await readStaticPodPath(missing, { nodeName: NODE })).pathError).toBe(
      'path does not exist, ignoring',
    );
  });
});
