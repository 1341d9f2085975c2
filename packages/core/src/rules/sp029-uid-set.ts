import { defineRule } from './rule.js';
import { upstream } from './upstream.js';

export const sp029 = defineRule({
  id: 'SP029',
  name: 'uid-set',
  severity: 'warning',
  category: 'kubelet',
  scope: 'pod',
  summary: "metadata.uid in a manifest freezes the static Pod's identity.",
  description:
    "Without metadata.uid the kubelet derives the Pod UID (and `kubernetes.io/config.hash`) from the manifest's content, node " +
    'and path, so every edit re-creates the Pod and its mirror. With a fixed uid, edits update the running Pod in place, the ' +
    'mirror Pod keeps showing the old spec (its hash still matches), and every node runs a Pod with the same UID.',
  remediation: 'Remove metadata.uid.',
  upstream: [
    upstream('pkg/kubelet/config/common.go', 'applyDefaults'),
    upstream('pkg/kubelet/pod/pod_manager.go', 'IsMirrorPodOf'),
  ],
  check({ pod, report }) {
    if (!pod.metadata?.uid) return;
    report({
      message: `metadata.uid "${pod.metadata.uid}" is used as the Pod UID and config hash: edits no longer re-create the Pod or refresh its mirror`,
      path: ['metadata', 'uid'],
    });
  },
});
