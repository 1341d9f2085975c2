import { KUBELET_PRIORITY_WARNING_SINCE } from '../versions.js';
import { defineRule } from './rule.js';
import { upstream } from './upstream.js';

export const sp027 = defineRule({
  id: 'SP027',
  name: 'priority-missing',
  severity: 'warning',
  category: 'kubelet',
  scope: 'pod',
  summary: 'priorityClassName without spec.priority leaves the static Pod without priority on the node.',
  description:
    'The kubelet does not resolve priorityClassName for static Pods: unless the manifest also sets spec.priority, the kubelet ' +
    'sees no priority, so graceful node shutdown stops the Pod among the first and node-pressure decisions ignore its class ' +
    "(kubernetes/kubernetes#113940). The mirror Pod shows the class's priority, which hides the problem.",
  remediation:
    "Set spec.priority to the class's value (2000001000 for system-node-critical, 2000000000 for system-cluster-critical).",
  upstream: [
    upstream('pkg/kubelet/config/common.go', 'getStaticPodPriorityWarning'),
    'kubernetes/kubernetes#113940',
    'kubernetes/kubernetes#114338',
  ],
  check({ pod, options, report }) {
    const spec = pod.spec;
    if (!spec?.priorityClassName || (spec.priority !== undefined && spec.priority !== null)) return;
    report({
      message: `priorityClassName "${spec.priorityClassName}" is set but spec.priority is not: the kubelet gives this static Pod no priority`,
      path: ['spec', 'priorityClassName'],
      ...(options.kubernetesVersion.minor >= KUBELET_PRIORITY_WARNING_SINCE && {
        logged: {
          by: 'kubelet',
          message:
            'Static pod has priorityClassName and nil priority. Kubelet will not use priorityClassName, and mirror pod creation may fail.',
          exact: true,
        },
      }),
    });
  },
});
