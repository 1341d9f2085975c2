import { hostPortsOf } from '@staticpods/core';
import type { DaemonSetUpdateStrategy } from 'kubernetes-types/apps/v1.js';
import type { PodSpec } from 'kubernetes-types/core/v1.js';
import type { Notes } from './notes.js';

/**
 * The update strategy, written out only when it matters: for Pods that bind host ports (every
 * `hostPort`, and every `containerPort` under hostNetwork, `defaultHostNetworkPorts` in
 * pkg/apis/core/v1/defaults.go), and for every hostNetwork Pod, whose processes bind the node's ports
 * whether they declare them or not (kubeadm's etcd declares none). With `maxSurge` > 0 the controller starts the new Pod next to the old
 * one and removes the old one only once the new one is available; the new one cannot bind the port
 * (the kubelet rejects it, NodePorts), so the rollout stalls on the first node. `maxSurge: 0,
 * maxUnavailable: 1` are the API defaults (`SetDefaults_DaemonSet`, pkg/apis/apps/v1/defaults.go);
 * stating them keeps someone from "optimising" the rollout later. Validation allows exactly one of
 * them to be non-zero (`ValidateRollingUpdateDaemonSet`, pkg/apis/apps/validation/validation.go).
 */
export function updateStrategyFor(spec: PodSpec, notes: Notes): DaemonSetUpdateStrategy | undefined {
  const ports = hostPortsOf({ spec });
  if (ports.length === 0 && spec.hostNetwork !== true) return undefined;
  const what =
    ports.length === 0
      ? "use the node's network (hostNetwork), so the ports they listen on are the node's"
      : `bind host port${ports.length > 1 ? 's' : ''} ${ports.join(', ')}${spec.hostNetwork ? ' (hostNetwork)' : ''}`;
  notes.info(
    'update-strategy-host-ports',
    `the Pods ${what}: updateStrategy is written out as RollingUpdate with maxSurge 0 and maxUnavailable 1, ` +
      'because a surge Pod cannot bind the ports while the old Pod runs and the controller would wait for it ' +
      'forever. Each node has no Pod for a moment during an update.',
    ['spec', 'updateStrategy'],
  );
  return { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } };
}
