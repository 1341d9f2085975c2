import { controlPlaneComponent } from '@staticpods/core';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Notes } from './notes.js';

/**
 * Refuses control-plane bootstrap components unless `force`, and says why. A static Pod is started by
 * the kubelet alone, from a file, before any API server exists. A DaemonSet Pod exists only once the
 * API server has stored it in etcd, the DaemonSet controller in kube-controller-manager has created it,
 * and kube-scheduler has bound it: since v1.17 the controller no longer sets `nodeName` but a node
 * affinity for the target node (`syncNodes` in pkg/controller/daemon/daemon_controller.go,
 * `ReplaceDaemonSetPodNodeNameNodeAffinity` in pkg/controller/daemon/util/daemonset_util.go, v1.37.2).
 * A control plane run as DaemonSets therefore depends on itself: after a full outage (all
 * control-plane nodes rebooted, certificates expired, etcd restored) nothing starts it again.
 * kubeadm's self-hosting did exactly this, needed checkpointing to survive reboots, and its pivot was
 * removed in v1.21 (kubernetes/kubeadm#2299).
 *
 * @returns the component name, when the Pod is one
 */
export function guardBootstrapComponent(pod: Pod, force: boolean, notes: Notes): string | undefined {
  const component = controlPlaneComponent(pod);
  if (component === undefined) return undefined;
  const why =
    `"${pod.metadata?.name ?? ''}" is the control-plane component ${component}. The kubelet starts static Pods from ` +
    'files before any API server exists; a DaemonSet Pod needs a running API server and etcd to be stored, ' +
    'the DaemonSet controller in kube-controller-manager to be created and kube-scheduler to be bound to its ' +
    'node, so a control plane run as DaemonSets cannot start itself again after a full outage (kubeadm ' +
    'removed its self-hosting pivot in v1.21).';
  if (!force) {
    notes.error('bootstrap-component', `${why} Keep it a static Pod, or pass force to convert it anyway.`);
  } else {
    notes.warn(
      'bootstrap-component-forced',
      `${why} Converted because force was given: keep the manifests (the cut-over plan backs them up) and a ` +
        'documented way to restore them on every control-plane node.',
    );
  }
  return component;
}
