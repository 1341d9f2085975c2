import { defineRule } from './rule.js';
import { upstream } from './upstream.js';

export const sp034 = defineRule({
  id: 'SP034',
  name: 'restart-policy-for-daemonset',
  severity: 'info',
  category: 'conversion',
  scope: 'pod',
  summary: 'A DaemonSet needs restartPolicy Always and no activeDeadlineSeconds.',
  description:
    'Converting this static Pod into a DaemonSet needs changes: DaemonSet validation accepts only `restartPolicy: Always` ' +
    '("supported values: \\"Always\\"") and forbids activeDeadlineSeconds ("activeDeadlineSeconds in DaemonSet is not Supported").',
  remediation:
    'Use restartPolicy Always (a DaemonSet keeps its Pods running) and drop activeDeadlineSeconds before converting.',
  upstream: [upstream('pkg/apis/apps/validation/validation.go', 'ValidateDaemonSetSpec')],
  check({ pod, report }) {
    const policy = pod.spec?.restartPolicy;
    if (policy && policy !== 'Always') {
      report({
        message: `restartPolicy ${policy}: a DaemonSet only allows Always`,
        path: ['spec', 'restartPolicy'],
        logged: {
          by: 'kube-apiserver',
          message: `spec.template.spec.restartPolicy: Unsupported value: "${policy}": supported values: "Always"`,
          exact: true,
        },
      });
    }
    if (pod.spec?.activeDeadlineSeconds !== undefined && pod.spec.activeDeadlineSeconds !== null) {
      report({
        message: 'activeDeadlineSeconds is not allowed in a DaemonSet',
        path: ['spec', 'activeDeadlineSeconds'],
        logged: {
          by: 'kube-apiserver',
          message:
            'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported',
          exact: true,
        },
      });
    }
  },
});
