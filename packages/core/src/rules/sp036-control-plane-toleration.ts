import { controlPlaneComponent, toleratesControlPlane } from '../daemonset/host-ports.js';
import { defineRule } from './rule.js';
import { upstream } from './upstream.js';

export const sp036 = defineRule({
  id: 'SP036',
  name: 'control-plane-toleration',
  severity: 'info',
  category: 'conversion',
  scope: 'pod',
  summary:
    'A DaemonSet for control-plane nodes needs the control-plane toleration, which the controller does not add.',
  description:
    'kubeadm taints control-plane nodes `node-role.kubernetes.io/control-plane:NoSchedule`. The DaemonSet controller adds ' +
    'tolerations for not-ready, unreachable, pressure and unschedulable taints, but not this one, so a DaemonSet converted from ' +
    'a control-plane static Pod creates no Pod on those nodes (not even a Pending one).',
  remediation:
    "Add `{key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}` when converting (the converter's control-plane placement does).",
  upstream: [upstream('pkg/controller/daemon/util/daemonset_util.go', 'AddOrUpdateDaemonPodTolerations')],
  check({ pod, report }) {
    const tier = pod.metadata?.labels?.tier === 'control-plane';
    const component = controlPlaneComponent(pod);
    if ((!tier && !component) || toleratesControlPlane(pod)) return;
    report({
      message: `this looks like a control-plane Pod${component ? ` (${component})` : ''}: a DaemonSet made from it needs a toleration for node-role.kubernetes.io/control-plane:NoSchedule`,
      path: ['spec', 'tolerations'],
    });
  },
});
