import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { UserError } from '../errors.js';
import {
  apiError,
  DAEMON_SETS,
  getObject,
  isStatus,
  NODES,
  PODS,
  type Resource,
  resourcePath,
} from '../kube/api.js';
import { listAll } from '../kube/list-pages.js';
import type { Transport } from '../kube/transport.js';

/** The field manager of every write of `migrate` (shown in managedFields). */
export const FIELD_MANAGER = 'kubectl-staticpods-migrate';

export async function getDaemonSet(
  t: Transport,
  namespace: string,
  name: string,
): Promise<DaemonSet | undefined> {
  return (await getObject(t, DAEMON_SETS, namespace, name)) as DaemonSet | undefined;
}

/** Creates the DaemonSet (with `dryRun`, the API server validates and admits it and stores nothing). */
export async function createDaemonSet(t: Transport, ds: DaemonSet, dryRun: boolean): Promise<DaemonSet> {
  const namespace = ds.metadata?.namespace ?? 'default';
  const res = await t.request({
    method: 'POST',
    path: resourcePath(DAEMON_SETS, namespace),
    query: { fieldManager: FIELD_MANAGER, ...(dryRun && { dryRun: 'All' }) },
    body: ds,
  });
  if (res.status === 200 || res.status === 201) return res.body as DaemonSet;
  if (isStatus(res.body) && (res.status === 422 || res.status === 400 || res.status === 409)) {
    const causes = (res.body.details as { causes?: { field?: string; message?: string }[] } | undefined)
      ?.causes;
    throw new UserError(
      'E_API',
      `the API server refused daemonset ${namespace}/${ds.metadata?.name}: ${res.body.message ?? `HTTP ${res.status}`}`,
      'nothing was changed; fix the manifest (kubectl staticpods check) or the conversion flags',
      { details: (causes ?? []).map((c) => `${c.field ?? ''}: ${c.message ?? ''}`) },
    );
  }
  throw apiError(res, t, 'create', DAEMON_SETS, namespace);
}

/**
 * Replaces one annotation only if it still has the value we read (a JSON Patch `test` then
 * `replace`, applied atomically by the API server), so two runs cannot interleave their progress.
 * @returns false when the annotation changed meanwhile.
 */
export async function compareAndSetAnnotation(
  t: Transport,
  resource: Resource,
  namespace: string | undefined,
  name: string,
  key: string,
  expected: string | undefined,
  value: string,
): Promise<boolean> {
  const path = `/metadata/annotations/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
  const res = await t.request({
    method: 'PATCH',
    path: resourcePath(resource, namespace, name),
    query: { fieldManager: FIELD_MANAGER },
    // With nothing to compare (an object adopted without the annotation), a merge patch, which also
    // works when the object has no annotations at all.
    ...(expected === undefined
      ? {
          contentType: 'application/merge-patch+json',
          body: { metadata: { annotations: { [key]: value } } },
        }
      : {
          contentType: 'application/json-patch+json',
          body: [
            { op: 'test', path, value: expected },
            { op: 'replace', path, value },
          ],
        }),
  });
  if (res.status === 200) return true;
  // A failed `test` is 422 ("the server rejected our request due to an error in our request").
  if (res.status === 422 || res.status === 409) return false;
  throw apiError(res, t, 'patch', resource, namespace);
}

/** Sets (`value`) or removes (`null`) a node label. */
export async function setNodeLabel(
  t: Transport,
  node: string,
  key: string,
  value: string | null,
): Promise<void> {
  const res = await t.request({
    method: 'PATCH',
    path: resourcePath(NODES, undefined, node),
    query: { fieldManager: FIELD_MANAGER },
    contentType: 'application/merge-patch+json',
    body: { metadata: { labels: { [key]: value } } },
  });
  if (res.status === 404)
    throw new UserError('E_NOT_FOUND', `node "${node}" not found`, 'check the node names of the plan');
  if (res.status !== 200) throw apiError(res, t, 'patch', NODES, undefined);
}

/** Deletes the DaemonSet and lets the garbage collector delete its Pods first (`--cascade=foreground`). */
export async function deleteDaemonSet(t: Transport, namespace: string, name: string): Promise<void> {
  const res = await t.request({
    method: 'DELETE',
    path: resourcePath(DAEMON_SETS, namespace, name),
    body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Foreground' },
  });
  if (res.status !== 200 && res.status !== 202 && res.status !== 404)
    throw apiError(res, t, 'delete', DAEMON_SETS, namespace);
}

export async function getPod(t: Transport, namespace: string, name: string): Promise<Pod | undefined> {
  return (await getObject(t, PODS, namespace, name)) as Pod | undefined;
}

/** Pods matching a label selector on one node. */
export async function podsOnNode(
  t: Transport,
  namespace: string,
  selector: string,
  node: string,
): Promise<Pod[]> {
  return (await listAll(t, PODS, {
    namespace,
    labelSelector: selector,
    fieldSelector: `spec.nodeName=${node}`,
  })) as Pod[];
}

export interface NodeInfo {
  readonly name: string;
  readonly exists: boolean;
  readonly ready: boolean;
  readonly labels: Readonly<Record<string, string>>;
}

export async function nodeInfo(t: Transport, name: string): Promise<NodeInfo> {
  const node = (await getObject(t, NODES, undefined, name)) as
    | {
        metadata?: { labels?: Record<string, string> };
        status?: { conditions?: { type?: string; status?: string }[] };
      }
    | undefined;
  return {
    name,
    exists: node !== undefined,
    ready: node?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
    labels: node?.metadata?.labels ?? {},
  };
}

export function isReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}
