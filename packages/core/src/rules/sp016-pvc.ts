import { referenceRule } from './api-reference-report.js';
import { upstream } from './upstream.js';

export const sp016 = referenceRule(
  {
    id: 'SP016',
    name: 'pvc',
    summary: 'Static Pods cannot use PersistentVolumeClaims.',
    description:
      'A persistentVolumeClaim volume needs the API server to bind and attach storage. Since 1.34 the kubelet refuses the Pod; ' +
      'before, NodeRestriction refused its mirror ("node … can not create pods that reference persistentvolumeclaims").',
    remediation:
      'Use a hostPath or local directory on the node, or run the workload as a DaemonSet or StatefulSet.',
    upstream: [
      upstream('pkg/api/pod/util.go', 'HasAPIObjectReference'),
      upstream('plugin/pkg/admission/noderestriction/admission.go', 'admitPodCreate'),
    ],
  },
  ['persistent-volume-claim'],
  (ref) => `the Pod uses PersistentVolumeClaim "${ref.name ?? ''}"`,
);
