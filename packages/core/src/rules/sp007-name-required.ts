import { defineRule } from './rule.js';
import { upstream } from './upstream.js';

export const sp007 = defineRule({
  id: 'SP007',
  name: 'name-required',
  severity: 'error',
  category: 'kubelet',
  scope: 'manifest',
  summary: 'A static Pod needs metadata.name.',
  description:
    'The kubelet refuses a Pod without a name ("invalid pod: name is needed for the pod") before it applies any default: ' +
    '`generateName` is not used for static Pods.',
  remediation: 'Set metadata.name.',
  upstream: [upstream('pkg/kubelet/config/common.go', 'tryDecodeSinglePod')],
  check({ verdict, report }) {
    if (verdict.runs || verdict.stage !== 'name-required') return;
    report({
      message: 'metadata.name is missing or empty; static Pods need a name (generateName is not used)',
      path: ['metadata'],
      logged: { by: 'kubelet', message: verdict.error, exact: true },
    });
  },
});
