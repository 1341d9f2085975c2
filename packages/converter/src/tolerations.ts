import { isKubeletWildcardToleration, kubeletConstants } from '@staticpods/core';
import type { PodSpec, Toleration } from 'kubernetes-types/core/v1.js';
import type { Notes } from './notes.js';

const CONTROLLER_TOLERATIONS =
  'the DaemonSet controller adds NoExecute tolerations for node.kubernetes.io/not-ready and ' +
  'node.kubernetes.io/unreachable (and NoSchedule ones for the disk-, memory- and pid-pressure, unschedulable ' +
  'and, with hostNetwork, network-unavailable taints) to every Pod it creates ' +
  '(AddOrUpdateDaemonPodTolerations, pkg/controller/daemon/util/daemonset_util.go)';

/**
 * The kubelet gives every file-sourced static Pod `{operator: Exists, effect: NoExecute}`
 * (`applyDefaults`, pkg/kubelet/config/common.go): it tolerates every NoExecute taint, so nothing evicts
 * it. Documented default: the DaemonSet does not carry it, because the controller already adds the
 * tolerations that keep daemon Pods on failing nodes, and a wildcard would also keep the Pods on nodes
 * tainted NoExecute on purpose (for maintenance or by a taint manager). `keep` restores it.
 */
export function applyKubeletToleration(
  spec: PodSpec,
  options: { readonly keep: boolean; readonly kubeletAddsIt: boolean },
  notes: Notes,
): void {
  const present = (spec.tolerations ?? []).some(isKubeletWildcardToleration);
  if (options.keep) {
    if (!present && options.kubeletAddsIt) {
      spec.tolerations = [...(spec.tolerations ?? []), { ...kubeletConstants.STATIC_POD_TOLERATION }];
    }
    if (present || options.kubeletAddsIt) {
      notes.info(
        'kubelet-toleration-kept',
        'the wildcard toleration {operator: Exists, effect: NoExecute} is kept (keepKubeletToleration): like the ' +
          'static Pod, the DaemonSet Pods tolerate every NoExecute taint and are never evicted by one.',
        ['spec', 'tolerations'],
      );
    }
    return;
  }
  if (!present && !options.kubeletAddsIt) return;
  const kept = (spec.tolerations ?? []).filter((t) => !isKubeletWildcardToleration(t));
  if (kept.length > 0) spec.tolerations = kept;
  else delete spec.tolerations;
  notes.info(
    'kubelet-toleration-dropped',
    `the wildcard toleration {operator: Exists, effect: NoExecute} ${present ? 'in the Pod' : 'that the kubelet adds to static Pods'} ` +
      `is not carried over: ${CONTROLLER_TOLERATIONS}. Other NoExecute taints now evict the Pods, as for any ` +
      'workload.',
    ['spec', 'tolerations'],
    { option: 'keepKubeletToleration', value: true, effect: 'keep the static Pod behaviour' },
  );
}

/** Whether a toleration lets a Pod onto a node with the kubeadm control-plane `NoSchedule` taint. */
export function toleratesControlPlaneTaint(t: Toleration): boolean {
  const effectOk = !t.effect || t.effect === 'NoSchedule';
  if (!effectOk) return false;
  if (!t.key) return t.operator === 'Exists';
  // The kubeadm taint has no value: Exists, or Equal (the default operator) with an empty value, match it.
  return (
    t.key === kubeletConstants.CONTROL_PLANE_ROLE_LABEL &&
    (t.operator === 'Exists' || ((t.operator ?? 'Equal') === 'Equal' && !t.value))
  );
}

/** Whether the Pod tolerates every taint (`operator: Exists` with neither key nor effect). */
export function toleratesEverything(spec: PodSpec): boolean {
  return (spec.tolerations ?? []).some((t) => t.operator === 'Exists' && !t.key && !t.effect);
}

export const CONTROL_PLANE_TOLERATION: Toleration = Object.freeze({
  key: kubeletConstants.CONTROL_PLANE_ROLE_LABEL,
  operator: 'Exists',
  effect: 'NoSchedule',
});
