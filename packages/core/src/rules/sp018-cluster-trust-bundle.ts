import { referenceRule } from './api-reference-report.js';
import { upstream } from './upstream.js';

export const sp018 = referenceRule(
  {
    id: 'SP018',
    name: 'cluster-trust-bundle',
    summary: 'Static Pods cannot project ClusterTrustBundles.',
    description:
      'ClusterTrustBundles are API objects. The kubelet has refused them in static Pods since they exist ' +
      '("static pods may not use ClusterTrustBundle projected volume sources"; from 1.34 "static pods may not reference clustertrustbundles").',
    remediation: 'Mount the CA bundle from a file on the host with hostPath.',
    upstream: [
      upstream('pkg/kubelet/config/common.go', 'tryDecodeSinglePod'),
      upstream('pkg/api/pod/util.go', 'HasAPIObjectReference'),
    ],
  },
  ['cluster-trust-bundle'],
  (ref) => `the Pod projects ClusterTrustBundle${ref.name ? ` "${ref.name}"` : 's'}`,
);
