import { referenceRule } from './api-reference-report.js';
import { upstream } from './upstream.js';

export const sp020 = referenceRule(
  {
    id: 'SP020',
    name: 'resource-claims',
    summary: 'Static Pods cannot use dynamic resource allocation claims.',
    description:
      'ResourceClaims are allocated by the control plane. The kubelet refuses static Pods with spec.resourceClaims ' +
      '("static pods may not use ResourceClaims"; from 1.34 "static pods may not reference resourceclaims").',
    remediation: 'Use device plugins or host devices through hostPath, or run the workload as a DaemonSet.',
    upstream: [
      upstream('pkg/kubelet/config/common.go', 'tryDecodeSinglePod'),
      upstream('pkg/api/pod/util.go', 'HasAPIObjectReference'),
    ],
  },
  ['resource-claim'],
  (ref) => `the Pod claims resource "${ref.name ?? ''}"`,
);
