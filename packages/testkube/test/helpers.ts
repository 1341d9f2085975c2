import { randomBytes } from 'node:crypto';
import type { Pod } from '../src/index.js';

/** A node name unique to this test run, so test files sharing one control plane never collide. */
export function uniqueNode(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

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

/**
 * Polls `check` every 200 ms until it returns something other than undefined, and returns it.
 * Fails after `timeoutMs` (default 60 s) naming what it waited for. For state a real kubelet or
 * controller reaches asynchronously.
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
