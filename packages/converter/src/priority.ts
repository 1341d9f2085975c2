import { kubeletConstants } from '@staticpods/core';
import type { PodSpec } from 'kubernetes-types/core/v1.js';
import type { Notes } from './notes.js';

/** The built-in PriorityClasses (pkg/apis/scheduling/types.go, created by every API server). */
const SYSTEM_CLASSES: ReadonlyMap<number, string> = new Map([
  [kubeletConstants.NODE_CRITICAL_PRIORITY, kubeletConstants.SYSTEM_NODE_CRITICAL],
  [kubeletConstants.CLUSTER_CRITICAL_PRIORITY, kubeletConstants.SYSTEM_CLUSTER_CRITICAL],
]);

const ADMISSION =
  'Priority admission computes spec.priority and spec.preemptionPolicy from the PriorityClass of every Pod the ' +
  'DaemonSet controller creates, and refuses a Pod that already carries a different value ' +
  '(plugin/pkg/admission/priority/admission.go admitPod)';

/**
 * Keeps `priority` consistent with `priorityClassName`. The kubelet does not resolve classes for
 * static Pods, which is why kubeadm writes both (kubernetes/kubernetes#114338); a DaemonSet Pod goes
 * through Priority admission like any Pod, so the integer is dropped and the class kept.
 */
export function applyPriority(spec: PodSpec, notes: Notes): void {
  const className = spec.priorityClassName;
  const priority = spec.priority;
  applyPreemptionPolicy(spec, notes);
  if (priority === undefined || priority === null) return;
  delete spec.priority;
  if (className) {
    const known = [...SYSTEM_CLASSES].find(([, name]) => name === className)?.[0];
    const mismatch =
      known !== undefined && known !== priority
        ? ` The value does not match ${className} (${known}): the API server refused this static Pod's mirror Pod.`
        : '';
    notes.add(
      'priority-dropped',
      mismatch ? 'warning' : 'info',
      `priority ${priority} dropped, priorityClassName ${className} kept: ${ADMISSION}.${mismatch}`,
      ['spec', 'priority'],
    );
    return;
  }
  const systemClass = SYSTEM_CLASSES.get(priority);
  if (systemClass) {
    spec.priorityClassName = systemClass;
    notes.warn(
      'priority-class-added',
      `priority ${priority} without priorityClassName replaced by priorityClassName ${systemClass}, the class with ` +
        `that value, so the Pods keep their priority: ${ADMISSION} (without a class it computes the global ` +
        'default, usually 0).',
      ['spec', 'priorityClassName'],
    );
    return;
  }
  notes.add(
    'priority-dropped',
    priority === 0 ? 'info' : 'warning',
    `priority ${priority} dropped: ${ADMISSION}, and without a priorityClassName it computes the global default ` +
      '(usually 0).' +
      (priority === 0
        ? ''
        : ` Create a PriorityClass with value ${priority} and set priorityClassName to keep it.`),
    ['spec', 'priority'],
  );
}

/**
 * `preemptionPolicy` must equal what the class gives (the system classes and "no class" give
 * PreemptLowerPriority), so it is dropped there; with a custom class only the class knows, so it is kept.
 */
function applyPreemptionPolicy(spec: PodSpec, notes: Notes): void {
  const policy = spec.preemptionPolicy;
  if (policy === undefined || policy === null) return;
  const className = spec.priorityClassName;
  const custom = className && ![...SYSTEM_CLASSES.values()].includes(className);
  if (custom) {
    notes.info(
      'preemption-policy-dropped',
      `preemptionPolicy ${policy} kept: it must equal the preemptionPolicy of PriorityClass ${className}, or ${ADMISSION}.`,
      ['spec', 'preemptionPolicy'],
    );
    return;
  }
  delete spec.preemptionPolicy;
  const changed = policy !== 'PreemptLowerPriority';
  notes.add(
    'preemption-policy-dropped',
    changed ? 'warning' : 'info',
    `preemptionPolicy ${policy} dropped: ${ADMISSION}, and ${className || 'no class'} gives PreemptLowerPriority.` +
      (changed ? ` To keep ${policy}, use a PriorityClass with preemptionPolicy ${policy}.` : ''),
    ['spec', 'preemptionPolicy'],
  );
}
