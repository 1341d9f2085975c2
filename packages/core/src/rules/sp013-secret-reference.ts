import { referenceRule } from './api-reference-report.js';
import { upstream } from './upstream.js';

export const sp013 = referenceRule(
  {
    id: 'SP013',
    name: 'secret-reference',
    summary: 'Static Pods cannot reference Secrets.',
    description:
      'Secrets come from the API server, which a static Pod does not depend on. imagePullSecrets, env/envFrom secret references ' +
      '(in init, regular and ephemeral containers) and secret, projected-secret, azureFile, cephfs, cinder, flexVolume, rbd, ' +
      'scaleIO, iscsi, storageos and CSI nodePublishSecretRef volumes all count. Since 1.34 the kubelet refuses the Pod; before, ' +
      'the API server refused its mirror ("a mirror pod may not reference secrets").',
    remediation:
      'Put the data in a file on the host and mount it with hostPath (as kubeadm does for certificates), or run the workload as a DaemonSet.',
    upstream: [
      upstream('pkg/api/pod/util.go', 'VisitPodSecretNames'),
      upstream('pkg/api/pod/util.go', 'HasAPIObjectReference'),
      upstream('plugin/pkg/admission/serviceaccount/admission.go', 'Validate'),
    ],
  },
  ['secret'],
  (ref) => `the Pod references Secret "${ref.name ?? ''}"`,
);
