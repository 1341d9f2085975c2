import { type FieldPath, formatFieldPath } from '@staticpods/core';
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { listing, type Notes } from './notes.js';

/** IPv4 literals that are not CIDRs (a CIDR is a cluster-wide range, like the service range). */
const IPV4 = /(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\d./])/g;
const MAX_LISTED = 5;

/** Loopback, unspecified and link-local addresses are the same on every node. */
function nodeIndependent(ip: string): boolean {
  return ip.startsWith('127.') || ip === '0.0.0.0' || ip.startsWith('169.254.');
}

/**
 * A static Pod is written for one node; a DaemonSet template is the same on every node. kubeadm's
 * manifests, for one, carry the node's own address (`--advertise-address`, probe hosts, the
 * advertise-address annotations) and etcd's member name. Mirror Pods from several nodes show such
 * values as differences; a single manifest or mirror Pod cannot, so the values that look like a
 * node's own (non-loopback IPv4 addresses, the names of the nodes it ran on) are pointed out.
 */
export function noteNodeSpecificValues(pod: Pod, nodes: readonly string[], notes: Notes): void {
  const found: string[] = [];
  const values = new Set<string>();
  const check = (text: string | undefined, path: FieldPath) => {
    if (!text) return;
    const hits = [...text.matchAll(IPV4)].map((m) => m[0]).filter((ip) => !nodeIndependent(ip));
    // A node name as a whole flag value or URL host (`--name=cp-1`, `https://cp-1:2379`), not inside a path.
    hits.push(
      ...nodes.filter((n) => new RegExp(`(^|[=,@]|//)${n.replaceAll('.', '\\.')}($|[,:/])`).test(text)),
    );
    if (hits.length === 0) return;
    for (const h of hits) values.add(h);
    found.push(formatFieldPath(path));
  };
  for (const [key, value] of Object.entries(pod.metadata?.annotations ?? {})) {
    check(value, ['metadata', 'annotations', key]);
  }
  for (const list of ['initContainers', 'containers'] as const) {
    for (const [i, c] of (pod.spec?.[list] ?? []).entries()) checkContainer(c, ['spec', list, i], check);
  }
  if (found.length === 0) return;
  const shown =
    found.length > MAX_LISTED ? [...found.slice(0, MAX_LISTED), `${found.length - MAX_LISTED} more`] : found;
  notes.warn(
    'node-specific-values',
    `${listing(shown)} contain${found.length === 1 ? 's' : ''} ${listing([...values].sort())}. If that is one ` +
      "node's own address or name (not a shared one such as a virtual IP), every node of the DaemonSet gets the " +
      'same value: read per-node values from the downward API (env from fieldRef status.hostIP or spec.nodeName, ' +
      'used as $(VAR) in args), or limit the DaemonSet to that node.',
  );
}

function checkContainer(
  c: Container,
  path: FieldPath,
  check: (text: string | undefined, path: FieldPath) => void,
) {
  for (const [i, a] of (c.command ?? []).entries()) check(a, [...path, 'command', i]);
  for (const [i, a] of (c.args ?? []).entries()) check(a, [...path, 'args', i]);
  for (const [i, e] of (c.env ?? []).entries()) check(e.value, [...path, 'env', i, 'value']);
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    check(c[probe]?.httpGet?.host, [...path, probe, 'httpGet', 'host']);
    check(c[probe]?.tcpSocket?.host, [...path, probe, 'tcpSocket', 'host']);
  }
}
