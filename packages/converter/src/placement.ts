import { kubeletConstants } from '@staticpods/core';
import type { PodSpec } from 'kubernetes-types/core/v1.js';
import { isDnsSubdomain, isLabelKey, isLabelValue } from './k8s-names.js';
import { listing, type Notes } from './notes.js';
import { CONTROL_PLANE_TOLERATION, toleratesControlPlaneTaint, toleratesEverything } from './tolerations.js';
import type { Placement } from './types.js';

const HOSTNAME_LABEL = 'kubernetes.io/hostname';

export interface PlacementContext {
  readonly placement: Placement;
  readonly sourceKind: 'file' | 'mirror';
  /** Nodes the mirror Pods ran on. */
  readonly observedNodes: readonly string[];
  readonly bootstrapComponent: string | undefined;
  /** The cut-over gate label, when on. */
  readonly gate: { readonly key: string; readonly value: string } | undefined;
}

/**
 * Restricts where the DaemonSet runs, on top of whatever the Pod already asks for: a node selector is
 * merged key by key (a conflicting value is an error, never an override) and a node list is added to
 * every required node-affinity term (terms are ORed, so adding it to each keeps the Pod's own terms
 * and requires the node list). The DaemonSet controller evaluates both before it creates a Pod
 * (`predicates` in pkg/controller/daemon/daemon_controller.go).
 * @returns the nodes the placement names, if it names any
 */
export function applyPlacement(spec: PodSpec, ctx: PlacementContext, notes: Notes): readonly string[] {
  const p = ctx.placement;
  let nodes: readonly string[] = [];
  // What the Pod asked for itself, before the placement adds to it.
  const own = {
    selector: Object.keys(spec.nodeSelector ?? {}).length > 0,
    affinity: spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution !== undefined,
  };
  const describe = (where: string) =>
    `The DaemonSet runs on ${where}${own.selector ? ", within the Pod's own nodeSelector" : ''}` +
    `${own.affinity ? ' and required node affinity (kept)' : ''}.`;
  switch (p.kind) {
    case 'all-nodes':
      notes.info('placement', describe('every node'));
      break;
    case 'node-selector':
      for (const [key, value] of Object.entries(p.selector).sort(([a], [b]) => (a < b ? -1 : 1))) {
        if (!isLabelKey(key) || !isLabelValue(value)) {
          notes.error('invalid-option', `placement node selector ${key}=${value} is not a valid label.`);
          continue;
        }
        requireLabel(spec, key, value, 'the placement', notes);
      }
      notes.info('placement', describe('nodes matching the node selector'));
      break;
    case 'nodes':
    case 'observed-nodes': {
      if (p.kind === 'observed-nodes' && ctx.sourceKind !== 'mirror') {
        notes.error(
          'invalid-option',
          'placement observed-nodes needs mirror Pods; a manifest file ran on no known node.',
        );
        break;
      }
      nodes = [...new Set(p.kind === 'nodes' ? p.nodes : ctx.observedNodes)].sort();
      const invalid = nodes.filter((n) => !isDnsSubdomain(n) || !isLabelValue(n));
      if (nodes.length === 0 || invalid.length > 0) {
        notes.error(
          'invalid-option',
          nodes.length === 0
            ? 'placement nodes needs at least one node.'
            : `node names ${listing(invalid)} cannot be matched with the ${HOSTNAME_LABEL} label (at most 63 ` +
                'characters of a label value); use a node-selector placement.',
        );
        break;
      }
      requireHostnames(spec, nodes);
      notes.info(
        'placement',
        `${describe(`nodes ${listing(nodes)}`)} Matched by the ${HOSTNAME_LABEL} label, which the kubelet sets ` +
          'to its hostname: it equals the node name unless the kubelet runs with --hostname-override (check ' +
          `with kubectl get nodes -L ${HOSTNAME_LABEL}).`,
        ['spec', 'affinity', 'nodeAffinity'],
      );
      break;
    }
    case 'control-plane':
      requireLabel(spec, kubeletConstants.CONTROL_PLANE_ROLE_LABEL, '', 'control-plane placement', notes);
      if (!(spec.tolerations ?? []).some(toleratesControlPlaneTaint)) {
        spec.tolerations = [...(spec.tolerations ?? []), { ...CONTROL_PLANE_TOLERATION }];
      }
      notes.info(
        'placement',
        `${describe('control-plane nodes')} The Pods tolerate the ${kubeletConstants.CONTROL_PLANE_ROLE_LABEL}:` +
          'NoSchedule taint, which the DaemonSet controller does not add for them (daemonset_util.go).',
        ['spec', 'tolerations'],
      );
      break;
  }
  if (ctx.gate) requireLabel(spec, ctx.gate.key, ctx.gate.value, 'the cut-over gate', notes);
  noteTaints(spec, ctx, notes);
  return nodes;
}

/** Adds `key=value` to the node selector; a different value already there is a conflict. */
function requireLabel(spec: PodSpec, key: string, value: string, what: string, notes: Notes): void {
  const current = spec.nodeSelector?.[key];
  if (current !== undefined && current !== value) {
    notes.error(
      'placement-conflict',
      `${what} needs node label ${key}=${value}, but the Pod's nodeSelector requires ${key}=${current}: no node ` +
        'can match both. Choose another placement or change the Pod.',
      ['spec', 'nodeSelector', key],
    );
    return;
  }
  spec.nodeSelector = { ...spec.nodeSelector, [key]: value };
}

function requireHostnames(spec: PodSpec, nodes: readonly string[]): void {
  const expression = { key: HOSTNAME_LABEL, operator: 'In', values: [...nodes] };
  const affinity = { ...spec.affinity };
  const nodeAffinity = { ...affinity.nodeAffinity };
  const terms = nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = {
    nodeSelectorTerms:
      terms.length === 0
        ? [{ matchExpressions: [expression] }]
        : terms.map((t) => ({ ...t, matchExpressions: [...(t.matchExpressions ?? []), expression] })),
  };
  affinity.nodeAffinity = nodeAffinity;
  spec.affinity = affinity;
}

/** Static Pods ignore taints; DaemonSet Pods do not (the controller checks NoSchedule and NoExecute). */
function noteTaints(spec: PodSpec, ctx: PlacementContext, notes: Notes): void {
  if (ctx.bootstrapComponent && ctx.placement.kind !== 'control-plane') {
    notes.warn(
      'control-plane-placement-suggested',
      `${ctx.bootstrapComponent} runs on control-plane nodes: use the control-plane placement, which selects them ` +
        'and tolerates their NoSchedule taint.',
    );
  }
  if (ctx.placement.kind === 'control-plane' || toleratesEverything(spec)) return;
  notes.warn(
    'taints-now-apply',
    'a static Pod runs on its node whatever the taints; the DaemonSet controller creates a Pod only on nodes ' +
      'whose NoSchedule and NoExecute taints it tolerates, and adds tolerations only for node-condition taints. ' +
      'Check the target nodes (kubectl get nodes -o custom-columns=NAME:.metadata.name,TAINTS:.spec.taints) ' +
      `and add tolerations for taints it must ignore, e.g. ${kubeletConstants.CONTROL_PLANE_ROLE_LABEL}:NoSchedule ` +
      'on control-plane nodes.',
    ['spec', 'tolerations'],
  );
}
