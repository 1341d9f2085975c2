import { describe, expect, it } from 'vitest';
import { configHash, contentDigest, parseManifest } from '../../src/index.js';
import { Fnv128a } from '../../src/kubelet/config-hash/fnv128a.js';
import { parseQuantityState, roundUpQuantity } from '../../src/kubelet/config-hash/go-quantity.js';

// The exact agreement with the kubelet is proven live by packages/testkube's differential suite
// (test/differential/config-hash.test.ts); these are the properties of the API around it.

/** FNV-1a 128 with BigInt arithmetic, as the FNV specification states it. */
function fnvReference(bytes: Uint8Array): string {
  const prime = (1n << 88n) + 0x13bn;
  let h = 0x6c62272e07bb014262b821756295c58dn;
  for (const b of bytes) h = ((h ^ BigInt(b)) * prime) & ((1n << 128n) - 1n);
  return h.toString(16).padStart(32, '0');
}

const etcd = `apiVersion: v1
kind: Pod
metadata:
  name: etcd
  namespace: kube-system
spec:
  containers:
  - name: etcd
    image: registry.k8s.io/etcd:3.5.9-0
    resources:
      requests: {cpu: 100m, memory: 100Mi}
`;
const manifest = (text: string) => parseManifest(text, { file: 'etcd.yaml' });
const onNode = { nodeName: 'cp-1', path: '/etc/kubernetes/manifests/etcd.yaml' };

describe('Fnv128a', () => {
  it.each(['', 'a', 'foobar', 'host:cp-1', 'ünïcödé 🚀', 'x'.repeat(5000)])(
    'matches the FNV-1a definition for %j',
    (s) => {
      const bytes = new TextEncoder().encode(s);
      expect(new Fnv128a().update(bytes).hex()).toBe(fnvReference(bytes));
    },
  );
});

describe('configHash', () => {
  it('is 32 hex characters and depends on the node name and the path on the node', () => {
    const a = configHash(manifest(etcd), onNode);
    const b = configHash(manifest(etcd), { ...onNode, nodeName: 'cp-2' });
    const c = configHash(manifest(etcd), { ...onNode, path: '/etc/kubernetes/manifests/etcd.yml' });
    expect(a).toMatchObject({ ok: true, from: 'content', uid: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(new Set([a, b, c].map((h) => (h.ok ? h.uid : h.reason))).size).toBe(3);
  });

  it('changes with any edit of the content, not with how the YAML is written', () => {
    const base = configHash(manifest(etcd), onNode);
    const reformatted = configHash(
      manifest(`{"kind": "Pod", "apiVersion": "v1", "metadata": {"namespace": "kube-system", "name": "etcd"},
        "spec": {"containers": [{"image": "registry.k8s.io/etcd:3.5.9-0", "name": "etcd",
        "resources": {"requests": {"memory": "100Mi", "cpu": "100m"}}}]}}`),
      onNode,
    );
    const edited = configHash(manifest(etcd.replace('3.5.9-0', '3.5.10-0')), onNode);
    expect(reformatted).toEqual(base);
    expect(edited).not.toEqual(base);
  });

  it('counts defaults as the kubelet does: a default written out gives the same hash', () => {
    const explicit = etcd.replace('    image:', '    imagePullPolicy: IfNotPresent\n    image:');
    expect(configHash(manifest(explicit), onNode)).toEqual(configHash(manifest(etcd), onNode));
  });

  it('uses metadata.uid as it is', () => {
    const own = configHash(manifest(etcd.replace('  name: etcd\n', '  name: etcd\n  uid: my-uid\n')), onNode);
    expect(own).toEqual({ ok: true, uid: 'my-uid', from: 'manifest' });
  });

  it('says why when it cannot compute the hash', () => {
    const stamped = configHash(
      manifest(etcd.replace('  name: etcd\n', '  name: etcd\n  creationTimestamp: "2024-01-01T00:00:00Z"\n')),
      onNode,
    );
    expect(stamped).toEqual({ ok: false, reason: expect.stringContaining("kubelet's time zone") });
    expect(configHash(manifest('kind: Pod\n'), onNode)).toMatchObject({ ok: false });
    expect(configHash(manifest(etcd), { ...onNode, kubernetesVersion: { major: 1, minor: 33 } })).toEqual({
      ok: false,
      reason: expect.stringContaining('1.33 is not modelled'),
    });
  });
});

describe('contentDigest', () => {
  it('is the same for the same content on any node and path', () => {
    expect(contentDigest(manifest(etcd))).toMatch(/^[0-9a-f]{32}$/);
    expect(contentDigest(manifest(etcd))).toBe(contentDigest(manifest(`${etcd}\n# a comment\n`)));
    expect(contentDigest(manifest(etcd))).not.toBe(contentDigest(manifest(etcd.replace('100m', '200m'))));
  });
});

describe('Quantity state (resource.ParseQuantity, RoundUp)', () => {
  it('keeps the string only when Go takes it as canonical', () => {
    expect(parseQuantityState('100m')).toMatchObject({ value: 100n, scale: -3, s: '100m' });
    expect(parseQuantityState('1000m')).toMatchObject({ value: 1000n, scale: -3, s: '' });
    expect(parseQuantityState('1.5n')).toMatchObject({ dec: { unscaled: 2n, scale: 9 }, s: '' });
  });

  it('rounds to milli units as SetDefaults_ResourceList does', () => {
    const q = parseQuantityState('1.5n');
    expect(q && roundUpQuantity(q, -3)).toMatchObject({ dec: { unscaled: 1n, scale: 3 } });
    const n = parseQuantityState('1500000n');
    expect(n && roundUpQuantity(n, -3)).toMatchObject({ value: 2n, scale: -3, s: '' });
  });
});
