import { defineRule } from './rule.js';
import { upstream } from './upstream.js';

export const sp024 = defineRule({
  id: 'SP024',
  name: 'owner-references',
  severity: 'info',
  category: 'api-server',
  scope: 'pod',
  summary: 'Owner references in a manifest are replaced by the Node on the mirror Pod.',
  description:
    'When the kubelet creates the mirror Pod it replaces metadata.ownerReferences with a single controller reference to its ' +
    'Node (NodeRestriction allows nothing else since 1.17), so references written in the manifest never reach the API.',
  remediation: 'Remove metadata.ownerReferences from the manifest.',
  upstream: [
    upstream('pkg/kubelet/pod/mirror_client.go', 'CreateMirrorPod'),
    upstream('plugin/pkg/admission/noderestriction/admission.go', 'admitPodCreate'),
  ],
  check({ pod, view, report }) {
    if (!pod.metadata?.ownerReferences?.length) return;
    report({
      message: `metadata.ownerReferences are ignored: the mirror Pod is owned by Node "${view.nodeName}" instead`,
      path: ['metadata', 'ownerReferences'],
    });
  },
});
