import { referenceRule } from './api-reference-report.js';
import { upstream } from './upstream.js';

export const sp017 = referenceRule(
  {
    id: 'SP017',
    name: 'ephemeral-volume',
    summary: 'Static Pods cannot use generic ephemeral volumes.',
    description:
      'A generic ephemeral volume is a PersistentVolumeClaim created by the control plane for the Pod. Since 1.34 the kubelet ' +
      'refuses the Pod ("static pods may not reference persistentvolumeclaims (via ephemeral volumes)"); older API servers did not check it.',
    remediation: 'Use emptyDir for scratch space, or hostPath for data that must outlive the Pod.',
    upstream: [upstream('pkg/api/pod/util.go', 'HasAPIObjectReference')],
  },
  ['ephemeral-volume'],
  () => 'the Pod uses a generic ephemeral volume',
);
