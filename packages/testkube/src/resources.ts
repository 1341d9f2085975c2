import type { KubeObject } from './types.js';

interface Resource {
  plural: string;
  namespaced: boolean;
}

// apiVersion -> kind -> resource. Plurals are not derivable by rule in general (the apiserver's
// RESTMapper reads them from discovery), so the kinds the suites use are listed explicitly.
const RESOURCES: Record<string, Record<string, Resource>> = {
  v1: {
    Pod: { plural: 'pods', namespaced: true },
    Namespace: { plural: 'namespaces', namespaced: false },
    ServiceAccount: { plural: 'serviceaccounts', namespaced: true },
    ConfigMap: { plural: 'configmaps', namespaced: true },
    Secret: { plural: 'secrets', namespaced: true },
    Service: { plural: 'services', namespaced: true },
    Node: { plural: 'nodes', namespaced: false },
  },
  'apps/v1': {
    DaemonSet: { plural: 'daemonsets', namespaced: true },
    Deployment: { plural: 'deployments', namespaced: true },
    StatefulSet: { plural: 'statefulsets', namespaced: true },
    ReplicaSet: { plural: 'replicasets', namespaced: true },
  },
  'scheduling.k8s.io/v1': {
    PriorityClass: { plural: 'priorityclasses', namespaced: false },
  },
  'node.k8s.io/v1': {
    RuntimeClass: { plural: 'runtimeclasses', namespaced: false },
  },
  'rbac.authorization.k8s.io/v1': {
    Role: { plural: 'roles', namespaced: true },
    RoleBinding: { plural: 'rolebindings', namespaced: true },
    ClusterRole: { plural: 'clusterroles', namespaced: false },
    ClusterRoleBinding: { plural: 'clusterrolebindings', namespaced: false },
  },
};

/**
 * The collection URL for creating `obj` (`/api/v1/namespaces/<ns>/pods`,
 * `/apis/apps/v1/namespaces/<ns>/daemonsets`, `/api/v1/namespaces`, …). The namespace is
 * `namespace`, else the object's, else `default`. Throws for kinds not in the table.
 */
export function collectionPath(obj: KubeObject, namespace?: string): string {
  const apiVersion = obj.apiVersion ?? '';
  const kind = obj.kind ?? '';
  const r = RESOURCES[apiVersion]?.[kind];
  if (!r) {
    const known = Object.entries(RESOURCES).flatMap(([v, kinds]) =>
      Object.keys(kinds).map((k) => `${v} ${k}`),
    );
    throw new Error(
      `testkube does not know the resource for ${apiVersion} ${kind}; known: ${known.join(', ')}`,
    );
  }
  const root = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  if (!r.namespaced) return `${root}/${r.plural}`;
  const ns = namespace ?? obj.metadata?.namespace ?? 'default';
  return `${root}/namespaces/${encodeURIComponent(ns)}/${r.plural}`;
}

/** The URL of the named object `obj` (collection path + `/<metadata.name>`). */
export function objectPath(obj: KubeObject, namespace?: string): string {
  const name = obj.metadata?.name;
  if (!name) throw new Error(`${obj.kind ?? 'object'} has no metadata.name`);
  return `${collectionPath(obj, namespace)}/${encodeURIComponent(name)}`;
}
