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
    // The bootstrap components (kube-apiserver, etcd, …) should stay static Pods at all: the
    // converter refuses them unless forced, and then adds the toleration itself.
    if (
      pod.metadata?.labels?.tier !== 'control-plane' ||
      controlPlaneComponent(pod) ||
      toleratesControlPlane(pod)
    )
      return;
    report({
      message:
        'this Pod runs on control-plane nodes (tier: control-plane): a DaemonSet made from it needs a toleration for node-role.kubernetes.io/control-plane:NoSchedule',
      path: ['spec', 'tolerations'],
    });
  },
});
