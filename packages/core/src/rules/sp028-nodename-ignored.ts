import { defineRule } from './rule.js';
import { upstream } from './upstream.js';

export const sp028 = defineRule({
  id: 'SP028',
  name: 'nodename-ignored',
  severity: 'warning',
  category: 'kubelet',
  scope: 'pod',
  summary: 'spec.nodeName in a manifest is overwritten by the kubelet.',
  description:
    "A static Pod always runs on the node whose kubelet reads it: `applyDefaults` sets spec.nodeName to the kubelet's node " +
    'name, whatever the manifest says. A manifest copied to several nodes with a fixed nodeName runs on each of them.',
  remediation: 'Remove spec.nodeName; place the file on the node that should run the Pod.',
  upstream: [upstream('pkg/kubelet/config/common.go', 'applyDefaults')],
  check({ pod, view, options, report }) {
    const nodeName = pod.spec?.nodeName;
    if (!nodeName) return;
    const other =
      !options.nodeNameAssumed && nodeName !== view.nodeName ? ` (this node is "${view.nodeName}")` : '';
    report({
      message: `spec.nodeName "${nodeName}" is ignored: the kubelet sets its own node name${other}`,
      path: ['spec', 'nodeName'],
    });
  },
});
