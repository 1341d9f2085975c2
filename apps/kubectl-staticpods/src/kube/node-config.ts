import { kubeletStaticPodConfig } from '@staticpods/core';
import type { Transport } from './transport.js';

/**
 * A node's staticPodPath as its kubelet reports it in `GET /configz`, read through the API
 * server (`/api/v1/nodes/<node>/proxy/configz`, which needs `get nodes/proxy`); or why it could
 * not be read.
 */
export async function staticPodPathFromKubelet(
  transport: Transport,
  node: string,
): Promise<{ readonly path: string } | { readonly reason: string }> {
  let res: Awaited<ReturnType<Transport['request']>>;
  try {
    res = await transport.request({
      method: 'GET',
      path: `/api/v1/nodes/${encodeURIComponent(node)}/proxy/configz`,
    });
  } catch (error) {
    return { reason: error instanceof Error ? error.message : String(error) };
  }
  if (res.status === 403) return { reason: 'no permission to get nodes/proxy' };
  if (res.status === 404) return { reason: `node "${node}" not found` };
  if (res.status !== 200) return { reason: `the API server answered ${res.status}` };
  const config = kubeletStaticPodConfig(res.body);
  if (!config) return { reason: "the answer is not the kubelet's configuration" };
  if (!config.staticPodPath) return { reason: 'the kubelet reads no staticPodPath' };
  return { path: config.staticPodPath };
}
