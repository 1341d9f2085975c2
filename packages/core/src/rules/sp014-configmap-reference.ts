import { referenceRule } from './api-reference-report.js';
import { upstream } from './upstream.js';

export const sp014 = referenceRule(
  {
    id: 'SP014',
    name: 'configmap-reference',
    summary: 'Static Pods cannot reference ConfigMaps.',
    description:
      'ConfigMaps come from the API server. env/envFrom ConfigMap references and configMap or projected configMap volumes all count. ' +
      'Since 1.34 the kubelet refuses the Pod; before, NodeRestriction refused its mirror ("node … can not create pods that reference configmaps").',
    remediation:
      'Put the configuration in a file on the host and mount it with hostPath, or run the workload as a DaemonSet.',
    upstream: [
      upstream('pkg/api/pod/util.go', 'VisitPodConfigmapNames'),
      upstream('pkg/api/pod/util.go', 'HasAPIObjectReference'),
      upstream('plugin/pkg/admission/noderestriction/admission.go', 'admitPodCreate'),
    ],
  },
  ['config-map'],
  (ref) => `the Pod references ConfigMap "${ref.name ?? ''}"`,
);
