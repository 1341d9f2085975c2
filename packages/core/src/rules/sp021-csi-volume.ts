import { referenceRule } from './api-reference-report.js';
import { upstream } from './upstream.js';

export const sp021 = referenceRule(
  {
    id: 'SP021',
    name: 'csi-volume',
    summary: 'Static Pods cannot use CSI volumes.',
    description:
      'An inline CSI volume depends on a CSIDriver object in the API. Since 1.34 the kubelet refuses the Pod ' +
      '("static pods may not reference csidrivers (via CSI volumes)"), with or without a nodePublishSecretRef.',
    remediation: 'Mount the storage on the host and use hostPath, or run the workload as a DaemonSet.',
    upstream: [upstream('pkg/api/pod/util.go', 'HasAPIObjectReference')],
  },
  ['csi-volume'],
  (ref) => `the Pod uses an inline CSI volume${ref.name ? ` (driver "${ref.name}")` : ''}`,
);
