import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { kubeletPodRows, kubeletStaticPodConfig } from '../../src/index.js';

const pod = (
  name: string,
  annotations: Record<string, string>,
  nodeName = 'cp-1',
  namespace = 'kube-system',
): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, annotations },
  spec: { nodeName, containers: [{ name: 'c', image: 'i' }] },
});
const staticPod = (name: string, hash: string, source = 'file') =>
  pod(name, { 'kubernetes.io/config.hash': hash, 'kubernetes.io/config.source': source });
const mirror = (name: string, hash: string, nodeName = 'cp-1') =>
  pod(
    name,
    {
      'kubernetes.io/config.hash': hash,
      'kubernetes.io/config.mirror': hash,
      'kubernetes.io/config.source': 'file',
    },
    nodeName,
  );

describe('kubeletPodRows', () => {
  it('joins static Pods with mirror Pods by namespace/name and compares config.mirror with config.hash', () => {
    const rows = kubeletPodRows(
      'cp-1',
      {
        items: [
          staticPod('etcd-cp-1', 'aaa'),
          staticPod('kube-apiserver-cp-1', 'bbb'),
          staticPod('agent-cp-1', 'ccc', 'http'),
          pod('web-7d9f', { 'kubernetes.io/config.source': 'api' }),
        ],
      },
      [
        mirror('etcd-cp-1', 'aaa'),
        mirror('kube-apiserver-cp-1', 'old'),
        mirror('kube-scheduler-cp-1', 'ddd'),
        mirror('etcd-cp-2', 'eee', 'cp-2'),
      ],
    );
    expect(rows.map((r) => [r.name, r.staticName, r.source, r.configHash, r.mirror])).toEqual([
      ['agent-cp-1', 'agent', 'http', 'ccc', 'no-mirror'],
      ['etcd-cp-1', 'etcd', 'file', 'aaa', 'mirrored'],
      ['kube-apiserver-cp-1', 'kube-apiserver', 'file', 'bbb', 'outdated-mirror'],
      ['kube-scheduler-cp-1', 'kube-scheduler', undefined, 'ddd', 'orphan-mirror'],
    ]);
    expect(rows.find((r) => r.mirror === 'orphan-mirror')?.pod).toBeUndefined();
  });

  it('a kubelet that holds no Pods ("items": null) gives only orphan rows', () => {
    expect(kubeletPodRows('cp-1', { items: null }, [])).toEqual([]);
  });
});

describe('kubeletStaticPodConfig', () => {
  it('reads the static-Pod settings of /configz', () => {
    expect(
      kubeletStaticPodConfig({
        kubeletconfig: {
          staticPodPath: '/etc/kubernetes/manifests',
          fileCheckFrequency: '20s',
          syncFrequency: '1m0s',
        },
      }),
    ).toEqual({ staticPodPath: '/etc/kubernetes/manifests', fileCheckFrequency: '20s' });
    expect(
      kubeletStaticPodConfig({ kubeletconfig: { staticPodPath: '', fileCheckFrequency: '20s' } }),
    ).toEqual({});
    expect(
      kubeletStaticPodConfig({ kubeletconfig: { staticPodURL: 'http://x/pods', httpCheckFrequency: '10s' } }),
    ).toEqual({ staticPodURL: 'http://x/pods', httpCheckFrequency: '10s' });
    expect(kubeletStaticPodConfig({ something: 'else' })).toBeUndefined();
    expect(kubeletStaticPodConfig(null)).toBeUndefined();
  });
});
