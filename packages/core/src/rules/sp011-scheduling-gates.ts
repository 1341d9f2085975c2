import { defineRule } from './rule.js';
import { upstream } from './upstream.js';

export const sp011 = defineRule({
  id: 'SP011',
  name: 'scheduling-gates',
  severity: 'error',
  category: 'kubelet',
  scope: 'pod',
  summary: 'Static Pods cannot have scheduling gates.',
  description:
    'The kubelet always sets spec.nodeName on a static Pod, and validation forbids a node name while scheduling gates remain, ' +
    'so a manifest with spec.schedulingGates is refused ("spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared").',
  remediation: 'Remove spec.schedulingGates: static Pods are never scheduled.',
  upstream: [upstream('pkg/apis/core/validation/validation.go', 'ValidatePodCreate')],
  check({ pod, verdict, report }) {
    if (!pod.spec?.schedulingGates?.length) return;
    report({
      message:
        'spec.schedulingGates cannot be used: static Pods are bound to their node, so the kubelet refuses the Pod',
      path: ['spec', 'schedulingGates'],
      logged: {
        by: 'kubelet',
        message: verdict.runs
          ? 'spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared'
          : verdict.error,
        exact: true,
      },
    });
  },
});
