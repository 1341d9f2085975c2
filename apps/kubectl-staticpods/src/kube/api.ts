import { UserError } from '../errors.js';
import type { KubeResponse, Transport } from './transport.js';

/** A REST resource: `pods` in the core group, `priorityclasses.scheduling.k8s.io`, … */
export interface Resource {
  readonly group: string;
  readonly version: string;
  /** Plural, lower case. */
  readonly plural: string;
  readonly namespaced: boolean;
}

export const PODS: Resource = { group: '', version: 'v1', plural: 'pods', namespaced: true };
export const NAMESPACES: Resource = { group: '', version: 'v1', plural: 'namespaces', namespaced: false };
export const NODES: Resource = { group: '', version: 'v1', plural: 'nodes', namespaced: false };
export const PRIORITY_CLASSES: Resource = {
  group: 'scheduling.k8s.io',
  version: 'v1',
  plural: 'priorityclasses',
  namespaced: false,
};
export const RUNTIME_CLASSES: Resource = {
  group: 'node.k8s.io',
  version: 'v1',
  plural: 'runtimeclasses',
  namespaced: false,
};
export const DAEMON_SETS: Resource = { group: 'apps', version: 'v1', plural: 'daemonsets', namespaced: true };

/** The Accept header of a metadata-only list (what `kubectl get --raw` calls PartialObjectMetadataList). */
export const METADATA_LIST_ACCEPT =
  'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1beta1,application/json';

/** A Kubernetes `Status` object, as returned with errors. */
export interface Status {
  readonly kind: 'Status';
  readonly message?: string;
  readonly reason?: string;
  readonly code?: number;
  readonly details?: { readonly kind?: string; readonly group?: string; readonly name?: string };
}

export function isStatus(body: unknown): body is Status {
  return typeof body === 'object' && body !== null && (body as { kind?: unknown }).kind === 'Status';
}

/** A 403 from the API server, with what was missing. */
export class ForbiddenError extends UserError {
  constructor(
    readonly verb: string,
    readonly resource: Resource,
    readonly namespace: string | undefined,
    serverMessage: string,
  ) {
    const what = `${resource.plural}${resource.group ? `.${resource.group}` : ''}`;
    super(
      'E_FORBIDDEN',
      namespace === undefined
        ? `cannot ${verb} ${what} at the cluster scope (missing permission: ${verb} ${what} cluster-wide)`
        : `cannot ${verb} ${what} in namespace "${namespace}" (missing permission: ${verb} ${what} in namespace ${namespace})`,
      'ask a cluster administrator for that permission, or use a context that has it',
      { details: [`server: ${serverMessage}`] },
    );
  }
}

export function resourcePath(resource: Resource, namespace?: string, name?: string): string {
  const prefix =
    resource.group === '' ? `/api/${resource.version}` : `/apis/${resource.group}/${resource.version}`;
  const ns =
    resource.namespaced && namespace !== undefined ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${prefix}${ns}/${resource.plural}${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;
}

export interface ListItem {
  readonly metadata?: {
    readonly name?: string;
    readonly namespace?: string;
    readonly annotations?: Record<string, string>;
    readonly [key: string]: unknown;
  };
  readonly [key: string]: unknown;
}

/** Gets one object; undefined when it does not exist. */
export async function getObject(
  transport: Transport,
  resource: Resource,
  namespace: string | undefined,
  name: string,
): Promise<ListItem | undefined> {
  const res = await transport.request({ method: 'GET', path: resourcePath(resource, namespace, name) });
  if (res.status === 404) return undefined;
  if (res.status !== 200) throw apiError(res, transport, 'get', resource, namespace);
  return res.body as ListItem;
}

/** The verdict of a create; with `dryRun` the API server runs admission and validation but stores nothing. */
export interface CreateResult {
  readonly accepted: boolean;
  readonly status: number;
  readonly message: string;
  readonly reason?: string;
  readonly causes?: readonly {
    readonly field?: string;
    readonly message?: string;
    readonly reason?: string;
  }[];
  readonly object?: unknown;
}

export async function createObject(
  transport: Transport,
  resource: Resource,
  namespace: string | undefined,
  body: unknown,
  options: { dryRun: boolean },
): Promise<CreateResult> {
  const res = await transport.request({
    method: 'POST',
    path: resourcePath(resource, namespace),
    query: { fieldManager: 'kubectl-staticpods', ...(options.dryRun && { dryRun: 'All' }) },
    body,
  });
  if (res.status === 200 || res.status === 201)
    return { accepted: true, status: res.status, message: '', object: res.body };
  // A missing permission is a failure of the run, not a verdict on the object.
  if (
    res.status === 401 ||
    (res.status === 403 && isStatus(res.body) && /cannot create resource/.test(res.body.message ?? ''))
  ) {
    throw apiError(res, transport, 'create', resource, namespace);
  }
  const status = isStatus(res.body) ? res.body : undefined;
  if (!status) throw apiError(res, transport, 'create', resource, namespace);
  const causes = (status.details as { causes?: CreateResult['causes'] } | undefined)?.causes;
  return {
    accepted: false,
    status: res.status,
    message: status.message ?? `HTTP ${res.status}`,
    ...(status.reason && { reason: status.reason }),
    ...(causes && { causes }),
  };
}

/** Turns an unexpected answer into an error that names what failed and what to do. */
export function apiError(
  res: KubeResponse,
  transport: Transport,
  verb: string,
  resource: Resource,
  namespace: string | undefined,
): UserError {
  const status = isStatus(res.body) ? res.body : undefined;
  const message =
    status?.message ?? (typeof res.body === 'string' ? res.body.slice(0, 200) : `HTTP ${res.status}`);
  const target = transport.target;
  const ctx = target.contextName ? ` (context "${target.contextName}")` : '';
  if (res.status === 403)
    return new ForbiddenError(verb, resource, resource.namespaced ? namespace : undefined, message);
  if (res.status === 401) {
    return new UserError(
      'E_UNAUTHORIZED',
      `the API server at ${target.cluster.server}${ctx} rejected the credentials of user "${target.userName}" (401 Unauthorized)`,
      'log in again or get a fresh kubeconfig; the token or certificate may be expired or revoked',
      { details: [`server: ${message}`] },
    );
  }
  if (
    res.status === 404 &&
    resource.namespaced &&
    namespace !== undefined &&
    status?.details?.kind === 'namespaces'
  ) {
    return new UserError(
      'E_NOT_FOUND',
      `namespace "${namespace}" not found${ctx}`,
      'check -n, or list namespaces with "kubectl get namespaces"',
    );
  }
  return new UserError(
    'E_API',
    `the API server answered ${res.status}${status?.reason ? ` ${status.reason}` : ''} to ${verb} ${resource.plural}${ctx}: ${message}`,
    'try again; if it persists, check the API server',
  );
}
