import type { PodSpec } from 'kubernetes-types/core/v1.js';
import type { Notes } from './notes.js';

/**
 * A DaemonSet accepts only `restartPolicy: Always` and no `activeDeadlineSeconds`
 * (`ValidateDaemonSetSpec` in pkg/apis/apps/validation/validation.go, v1.37.2:
 * `spec.template.spec.restartPolicy: Unsupported value: …: supported values: "Always"` and
 * `spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported`).
 * Both change what the Pod does, so neither is rewritten silently.
 */
export function applyRestartPolicy(spec: PodSpec, rewrite: boolean, notes: Notes): void {
  const policy = spec.restartPolicy;
  if (policy !== undefined && policy !== 'Always') {
    const effect =
      policy === 'Never'
        ? 'containers that exit, successfully or not, are then restarted'
        : 'containers that exit successfully are then restarted too';
    if (rewrite) {
      delete spec.restartPolicy;
      notes.warn(
        'restart-policy-rewritten',
        `restartPolicy ${policy} replaced by Always (the default, so the field is omitted), the only value a ` +
          `DaemonSet accepts: ${effect}, so a run-once task becomes a restart loop.`,
        ['spec', 'restartPolicy'],
      );
    } else {
      notes.error(
        'restart-policy',
        `restartPolicy is ${policy}, but a DaemonSet only accepts Always (spec.template.spec.restartPolicy: ` +
          `Unsupported value: "${policy}": supported values: "Always").`,
        ['spec', 'restartPolicy'],
        { option: 'rewriteRestartPolicy', value: true, effect: `convert anyway: ${effect}` },
      );
    }
  }
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null) {
    notes.error(
      'active-deadline-seconds',
      `activeDeadlineSeconds is ${spec.activeDeadlineSeconds}: the static Pod is stopped after that long, which a ` +
        'DaemonSet cannot express (spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ' +
        'DaemonSet is not Supported). Remove it from the manifest if the Pod should run for good; a task with a ' +
        'deadline belongs in a Job.',
      ['spec', 'activeDeadlineSeconds'],
    );
  }
}
