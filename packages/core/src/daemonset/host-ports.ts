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

/** The Pod tolerates the kubeadm control-plane NoSchedule taint. */
export function toleratesControlPlane(pod: Pod): boolean {
  return (pod.spec?.tolerations ?? []).some(
    (t) =>
      (t.operator === 'Exists' && !t.key) ||
      (t.key === 'node-role.kubernetes.io/control-plane' && (t.effect === 'NoSchedule' || !t.effect)),
  );
}
