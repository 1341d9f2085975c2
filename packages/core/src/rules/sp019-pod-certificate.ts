import { referenceRule } from './api-reference-report.js';
import { upstream } from './upstream.js';

export const sp019 = referenceRule(
  {
    id: 'SP019',
    name: 'pod-certificate',
    summary: 'Static Pods cannot project pod certificates.',
    description:
      'A podCertificate projection needs the API server to sign a PodCertificateRequest. Since 1.34 the kubelet refuses the Pod ' +
      '("static pods may not reference podcertificates").',
    remediation: 'Provision the certificate on the host and mount it with hostPath.',
    upstream: [upstream('pkg/api/pod/util.go', 'HasAPIObjectReference')],
  },
  ['pod-certificate'],
  () => 'the Pod projects a pod certificate',
);
