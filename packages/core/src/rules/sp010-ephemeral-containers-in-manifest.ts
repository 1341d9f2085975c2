import { defineRule } from './rule.js';
import { upstream } from './upstream.js';

export const sp010 = defineRule({
  id: 'SP010',
  name: 'ephemeral-containers-in-manifest',
  severity: 'error',
  category: 'kubelet',
  scope: 'pod',
  summary: 'Static Pods cannot have ephemeral containers.',
  description:
    'Ephemeral containers can only be added to a running Pod through the API, and the API refuses to add them to mirror Pods ' +
    '("static pods do not support ephemeral containers"). Written into a manifest, `spec.ephemeralContainers` fails ' +
    'validation ("cannot be set on create") and the kubelet refuses the file.',
  remediation:
    'Remove spec.ephemeralContainers. To debug a static Pod, use `crictl exec` on the node or a separate debug Pod.',
  upstream: [
    upstream('pkg/apis/core/validation/validation.go', 'ValidatePodCreate'),
    upstream('pkg/apis/core/validation/validation.go', 'ValidatePodEphemeralContainersUpdate'),
    'kubernetes/kubernetes#113935',
  ],
  check({ pod, verdict, report }) {
    if (!pod.spec?.ephemeralContainers?.length) return;
    report({
      message: 'spec.ephemeralContainers cannot be set in a manifest: the kubelet refuses the Pod',
      path: ['spec', 'ephemeralContainers'],
      logged: {
        by: 'kubelet',
        message: verdict.runs
          ? 'spec.ephemeralContainers: Forbidden: cannot be set on create'
          : verdict.error,
        exact: true,
      },
    });
  },
});
