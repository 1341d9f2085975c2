/**
 * Where completion gets its values: the kubeconfig (contexts, clusters, users), the cluster
 * (namespaces, nodes, mirror Pods: one metadata-only list each, with the connection flags typed
 * so far) and core (Kubernetes versions, rules). A TAB must not hang: requests time out after
 * a few seconds unless --request-timeout says otherwise.
 */
import {
  allRules,
  formatVersion,
  mirrorPodInfo,
  NEWEST_KUBERNETES_VERSION,
  OLDEST_KUBERNETES_VERSION,
} from '@staticpods/core';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { io } from '../io.js';
import { NAMESPACES, NODES, PODS, type Resource } from '../kube/api.js';
import { connect } from '../kube/connect.js';
import { type ConnectionFlags, kubeconfigNames, loadKubeTarget } from '../kube/kubeconfig.js';
import { listAll } from '../kube/list-pages.js';
import { formatList } from '../output/format-names.js';
import { findCommand } from '../registry.js';
import type { GivenFlags, ValueKind, ValueSource } from './complete.js';

const COMPLETION_TIMEOUT = '5s';

const text = (given: GivenFlags, name: string) => {
  const v = given[name];
  return typeof v === 'string' ? v : undefined;
};

function connectionFlags(given: GivenFlags): ConnectionFlags {
  return {
    kubeconfig: text(given, 'kubeconfig'),
    context: text(given, 'context'),
    cluster: text(given, 'cluster'),
    user: text(given, 'user'),
    namespace: text(given, 'namespace'),
  };
}

async function names(given: GivenFlags, resource: Resource, namespace?: string) {
  const transport = await connect({
    ...connectionFlags(given),
    'request-timeout': text(given, 'request-timeout') ?? COMPLETION_TIMEOUT,
  });
  try {
    return await listAll(transport, resource, { as: 'metadata', namespace });
  } finally {
    transport.close();
  }
}

/** The values completion lists, by kind. */
export const valueSource: ValueSource = async (kind: ValueKind, given: GivenFlags, command: string) => {
  switch (kind) {
    case 'contexts':
    case 'clusters':
    case 'users':
      return kubeconfigNames(connectionFlags(given), io().env)[kind];
    case 'namespaces':
      return (await names(given, NAMESPACES)).map((i) => i.metadata?.name ?? '').filter(Boolean);
    case 'nodes':
      return (await names(given, NODES)).map((i) => i.metadata?.name ?? '').filter(Boolean);
    case 'mirror-pods': {
      // -A: every namespace; else -n, else the context's namespace (what the command will use).
      const all = given['all-namespaces'] === true;
      const namespace = all ? undefined : loadKubeTarget(connectionFlags(given), io().env).namespace;
      return (await names(given, PODS, namespace)).flatMap((item) => {
        const info = mirrorPodInfo(item as Pod);
        if (!info) return [];
        const what = info.staticName ?? info.mirrorName;
        return [
          `${info.mirrorName}\tstatic Pod ${info.namespace}/${what}${info.nodeName ? ` on ${info.nodeName}` : ''}`,
        ];
      });
    }
    case 'kubernetes-versions': {
      const versions: string[] = [];
      for (let minor = NEWEST_KUBERNETES_VERSION.minor; minor >= OLDEST_KUBERNETES_VERSION.minor; minor--)
        versions.push(formatVersion({ major: 1, minor }));
      return versions;
    }
    case 'rules':
      return allRules.flatMap((r) => [`${r.id}\t${r.name}`, `${r.name}\t${r.id}`]);
    case 'outputs':
      // The formats the command declares (src/registry.ts); those that go on with a template end in `=`.
      return formatList(findCommand(command)?.formats ?? []).map((o) => o.replace('…', ''));
    case 'files':
    case 'dirs':
      return [];
  }
};
