import type { PodSpec } from 'kubernetes-types/core/v1.js';
import type { Notes } from './notes.js';

/**
 * `hostNetwork` Pods with `dnsPolicy: ClusterFirst` (the default) silently get the node's resolv.conf
 * (`getPodDNSType`, pkg/kubelet/network/dns/dns.go: "Fallback to DNSDefault for pod on hostnetwork").
 * A DaemonSet Pod can use the API, Services and cluster DNS, so the conversion makes the policy say
 * what such a Pod usually wants, `ClusterFirstWithHostNet`, as kubeadm's self-hosting did. It is a
 * behaviour change (cluster names resolve, other names go through cluster DNS first), hence a warning.
 * Control-plane bootstrap components keep their policy: cluster DNS runs as Pods that need the API
 * server, so the API server must not need cluster DNS.
 */
export function applyDnsPolicy(
  spec: PodSpec,
  options: { readonly keep: boolean; readonly bootstrapComponent: string | undefined },
  notes: Notes,
): void {
  if (spec.hostNetwork !== true) return;
  const policy = spec.dnsPolicy;
  if (policy !== undefined && policy !== 'ClusterFirst') return;
  const current = policy === undefined ? 'dnsPolicy unset (ClusterFirst)' : 'dnsPolicy ClusterFirst';
  if (options.keep || options.bootstrapComponent) {
    const why = options.bootstrapComponent
      ? `${options.bootstrapComponent} is a control-plane component and must not depend on cluster DNS, which needs the API server`
      : 'keepDnsPolicy was given';
    notes.info(
      'dns-policy-kept',
      `${current} kept although the Pod uses hostNetwork (${why}): it resolves names with the node's ` +
        '/etc/resolv.conf, as the static Pod did.',
      ['spec', 'dnsPolicy'],
    );
    return;
  }
  spec.dnsPolicy = 'ClusterFirstWithHostNet';
  notes.warn(
    'dns-policy-changed',
    `${current} with hostNetwork replaced by ClusterFirstWithHostNet: the kubelet gave the static Pod the ` +
      "node's /etc/resolv.conf (pkg/kubelet/network/dns/dns.go getPodDNSType); the DaemonSet Pods resolve " +
      'through cluster DNS first, so Service names work.',
    ['spec', 'dnsPolicy'],
    { option: 'keepDnsPolicy', value: true, effect: 'keep the node resolver' },
  );
}
