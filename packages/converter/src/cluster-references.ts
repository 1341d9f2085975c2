import type { ClusterFacts } from '@staticpods/core';
import type { PodSpec } from 'kubernetes-types/core/v1.js';
import type { Notes } from './notes.js';

/** The PriorityClasses every API server creates (pkg/apis/scheduling/types.go). */
const SYSTEM_PRIORITY_CLASSES = ['system-node-critical', 'system-cluster-critical'];

const TEMPLATE_SKIPS_ADMISSION =
  'the API server accepts the DaemonSet, even with --dry-run=server (a Pod template goes through no Pod ' +
  'admission), but';

/**
 * Classes the template names that the cluster does not have. Admission judges every Pod the
 * DaemonSet controller creates, not the template: Priority admission refuses a missing
 * PriorityClass (`plugin/pkg/admission/priority/admission.go` `admitPod`) and RuntimeClass admission
 * a missing RuntimeClass (`plugin/pkg/admission/runtimeclass/admission.go` `prepareObjects`), so the
 * DaemonSet would exist and never run a Pod. Only with facts about the cluster, and only for the
 * kinds of class the facts list.
 */
export function noteMissingClasses(spec: PodSpec, facts: ClusterFacts | undefined, notes: Notes): void {
  const priorityClass = spec.priorityClassName;
  if (
    priorityClass &&
    facts?.priorityClasses &&
    !SYSTEM_PRIORITY_CLASSES.includes(priorityClass) &&
    !facts.priorityClasses.some((c) => c.name === priorityClass)
  ) {
    notes.warn(
      'priority-class-missing',
      `PriorityClass ${priorityClass} does not exist in the cluster: ${TEMPLATE_SKIPS_ADMISSION} every Pod the ` +
        `DaemonSet controller creates is refused ("no PriorityClass with name ${priorityClass} was found"). ` +
        'Create the PriorityClass first.',
      ['spec', 'template', 'spec', 'priorityClassName'],
    );
  }
  const runtimeClass = spec.runtimeClassName;
  if (runtimeClass && facts?.runtimeClasses && !facts.runtimeClasses.some((c) => c.name === runtimeClass)) {
    notes.warn(
      'runtime-class-missing',
      `RuntimeClass ${runtimeClass} does not exist in the cluster: ${TEMPLATE_SKIPS_ADMISSION} every Pod the ` +
        `DaemonSet controller creates is refused ("pod rejected: RuntimeClass "${runtimeClass}" not found"). ` +
        'Create the RuntimeClass first.',
      ['spec', 'template', 'spec', 'runtimeClassName'],
    );
  }
}

/**
 * `spec.overhead` is RuntimeClass admission's to set, from the RuntimeClass: a Pod that carries one
 * without a RuntimeClass defining it is refused ("Pod Overhead set without corresponding RuntimeClass
 * defined Overhead"), as is one that differs from its RuntimeClass's. The template drops it.
 */
export function applyOverhead(spec: PodSpec, notes: Notes): void {
  if (spec.overhead === undefined || spec.overhead === null) return;
  delete spec.overhead;
  notes.add(
    'overhead-dropped',
    spec.runtimeClassName ? 'info' : 'warning',
    spec.runtimeClassName
      ? `spec.overhead dropped: RuntimeClass admission sets it from RuntimeClass ${spec.runtimeClassName} for every Pod.`
      : 'spec.overhead dropped: without a runtimeClassName, RuntimeClass admission refuses every Pod that sets it ' +
          '("pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead").',
    ['spec', 'overhead'],
  );
}
