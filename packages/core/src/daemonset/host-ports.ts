import type { Pod } from 'kubernetes-types/core/v1.js';

/**
 * The host ports a Pod binds: every `hostPort`, and with hostNetwork every `containerPort`
 * (defaulting copies containerPort into hostPort, `pkg/apis/core/v1/defaults.go` `defaultHostNetworkPorts`).
 */
export function hostPortsOf(pod: Pod): number[] {
  const ports = new Set<number>();
  for (const list of [pod.spec?.initContainers, pod.spec?.containers]) {
    for (const c of list ?? []) {
      for (const p of c.ports ?? []) {
        if (p.hostPort) ports.add(p.hostPort);
        else if (pod.spec?.hostNetwork && p.containerPort) ports.add(p.containerPort);
      }
    }
  }
  return [...ports].sort((a, b) => a - b);
}

/** kubeadm's control-plane components, recognised by label, image or command. */
export const CONTROL_PLANE_COMPONENTS = [
  'kube-apiserver',
  'etcd',
  'kube-controller-manager',
  'kube-scheduler',
] as const;

/** Which control-plane bootstrap component a Pod is, if any (kubeadm labels, image names or commands). */
export function controlPlaneComponent(pod: Pod): string | undefined {
  const labels = pod.metadata?.labels ?? {};
  const candidates = [
    labels.component,
    labels['k8s-app'],
    labels['app.kubernetes.io/name'],
    pod.metadata?.name,
  ];
  for (const c of pod.spec?.containers ?? []) {
    candidates.push(c.command?.[0]?.split('/').pop(), c.image?.split('/').pop()?.split(/[:@]/)[0]);
  }
  return CONTROL_PLANE_COMPONENTS.find((name) => candidates.includes(name));
}

/**
 * The Pod tolerates the kubeadm control-plane `NoSchedule` taint: a toleration matches when its key
 * is the taint's (or empty with `Exists`) and its effect is `NoSchedule` or empty
 * (`pkg/apis/core/v1/helper` `ToleratesTaint`).
 */
export function toleratesControlPlane(pod: Pod): boolean {
  return (pod.spec?.tolerations ?? []).some((t) => {
    const effect = !t.effect || t.effect === 'NoSchedule';
    const key = t.key === 'node-role.kubernetes.io/control-plane' || (!t.key && t.operator === 'Exists');
    const value = t.operator === 'Exists' || !t.value;
    return effect && key && value;
  });
}
