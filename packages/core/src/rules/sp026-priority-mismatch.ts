import { resolvePriority } from './priority.js';
import { defineRule } from './rule.js';
import { upstream } from './upstream.js';

export const sp026 = defineRule({
  id: 'SP026',
  name: 'priority-mismatch',
  severity: 'error',
  category: 'api-server',
  scope: 'pod',
  summary: 'spec.priority must match the PriorityClass, or the mirror Pod is refused.',
  description:
    'The Priority admission plugin computes the priority from spec.priorityClassName (or the global default class, or 0) ' +
    "and refuses a Pod whose spec.priority differs, or whose spec.preemptionPolicy differs from the class's. The static Pod " +
    'still runs, but without a mirror. With cluster facts, an unknown class is reported too ("no PriorityClass with name … was found").',
  remediation:
    'Set both priorityClassName and the matching priority (kubeadm writes `priorityClassName: system-node-critical` and ' +
    '`priority: 2000001000`), or drop spec.priority.',
  upstream: [
    upstream('plugin/pkg/admission/priority/admission.go', 'admitPod'),
    'kubernetes/kubernetes#133535',
    'kubernetes/website#46859',
  ],
  check({ pod, view, options, report }) {
    const spec = pod.spec ?? { containers: [] };
    const resolved = resolvePriority(pod, options.clusterFacts);
    const forbidden = (detail: string) =>
      ({
        by: 'kube-apiserver',
        message: `pods "${view.mirrorName}" is forbidden: ${detail}`,
        exact: true,
      }) as const;
    if (!resolved.known) {
      if (resolved.missingClass) {
        report({
          message: `PriorityClass "${resolved.missingClass}" does not exist: the mirror Pod is refused`,
          path: ['spec', 'priorityClassName'],
          logged: forbidden(`no PriorityClass with name ${resolved.missingClass} was found`),
        });
      }
      return;
    }
    if (spec.priority !== undefined && spec.priority !== null && spec.priority !== resolved.value) {
      const from = spec.priorityClassName
        ? `PriorityClass "${spec.priorityClassName}"`
        : 'no PriorityClass (so the default)';
      report({
        message:
          `spec.priority ${spec.priority} differs from ${resolved.value}, the value of ${from}: the mirror Pod is refused` +
          (resolved.assumedNoDefault ? ' (assuming no global default PriorityClass)' : ''),
        path: ['spec', 'priority'],
        logged: forbidden(
          `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${resolved.value} from the given PriorityClass name`,
        ),
      });
    }
    if (spec.preemptionPolicy && spec.preemptionPolicy !== resolved.preemptionPolicy) {
      report({
        message: `spec.preemptionPolicy ${spec.preemptionPolicy} differs from the class's ${resolved.preemptionPolicy}: the mirror Pod is refused`,
        path: ['spec', 'preemptionPolicy'],
        logged: forbidden(
          `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${resolved.preemptionPolicy} from the given PriorityClass name`,
        ),
      });
    }
  },
});
