import { randomBytes } from 'node:crypto';
import type { Pod } from '../src/index.js';

/**
 * A static pod as the kubelet holds it after pkg/kubelet/config/common.go `applyDefaults`:
 * name `<name>-<node>`, namespace, spec.nodeName, the NoExecute toleration, config.* annotations.
 */
export function defaultedStaticPod(name: string, node: string, spec: Record<string, unknown> = {}): Pod {
  const hash = randomBytes(16).toString('hex');
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${name}-${node.toLowerCase()}`,
      namespace: 'kube-system',
      uid: hash,
      annotations: {
        'kubernetes.io/config.hash': hash,
        'kubernetes.io/config.source': 'file',
        'kubernetes.io/config.seen': new Date().toISOString(),
      },
    },
    spec: {
      nodeName: node,
      tolerations: [{ operator: 'Exists', effect: 'NoExecute' }],
      containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10' }],
      ...spec,
    },
    status: { phase: 'Pending' },
  };
}
