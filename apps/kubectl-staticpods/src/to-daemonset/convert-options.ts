import type { ConvertOptions, Placement } from '@staticpods/converter';
import type { ToDaemonSetFlags } from '../commands/to-daemonset.js';
import { UserError } from '../errors.js';
import { toolVersion } from '../version.js';

/** `--placement all-nodes|control-plane|observed-nodes|nodes=a,b|selector=k=v,…`. */
export function parsePlacement(value: string | undefined): Placement | undefined {
  if (value === undefined) return undefined;
  if (value === 'all-nodes' || value === 'control-plane' || value === 'observed-nodes')
    return { kind: value };
  const eq = value.indexOf('=');
  const kind = eq < 0 ? value : value.slice(0, eq);
  const arg = eq < 0 ? '' : value.slice(eq + 1);
  if (kind === 'nodes' && arg !== '') {
    return {
      kind: 'nodes',
      nodes: arg
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean),
    };
  }
  if (kind === 'selector' && arg !== '') {
    const selector: Record<string, string> = {};
    for (const pair of arg.split(',')) {
      const i = pair.indexOf('=');
      if (i <= 0)
        throw new UserError(
          'E_USAGE',
          `--placement selector: "${pair}" is not key=value`,
          'for example --placement selector=node-role.kubernetes.io/worker=',
        );
      selector[pair.slice(0, i).trim()] = pair.slice(i + 1).trim();
    }
    return { kind: 'node-selector', selector };
  }
  throw new UserError(
    'E_USAGE',
    `unknown --placement "${value}"`,
    'use all-nodes, control-plane, observed-nodes, nodes=NODE1,NODE2 or selector=KEY=VALUE,…',
  );
}

export function convertOptions(flags: ToDaemonSetFlags): ConvertOptions {
  const placement = parsePlacement(flags.placement);
  return {
    ...(placement && { placement }),
    rewriteRestartPolicy: flags['rewrite-restart-policy'] ?? false,
    force: flags.force ?? false,
    keepKubeletToleration: flags['keep-kubelet-toleration'] ?? false,
    ...(flags['service-account'] !== undefined && { serviceAccountName: flags['service-account'] }),
    ...(flags['static-pod-path'] !== undefined && { staticPodPath: flags['static-pod-path'] }),
    ...(flags['backup-dir'] !== undefined && { backupDir: flags['backup-dir'] }),
    ...(flags['cutover-gate'] === false && { cutoverGate: false }),
    keepDnsPolicy: flags['keep-dns-policy'] ?? false,
    ...(flags.name !== undefined && { name: flags.name }),
    toolVersion: toolVersion(),
  };
}
