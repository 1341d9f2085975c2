import { ANNOTATION_CONFIG_MIRROR } from '../kubelet/constants.js';
import { defineRule } from './rule.js';
import { upstream } from './upstream.js';

export const sp044 = defineRule({
  id: 'SP044',
  name: 'mirror-pod-as-manifest',
  severity: 'error',
  category: 'kubelet',
  scope: 'pod',
  summary:
    'A manifest that carries `kubernetes.io/config.mirror` is taken for a mirror Pod and never started.',
  description:
    'A mirror Pod dumped with `kubectl get pod -o yaml` and dropped into the staticPodPath keeps its ' +
    "`kubernetes.io/config.mirror` annotation. The file source reads it, but the kubelet's pod manager files every Pod with " +
    'that annotation as a mirror Pod, so it is never started ("Unable to find pod for mirror pod, skipping"). Dumps also carry ' +
    'status, uid, nodeName, ownerReferences and API defaults that do not belong in a manifest.',
  remediation:
    'Turn the dump back into a manifest first: `kubectl staticpods export` (or `mirrorToStaticManifest` in the library) strips ' +
    'what the kubelet and the API server added.',
  upstream: [
    upstream('pkg/kubelet/pod/pod_manager.go', 'updatePodsInternal'),
    upstream('pkg/kubelet/kubelet.go', 'HandlePodAdditions'),
  ],
  check({ pod, report }) {
    if (pod.metadata?.annotations?.[ANNOTATION_CONFIG_MIRROR] === undefined) return;
    report({
      message: `the manifest carries ${ANNOTATION_CONFIG_MIRROR}: it is a mirror Pod dump, and the kubelet never starts it`,
      path: ['metadata', 'annotations', ANNOTATION_CONFIG_MIRROR],
      logged: { by: 'kubelet', message: 'Unable to find pod for mirror pod, skipping', exact: true },
    });
  },
});
