import { referenceRule } from './api-reference-report.js';
import { upstream } from './upstream.js';

export const sp015 = referenceRule(
  {
    id: 'SP015',
    name: 'sa-token-projection',
    summary: 'Static Pods cannot project ServiceAccount tokens.',
    description:
      'A projected serviceAccountToken source needs the API server to issue a token. Since 1.34 the kubelet refuses the Pod ' +
      '("static pods may not reference serviceaccounts (via projected volumes)"); before, the API server refused its mirror ' +
      '("a mirror pod may not use ServiceAccountToken volume projections").',
    remediation:
      'Remove the serviceAccountToken source; mount credentials from the host, or use a DaemonSet.',
    upstream: [
      upstream('pkg/api/pod/util.go', 'HasAPIObjectReference'),
      upstream('plugin/pkg/admission/serviceaccount/admission.go', 'Validate'),
    ],
  },
  ['service-account-token'],
  () => 'the Pod projects a ServiceAccount token',
);
