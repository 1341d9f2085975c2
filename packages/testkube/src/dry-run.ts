import type { ControlPlaneClient, KubeconfigRef } from './cluster-client.js';
import { collectionPath, objectPath } from './resources.js';
import { isStatus, type KubeObject, type StatusCause } from './types.js';

/** Options for {@link dryRunCreate}, {@link createObject} and {@link deleteObject}. */
export interface ObjectRequestOptions {
  /** Identity to act as; default `'admin'`. */
  kubeconfig?: KubeconfigRef;
  /** Overrides `metadata.namespace` (default `default`) for namespaced kinds. */
  namespace?: string;
}

/** What the apiserver said about a create (or dry-run create). */
export interface ObjectResult {
  accepted: boolean;
  status: number;
  /** The apiserver's `Status.message`, verbatim ('' when accepted). */
  message: string;
  reason?: string;
  /** Validation causes of a 422 `Invalid` response. */
  causes?: StatusCause[];
  /** The object the server returned (defaulted, and for dry-run not persisted), or the Status. */
  object: unknown;
}

/**
 * Server-side dry run of a create (`kubectl create --dry-run=server`): `dryRun=All` runs
 * defaulting, validation and every admission plugin but persists nothing
 * (k8s.io/apiserver pkg/endpoints/handlers/create.go). The namespace must exist.
 */
export function dryRunCreate(
  cp: ControlPlaneClient,
  obj: KubeObject,
  opts: ObjectRequestOptions = {},
): Promise<ObjectResult> {
  return create(cp, obj, opts, true);
}

/** Creates `obj` for real (as admin unless `opts.kubeconfig` says otherwise). */
export function createObject(
  cp: ControlPlaneClient,
  obj: KubeObject,
  opts: ObjectRequestOptions = {},
): Promise<ObjectResult> {
  return create(cp, obj, opts, false);
}

/** Creates the namespace `name` unless it exists already (as admin). */
export async function ensureNamespace(cp: ControlPlaneClient, name: string): Promise<void> {
  const res = await createObject(cp, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  if (!res.accepted && res.status !== 409) throw new Error(`namespace ${name}: ${res.message}`);
}

/**
 * Deletes `obj` (by kind, namespace and name). A 404 counts as accepted, so cleanup is idempotent.
 * Note that without kube-controller-manager a deleted Namespace stays `Terminating` and owned
 * objects are not garbage-collected.
 */
export async function deleteObject(
  cp: ControlPlaneClient,
  obj: KubeObject,
  opts: ObjectRequestOptions = {},
): Promise<ObjectResult> {
  const res = await cp.client(opts.kubeconfig ?? 'admin').request('DELETE', objectPath(obj, opts.namespace));
  return toResult(res.status, res.body, res.status === 200 || res.status === 202 || res.status === 404);
}

async function create(
  cp: ControlPlaneClient,
  obj: KubeObject,
  opts: ObjectRequestOptions,
  dryRun: boolean,
): Promise<ObjectResult> {
  const query = { fieldManager: 'testkube', ...(dryRun ? { dryRun: 'All' } : {}) };
  const res = await cp
    .client(opts.kubeconfig ?? 'admin')
    .request('POST', collectionPath(obj, opts.namespace), obj, query);
  return toResult(res.status, res.body, res.status === 200 || res.status === 201);
}

function toResult(status: number, body: unknown, accepted: boolean): ObjectResult {
  const s = isStatus(body) ? body : undefined;
  const causes = s?.details?.causes;
  return {
    accepted,
    status,
    message: accepted ? '' : (s?.message ?? String(body)),
    ...(s?.reason === undefined || accepted ? {} : { reason: s.reason }),
    ...(causes === undefined || accepted ? {} : { causes }),
    object: body,
  };
}
