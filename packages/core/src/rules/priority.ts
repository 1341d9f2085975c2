import type { Pod } from 'kubernetes-types/core/v1.js';
import {
  CLUSTER_CRITICAL_PRIORITY,
  NODE_CRITICAL_PRIORITY,
  SYSTEM_CLUSTER_CRITICAL,
  SYSTEM_NODE_CRITICAL,
} from '../kubelet/constants.js';
import type { ClusterFacts } from './rule.js';

/** The PriorityClasses every API server creates at start-up (`pkg/registry/scheduling/rest/storage_scheduling.go`). */
const SYSTEM_CLASSES = [
  { name: SYSTEM_NODE_CRITICAL, value: NODE_CRITICAL_PRIORITY },
  { name: SYSTEM_CLUSTER_CRITICAL, value: CLUSTER_CRITICAL_PRIORITY },
] as const;

export type PriorityResolution =
  | {
      readonly known: true;
      readonly value: number;
      readonly preemptionPolicy: string;
      readonly assumedNoDefault: boolean;
    }
  | { readonly known: false; readonly missingClass?: string };

/**
 * The priority the Priority admission plugin computes for a Pod
 * (kubernetes/kubernetes v1.37.2 `plugin/pkg/admission/priority/admission.go` `establishPriority`):
 * the class's value, or the lowest global default class, or 0 with PreemptLowerPriority.
 */
export function resolvePriority(pod: Pod, facts: ClusterFacts | undefined): PriorityResolution {
  const name = pod.spec?.priorityClassName ?? '';
  const classes = [...SYSTEM_CLASSES, ...(facts?.priorityClasses ?? [])];
  if (name === '') {
    const defaults = (facts?.priorityClasses ?? [])
      .filter((c) => c.globalDefault)
      .sort((a, b) => a.value - b.value);
    const d = defaults[0];
    if (d)
      return {
        known: true,
        value: d.value,
        preemptionPolicy: d.preemptionPolicy ?? 'PreemptLowerPriority',
        assumedNoDefault: false,
      };
    return {
      known: true,
      value: 0,
      preemptionPolicy: 'PreemptLowerPriority',
      assumedNoDefault: facts?.priorityClasses === undefined,
    };
  }
  const found = classes.find((c) => c.name === name);
  if (found) {
    const policy =
      'preemptionPolicy' in found && found.preemptionPolicy ? found.preemptionPolicy : 'PreemptLowerPriority';
    return { known: true, value: found.value, preemptionPolicy: policy, assumedNoDefault: false };
  }
  return facts?.priorityClasses ? { known: false, missingClass: name } : { known: false };
}
