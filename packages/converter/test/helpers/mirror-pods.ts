import { createHash } from 'node:crypto';
import { applyKubeletDefaults, withPodDefaults } from '@staticpods/core';
import { createMirrorPod, type Pod as KubePod, registerNode } from '@staticpods/testkube';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { asKubeObject, controlPlane, prepareNamespace } from './apiserver.js';

/**
 * Real mirror Pods: for each node, the manifest as the kubelet holds it (decoder defaults,
 * `applyDefaults`), sent by that node with its own credentials exactly as `CreateMirrorPod` does
 * (testkube), and read back as the API server stored it. `edit` changes one node's manifest first.
 * The config hash stands in for the kubelet's (opaque) one: a digest of the node's manifest.
 */
export async function createMirrorPods(
  manifest: Pod,
  nodes: readonly string[],
  edit: (pod: Pod, node: string) => Pod = (pod) => pod,
): Promise<Pod[]> {
  const cp = controlPlane();
  await prepareNamespace(manifest.metadata?.namespace || 'default', 'default');
  const pods: Pod[] = [];
  for (const node of nodes) {
    await registerNode(cp, node);
    const own = edit(structuredClone(manifest), node);
    const hash = createHash('sha256')
      .update(`${node}\n${JSON.stringify(own)}`)
      .digest('hex')
      .slice(0, 32);
    const kubeletPod = applyKubeletDefaults(withPodDefaults(own), { nodeName: node, hash });
    const result = await createMirrorPod(cp, node, asKubeObject(kubeletPod) as KubePod);
    if (!result.accepted || !result.pod) throw new Error(`mirror Pod on ${node}: ${result.message}`);
    pods.push(result.pod as unknown as Pod);
  }
  return pods;
}
