import { describe, expect, it } from 'vitest';
import {
  applyKubeletDefaults,
  isMirrorPod,
  kubeletView,
  mirrorPodInfo,
  mirrorPodName,
  mirrorToStaticManifest,
  StaticPodsError,
  staticNameFromMirrorName,
} from '../../src/index.js';
import { mirrorPodFor, staticPod } from '../../src/testing.js';

describe.each([
  // [static name, node name, mirror name]
  ['kube-apiserver', 'cp-1', 'kube-apiserver-cp-1'],
  ['etcd', 'CP-1.Example.COM', 'etcd-cp-1.example.com'], // node name lower-cased (kubernetes/kubernetes#59849)
  ['agent', 'ÄNODE', 'agent-änode'], // Unicode lower-casing, like Go's strings.ToLower
  ['a-b', 'c', 'a-b-c'],
])('mirrorPodName(%s, %s)', (name, node, mirror) => {
  it(`is ${mirror}`, () => expect(mirrorPodName(name, node)).toBe(mirror));
  it('round-trips through staticNameFromMirrorName', () =>
    expect(staticNameFromMirrorName(mirror, node)).toBe(name));
});

describe('staticNameFromMirrorName', () => {
  it('refuses a name without the node suffix', () =>
    expect(staticNameFromMirrorName('web-7d9f', 'cp-1')).toBeUndefined());
  it('refuses a name that is only the suffix', () =>
    expect(staticNameFromMirrorName('-cp-1', 'cp-1')).toBeUndefined());
});

describe('kubeletView: the kubelet defaults (pkg/kubelet/config/common.go applyDefaults)', () => {
  it('names, places and tolerates a file Pod', () => {
    const view = kubeletView(staticPod({ name: 'web', namespace: '' }), { nodeName: 'Node-1' });
    expect(view).toMatchObject({
      staticName: 'web',
      mirrorName: 'web-node-1',
      namespace: 'default',
      nodeName: 'Node-1',
      tolerations: [{ operator: 'Exists', effect: 'NoExecute' }],
      annotations: { 'kubernetes.io/config.source': 'file' },
    });
    expect(view.annotations['kubernetes.io/config.hash']).toBeUndefined(); // opaque: never invented
  });

  it('adds no toleration to http Pods', () => {
    expect(kubeletView(staticPod({ name: 'web' }), { nodeName: 'n', source: 'http' }).tolerations).toEqual(
      [],
    );
  });

  it('replaces a matching toleration instead of adding a second one (AddOrUpdateTolerationInPod)', () => {
    const pod = staticPod({
      name: 'web',
      spec: {
        tolerations: [
          { operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
          { key: 'a', operator: 'Exists' },
        ],
      },
    });
    expect(kubeletView(pod, { nodeName: 'n' }).tolerations).toEqual([
      { operator: 'Exists', effect: 'NoExecute' },
      { key: 'a', operator: 'Exists' },
    ]);
  });

  it('uses metadata.uid as the config hash when the manifest sets it', () => {
    const pod = staticPod({ name: 'web' });
    pod.metadata = { ...pod.metadata, uid: 'fixed' };
    expect(kubeletView(pod, { nodeName: 'n' }).annotations['kubernetes.io/config.hash']).toBe('fixed');
  });

  it('applyKubeletDefaults gives the Pod the kubelet holds', () => {
    const held = applyKubeletDefaults(staticPod({ name: 'web', spec: { nodeName: 'elsewhere' } }), {
      nodeName: 'n1',
      hash: 'h',
    });
    expect(held.metadata).toMatchObject({
      name: 'web-n1',
      uid: 'h',
      annotations: { 'kubernetes.io/config.hash': 'h' },
    });
    expect(held.spec?.nodeName).toBe('n1');
    expect(held.status).toEqual({ phase: 'Pending' });
  });
});

describe('mirror Pods', () => {
  const mirror = mirrorPodFor(staticPod({ name: 'etcd', labels: { component: 'etcd' } }), {
    nodeName: 'cp-1',
    hash: 'abc',
    nodeUid: 'u-1',
  });

  it('are recognised by the config.mirror annotation', () => {
    expect(isMirrorPod(mirror)).toBe(true);
    expect(isMirrorPod(staticPod({ name: 'etcd' }))).toBe(false);
  });

  it('give back their static name, node, hash and source', () => {
    expect(mirrorPodInfo(mirror)).toEqual({
      mirrorName: 'etcd-cp-1',
      namespace: 'kube-system',
      nodeName: 'cp-1',
      staticName: 'etcd',
      configHash: 'abc',
      configSource: 'file',
      nodeOwner: { name: 'cp-1', uid: 'u-1' },
      hashMismatch: false,
    });
  });

  it('turn back into a clean manifest, every change listed', () => {
    const fromApi = {
      ...mirror,
      metadata: { ...mirror.metadata, resourceVersion: '42', creationTimestamp: '2026-01-01T00:00:00Z' },
      status: { phase: 'Running' },
    };
    const { manifest, repairs } = mirrorToStaticManifest(fromApi);
    expect(manifest).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'etcd', namespace: 'kube-system', labels: { component: 'etcd' } },
      spec: { containers: [{ name: 'etcd', image: 'registry.k8s.io/pause:3.10' }] },
    });
    expect(repairs.map((r) => r.path.join('.'))).toEqual(
      expect.arrayContaining([
        'metadata.uid',
        'metadata.resourceVersion',
        'metadata.ownerReferences',
        'metadata.name',
        'spec.nodeName',
        'spec.tolerations.0',
        'status',
      ]),
    );
  });

  it('refuses a Pod that is not a mirror Pod', () => {
    expect(() => mirrorToStaticManifest(staticPod({ name: 'x' }))).toThrow(StaticPodsError);
  });
});
