import { NODE_CRITICAL_PRIORITY, SYSTEM_NODE_CRITICAL } from '../kubelet/constants.js';
import { KUBELET_PRIORITY_WARNING_SINCE } from '../versions.js';
import { defineRule } from './rule.js';
import { upstream } from './upstream.js';

export const sp037 = defineRule({
  id: 'SP037',
  name: 'priority-not-node-critical',
  severity: 'info',
  category: 'kubelet',
  scope: 'pod',
  summary: 'Static Pods with a priority are expected to be system-node-critical (2000001000).',
  description:
    'Since 1.37 the kubelet warns when a static Pod sets a priority other than 2000001000 or a class other than ' +
    'system-node-critical: node-pressure eviction never evicts static Pods (they are critical), so a lower priority only ' +
    'makes the kubelet try, ineffectively, to evict the mirror (kubernetes/kubernetes#136705). With a priority but no class, ' +
    'it also warns that the mirror may be refused.',
  remediation:
    'Use `priorityClassName: system-node-critical` with `priority: 2000001000`, or leave both unset.',
  upstream: [
    upstream('pkg/kubelet/config/common.go', 'getStaticPodPriorityWarning'),
    'kubernetes/kubernetes#136705',
  ],
  check({ pod, options, report }) {
    const spec = pod.spec;
    if (spec?.priority === undefined || spec.priority === null) return;
    const noClass = !spec.priorityClassName;
    if (
      !noClass &&
      spec.priority === NODE_CRITICAL_PRIORITY &&
      spec.priorityClassName === SYSTEM_NODE_CRITICAL
    )
      return;
    const message = noClass
      ? "Static pod has priority without priorityClassName. Mirror pod creation may fail if the default priority class doesn't match the given priority."
      : `Static pod has a priority other than ${NODE_CRITICAL_PRIORITY} or a priorityClassName other than ${SYSTEM_NODE_CRITICAL}. Mirror pod may be attempted to be evicted from the node ineffectively.`;
    report({
      message: noClass
        ? `spec.priority ${spec.priority} is set without a priorityClassName`
        : `priority ${spec.priority} / class "${spec.priorityClassName}" is not system-node-critical (${NODE_CRITICAL_PRIORITY})`,
      path: ['spec', 'priority'],
      ...(options.kubernetesVersion.minor >= KUBELET_PRIORITY_WARNING_SINCE && {
        logged: { by: 'kubelet', message, exact: true },
      }),
    });
  },
});
