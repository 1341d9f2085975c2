import { controlPlaneComponent } from '@staticpods/core';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Notes } from './notes.js';

/** A static Pod the control plane needs in order to start: what it is and why. */
interface BootstrapDependency {
  /** The component, as the notes name it. */
  readonly component: string;
  /** Why it must run before any API server exists. */
  readonly reason: string;
}

const DAEMONSET_NEEDS =
  'a DaemonSet Pod needs a running API server and etcd to be stored, the DaemonSet controller in ' +
  'kube-controller-manager to be created and kube-scheduler to be bound to its node';

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
 * removed in v1.21 (kubernetes/kubeadm#2299). The same holds for what other installers run as static
 * Pods beside or instead of kubeadm's four: kOps' etcd-manager, OpenShift's control plane, and the
 * Pods that hold the API server's virtual IP (kube-vip, keepalived, haproxy).
 *
 * @returns the component name, when the Pod is one
 */
export function guardBootstrapComponent(pod: Pod, force: boolean, notes: Notes): string | undefined {
  const dependency = bootstrapDependency(pod);
  if (dependency === undefined) return undefined;
  const why = `"${pod.metadata?.name ?? ''}" is ${dependency.reason}`;
  if (!force) {
    notes.error('bootstrap-component', `${why} Keep it a static Pod, or pass force to convert it anyway.`);
  } else {
    notes.warn(
      'bootstrap-component-forced',
      `${why} Converted because force was given: keep the manifests (the cut-over plan backs them up) and a ` +
        'documented way to restore them on every control-plane node.',
    );
  }
  return dependency.component;
}

/** OpenShift's static control plane, by namespace (the static Pods' names carry no vendor mark). */
const OPENSHIFT_CONTROL_PLANE: Readonly<Record<string, string>> = {
  'openshift-etcd': 'etcd',
  'openshift-kube-apiserver': 'kube-apiserver',
  'openshift-kube-controller-manager': 'kube-controller-manager',
  'openshift-kube-scheduler': 'kube-scheduler',
};

/** Pods that hold (or balance) the API server's virtual IP, by the name of their program. */
const API_VIP_PROGRAMS = ['kube-vip', 'keepalived', 'haproxy'] as const;

/** Which bootstrap dependency a Pod is, if any: by labels, name, container names, commands and images. */
export function bootstrapDependency(pod: Pod): BootstrapDependency | undefined {
  const namespace = pod.metadata?.namespace ?? '';
  const openshift = OPENSHIFT_CONTROL_PLANE[namespace];
  if (openshift) {
    return {
      component: `openshift-${openshift}`,
      reason:
        `OpenShift's ${openshift} (namespace ${namespace}), a static Pod of the control plane its installer ` +
        `and operators manage. The kubelet starts static Pods from files before any API server exists; ${DAEMONSET_NEEDS}, ` +
        'so a control plane run as DaemonSets cannot start itself again after a full outage, and the operator ' +
        'rewrites the manifests it owns anyway.',
    };
  }
  const kubeadm = controlPlaneComponent(pod);
  if (kubeadm !== undefined) {
    return {
      component: kubeadm,
      reason:
        `the control-plane component ${kubeadm}. The kubelet starts static Pods from files before any API server ` +
        `exists; ${DAEMONSET_NEEDS}, so a control plane run as DaemonSets cannot start itself again after a full ` +
        'outage (kubeadm removed its self-hosting pivot in v1.21).',
    };
  }
  const names = programNames(pod);
  if (names.some((n) => n.startsWith('etcd-manager'))) {
    return {
      component: 'etcd-manager',
      reason:
        "kOps' etcd-manager, which runs etcd itself (it starts, backs up and restores the etcd members). etcd " +
        `must run before the API server, and ${DAEMONSET_NEEDS}: as a DaemonSet it cannot start again after a ` +
        'full outage.',
    };
  }
  const vip = API_VIP_PROGRAMS.find((p) => names.includes(p));
  if (vip !== undefined || /^openshift-[a-z]+-infra$/.test(namespace)) {
    const program = vip ?? 'an on-premises infrastructure Pod';
    return {
      component: vip ?? 'openshift-infra',
      reason:
        `${vip ? vip : program}${/^openshift-[a-z]+-infra$/.test(namespace) ? ` (namespace ${namespace})` : ''}, which ` +
        "holds or balances the API server's virtual IP that kubelets, controllers and kubectl use. The kubelet starts " +
        `static Pods from files before any API server exists; ${DAEMONSET_NEEDS}, all of them reached through that ` +
        'address: after a full outage the address never comes up, and neither does anything that needs it.',
    };
  }
  return undefined;
}

/** Labels, the Pod's name, container names, and the base names of commands and images. */
function programNames(pod: Pod): string[] {
  const labels = pod.metadata?.labels ?? {};
  const names = [
    labels.component,
    labels['k8s-app'],
    labels.app,
    labels['app.kubernetes.io/name'],
    pod.metadata?.name,
  ];
  for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    names.push(c.name, c.command?.[0]?.split('/').pop(), c.image?.split('/').pop()?.split(/[:@]/)[0]);
  }
  return names.filter((n): n is string => typeof n === 'string' && n !== '');
}
