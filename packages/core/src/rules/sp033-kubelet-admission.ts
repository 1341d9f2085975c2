import { matchesNodeAffinity } from './node-affinity.js';
import { defineRule } from './rule.js';
import { upstream } from './upstream.js';

const OS_LABEL = 'kubernetes.io/os';

export const sp033 = defineRule({
  id: 'SP033',
  name: 'kubelet-admission',
  severity: 'error',
  category: 'cluster',
  scope: 'pod',
  needs: 'cluster-facts',
  summary: "The node's own admission check would reject the static Pod (node selector, affinity, OS).",
  description:
    "Before starting any Pod, static ones included, the kubelet runs the scheduler's node checks against its own Node: " +
    'nodeSelector and required node affinity, the `kubernetes.io/os` label and spec.os.name. A static Pod that fails them is ' +
    'marked Failed ("Pod was rejected: …") and never starts, although nothing scheduled it there.',
  remediation:
    "Remove the nodeSelector/affinity from the static Pod (it runs where its file is), or fix the node's labels.",
  upstream: [
    upstream('pkg/kubelet/lifecycle/predicate.go', 'predicateAdmitHandler.Admit'),
    upstream('pkg/kubelet/kubelet.go', 'rejectPod'),
  ],
  check({ pod, options, report }) {
    for (const node of options.clusterFacts?.nodes ?? []) {
      const nodeOS = node.labels?.[OS_LABEL];
      const podOS = pod.metadata?.labels?.[OS_LABEL];
      if (podOS && nodeOS && podOS.toLowerCase() !== nodeOS.toLowerCase()) {
        report({
          message: `node "${node.name}" runs ${nodeOS}, but the Pod's ${OS_LABEL} label says ${podOS}: the kubelet rejects it`,
          path: ['metadata', 'labels', OS_LABEL],
          logged: {
            by: 'kubelet',
            message:
              "Pod was rejected: Failed to admit pod as the `kubernetes.io/os` label doesn't match node label",
            exact: true,
          },
        });
        continue;
      }
      const osName = pod.spec?.os?.name;
      if (osName && nodeOS && osName.toLowerCase() !== nodeOS.toLowerCase()) {
        report({
          message: `node "${node.name}" runs ${nodeOS}, but spec.os.name is ${osName}: the kubelet rejects the Pod`,
          path: ['spec', 'os', 'name'],
          logged: {
            by: 'kubelet',
            message: "Pod was rejected: Failed to admit pod as the OS field doesn't match node OS",
            exact: true,
          },
        });
        continue;
      }
      if (!matchesNodeAffinity(pod, node)) {
        report({
          message: `node "${node.name}" does not match the Pod's nodeSelector/affinity: the kubelet rejects the Pod there`,
          path: pod.spec?.nodeSelector ? ['spec', 'nodeSelector'] : ['spec', 'affinity', 'nodeAffinity'],
          logged: {
            by: 'kubelet',
            message:
              "Pod was rejected: Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector",
            exact: true,
          },
        });
      }
    }
  },
});
