import type { NodeSelectorRequirement, NodeSelectorTerm, Pod } from 'kubernetes-types/core/v1.js';

export interface NodeFacts {
  readonly name: string;
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * Whether a Pod's nodeSelector and required node affinity match a node, as the scheduler's
 * NodeAffinity plugin (which the kubelet runs on admission) decides it
 * (kubernetes/kubernetes v1.37.2 `pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go`,
 * `component-helpers/scheduling/corev1/nodeaffinity`).
 */
export function matchesNodeAffinity(pod: Pod, node: NodeFacts): boolean {
  const labels = node.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const terms =
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms) return true;
  return terms.some((t) => termMatches(t, node));
}

function termMatches(term: NodeSelectorTerm, node: NodeFacts): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  // An empty term matches nothing (`NodeSelectorTerm` with no requirements).
  if (exprs.length === 0 && fields.length === 0) return false;
  return (
    exprs.every((r) => requirementMatches(r, node.labels?.[r.key])) &&
    fields.every((r) => r.key === 'metadata.name' && requirementMatches(r, node.name))
  );
}

function requirementMatches(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      const a = Number.parseInt(value ?? '', 10);
      const b = Number.parseInt(values[0] ?? '', 10);
      if (Number.isNaN(a) || Number.isNaN(b)) return false;
      return r.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}
