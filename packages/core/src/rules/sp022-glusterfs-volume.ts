import { referenceRule } from './api-reference-report.js';
import { upstream } from './upstream.js';

export const sp022 = referenceRule(
  {
    id: 'SP022',
    name: 'glusterfs-volume',
    summary: 'Static Pods cannot use glusterfs volumes.',
    description:
      'A glusterfs volume names an Endpoints object in the API. Since 1.34 the kubelet refuses the Pod ' +
      '("static pods may not reference endpoints (via glusterFS volumes)").',
    remediation: 'Mount the GlusterFS share on the host and use hostPath.',
    upstream: [upstream('pkg/api/pod/util.go', 'HasAPIObjectReference')],
  },
  ['glusterfs-volume'],
  (ref) => `the Pod uses a glusterfs volume (endpoints "${ref.name ?? ''}")`,
);
