import { hostPortsOf } from '../daemonset/host-ports.js';
import { defineRule } from './rule.js';

export const sp035 = defineRule({
  id: 'SP035',
  name: 'hostport-surge',
  severity: 'info',
  category: 'conversion',
  scope: 'pod',
  summary: 'A DaemonSet of a Pod that binds host ports must roll out with maxSurge 0.',
  description:
    'With a surge rollout the new Pod starts next to the old one on each node, but both cannot bind the same host port ' +
    '(with hostNetwork, every container port is a host port), and the controller only removes the old Pod once the new one is ' +
    'available: the rollout stalls. DaemonSet validation does not catch this.',
  remediation:
    'When converting, use `updateStrategy.rollingUpdate: {maxSurge: 0, maxUnavailable: 1}` (the converter does).',
  upstream: [
    'kubernetes/kubernetes pkg/apis/core/v1/defaults.go (defaultHostNetworkPorts)',
    'kubernetes/kubernetes pkg/controller/daemon/update.go',
  ],
  check({ pod, report }) {
    const ports = hostPortsOf(pod);
    if (ports.length === 0) return;
    report({
      message: `the Pod binds host port(s) ${ports.join(', ')}: as a DaemonSet it must use maxSurge 0, or rollouts stall`,
      path: pod.spec?.hostNetwork ? ['spec', 'hostNetwork'] : ['spec', 'containers'],
    });
  },
});
