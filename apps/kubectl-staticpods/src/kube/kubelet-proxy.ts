import type { KubeletPods } from '@staticpods/core';
import { UserError } from '../errors.js';
import { isStatus, NODES } from './api.js';
import { listAll } from './list-pages.js';
import type { Transport } from './transport.js';

/** What one node's kubelet told the API server's node proxy. */
export interface KubeletAnswer {
  readonly node: string;
  /** Body of `GET /api/v1/nodes/<node>/proxy/pods`. */
  readonly pods: KubeletPods;
  /** Body of `GET /api/v1/nodes/<node>/proxy/configz`; undefined when the kubelet did not serve it. */
  readonly configz?: unknown;
}

/**
 * `nodes/proxy` is what `--kubelet` needs, and a powerful permission (it reaches every kubelet
 * endpoint), so a 403 says exactly that and what `list` shows without it.
 */
export class KubeletProxyForbiddenError extends UserError {
  constructor(node: string, serverMessage: string) {
    super(
      'E_FORBIDDEN',
      `cannot read the kubelet of node "${node}" (missing permission: get nodes/proxy): --kubelet asks each kubelet through the API server for the Pods it runs (GET /api/v1/nodes/${node}/proxy/pods)`,
      'ask a cluster administrator for get on nodes/proxy, or leave out --kubelet: list then shows mirror Pods only, which miss static Pods whose mirror Pod the API server refused',
      { details: [`server: ${serverMessage}`] },
    );
  }
}

/** Names of every node (needs list nodes). */
export async function listNodeNames(transport: Transport): Promise<string[]> {
  const nodes = await listAll(transport, NODES, { as: 'metadata' });
  return nodes.map((n) => n.metadata?.name ?? '').filter(Boolean);
}

/**
 * Reads `/pods` and `/configz` of one node's kubelet through the API server
 * (`/api/v1/nodes/<node>/proxy/…`, the route `kubectl get --raw` takes).
 */
export async function readKubelet(transport: Transport, node: string): Promise<KubeletAnswer> {
  const base = `/api/v1/nodes/${encodeURIComponent(node)}/proxy`;
  const pods = await transport.request({ method: 'GET', path: `${base}/pods` });
  if (pods.status !== 200) throw proxyError(node, 'pods', pods.status, pods.body);
  const configz = await transport.request({ method: 'GET', path: `${base}/configz` });
  // An older or locked-down kubelet may not serve /configz; the Pods are still the answer.
  const hasConfigz = configz.status === 200 && typeof configz.body === 'object';
  return { node, pods: pods.body as KubeletPods, ...(hasConfigz && { configz: configz.body }) };
}

function proxyError(node: string, what: string, status: number, body: unknown): UserError {
  const message =
    (isStatus(body) ? body.message : undefined) ??
    (typeof body === 'string' && body !== '' ? body.slice(0, 200) : `HTTP ${status}`);
  if (status === 403) return new KubeletProxyForbiddenError(node, message);
  if (status === 404) {
    return new UserError(
      'E_NOT_FOUND',
      `node "${node}" not found`,
      'check --node, or list nodes with "kubectl get nodes"',
    );
  }
  return new UserError(
    'E_API',
    `the API server could not read /${what} of the kubelet on node "${node}" (${status}): ${message}`,
    'the kubelet may be down or unreachable from the API server; check the node',
  );
}
