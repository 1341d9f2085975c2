import {
  type KubeletPodRow,
  type KubeletStaticPodConfig,
  kubeletPodRows,
  kubeletStaticPodConfig,
} from '@staticpods/core';
import { UserError } from '../errors.js';
import { io } from '../io.js';
import type { ConnectFlags } from '../kube/connect.js';
import { type OutputFormat, type Printable, render } from '../printers/output.js';
import { cell } from '../printers/table.js';
import { podColumns } from './pod-status.js';
import { LIST_API_VERSION } from './printables.js';

export interface KubeletListFlags extends ConnectFlags {
  readonly node?: string;
  readonly namespace?: string;
  readonly 'all-namespaces'?: boolean;
  readonly selector?: string;
  readonly manifests?: string;
  readonly group?: boolean;
  readonly 'no-headers'?: boolean;
}

/** One node's answer, as `list --kubelet -o json` documents it. */
export interface KubeletNodeItem extends KubeletStaticPodConfig {
  readonly name: string;
  /** Why this node's kubelet could not be read; its static Pods are missing from the list. */
  readonly error?: string;
}

/** Parallel node reads through the API server's node proxy. */
const CONCURRENCY = 4;

/**
 * `list --kubelet`: every static Pod each kubelet runs, read from the kubelet itself through the
 * API server (`nodes/<node>/proxy/pods` and `/configz`), joined with the mirror Pods. Shows what
 * mirror Pods cannot: static Pods whose mirror Pod the API server refused.
 */
export async function listKubelet(flags: KubeletListFlags, format: OutputFormat): Promise<void> {
  for (const [flag, set] of [
    ['--manifests', flags.manifests !== undefined],
    ['--group', flags.group],
    ['-l', flags.selector !== undefined],
  ] as const) {
    if (set) {
      throw new UserError(
        'E_USAGE',
        `--kubelet asks the kubelets themselves and cannot be combined with ${flag}`,
        'drop one of the two flags',
      );
    }
  }
  const [{ connect }, { findMirrorPods }, { listNodeNames, readKubelet }] = await Promise.all([
    import('../kube/connect.js'),
    import('../kube/mirror-pods.js'),
    import('../kube/kubelet-proxy.js'),
  ]);
  const transport = await connect(flags);
  try {
    const nodes = flags.node ? [flags.node] : await listNodeNames(transport);
    const answers: Awaited<ReturnType<typeof readKubelet>>[] = [];
    // A kubelet that cannot be read (node down, not reachable from the API server) leaves a gap
    // that is named, on stderr and in the document; a missing permission stops everything.
    const unreadable: { node: string; error: UserError }[] = [];
    const queue = [...nodes];
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
        for (let n = queue.shift(); n !== undefined; n = queue.shift()) {
          try {
            answers.push(await readKubelet(transport, n));
          } catch (error) {
            if (!(error instanceof UserError) || error.code === 'E_FORBIDDEN' || flags.node) throw error;
            unreadable.push({ node: n, error });
          }
        }
      }),
    );
    if (answers.length === 0 && unreadable[0]) throw unreadable[0].error;
    answers.sort((a, b) => a.node.localeCompare(b.node));
    unreadable.sort((a, b) => a.node.localeCompare(b.node));
    for (const u of unreadable) {
      io().stderr.write(`warning: ${u.error.message}; its static Pods are not shown\n`);
    }
    const namespace = flags['all-namespaces'] ? undefined : flags.namespace;
    const mirrors = await findMirrorPods(transport, { namespace, nodeName: flags.node });
    const rows = answers
      .flatMap((a) => kubeletPodRows(a.node, a.pods, mirrors.pods))
      .filter((r) => namespace === undefined || r.namespace === namespace);
    const nodeItems: KubeletNodeItem[] = [
      ...answers.map((a) => ({
        name: a.node,
        ...(a.configz === undefined ? {} : kubeletStaticPodConfig(a.configz)),
      })),
      ...unreadable.map((u) => ({ name: u.node, error: u.error.message })),
    ].sort((a, b) => a.name.localeCompare(b.name));
    if (format.kind === 'table') {
      for (const n of nodeItems) if (n.error === undefined) io().stderr.write(`${nodeNote(n)}\n`);
    }
    if (rows.length === 0) {
      io().stderr.write(
        `No static Pods found on ${nodes.length === 1 ? `node ${nodes[0]}` : `${nodes.length} nodes`}${namespace === undefined ? '' : ` in namespace ${namespace}`}.\n`,
      );
      if (format.kind === 'table' || format.kind === 'name' || format.kind === 'custom-columns') return;
    }
    const printable = kubeletPrintable(nodeItems, rows, { showNamespace: namespace === undefined });
    io().stdout.write(render(format, printable, { noHeaders: flags['no-headers'] ?? false }));
  } finally {
    transport.close();
  }
}

function nodeNote(n: KubeletNodeItem): string {
  if (n.staticPodPath === undefined && n.staticPodURL === undefined) {
    return `node ${n.name}: the kubelet reads no staticPodPath${n.fileCheckFrequency === undefined ? ' (its /configz is not available)' : ''}`;
  }
  const parts = [
    n.staticPodPath &&
      `staticPodPath ${n.staticPodPath}${n.fileCheckFrequency ? ` (re-read every ${n.fileCheckFrequency})` : ''}`,
    n.staticPodURL && `staticPodURL ${n.staticPodURL}`,
  ].filter(Boolean);
  return `node ${n.name}: ${parts.join(', ')}`;
}

/** The MIRROR column: what the kubelet's static Pod has in the API server. */
const MIRROR_TEXT: Record<KubeletPodRow['mirror'], string> = {
  mirrored: 'yes',
  'no-mirror': 'none',
  'outdated-mirror': 'outdated',
  'orphan-mirror': 'orphan',
};

export function kubeletPrintable(
  nodes: readonly KubeletNodeItem[],
  rows: readonly KubeletPodRow[],
  options: { showNamespace: boolean; now?: number },
): Printable {
  const now = options.now ?? Date.now();
  const items = rows.map((r) => ({
    node: r.node,
    namespace: r.namespace,
    name: r.name,
    ...(r.staticName !== undefined && { staticName: r.staticName }),
    ...(r.source !== undefined && { source: r.source }),
    ...(r.configHash !== undefined && { configHash: r.configHash }),
    mirror: r.mirror,
    ...(r.pod?.status?.phase !== undefined && { phase: r.pod.status.phase }),
  }));
  return {
    document: { apiVersion: LIST_API_VERSION, kind: 'KubeletStaticPodList', nodes, items },
    items,
    names: rows.map((r) => `pod/${r.name}`),
    table(wide) {
      const headers = [
        'NODE',
        ...(options.showNamespace ? ['NAMESPACE'] : []),
        'NAME',
        'STATIC NAME',
        'MIRROR',
        'READY',
        'STATUS',
        'RESTARTS',
        ...(wide ? ['CONFIG HASH', 'SOURCE'] : []),
      ];
      const body = rows.map((r) => {
        const pod = r.pod ?? r.mirrorPod;
        const c = pod ? podColumns(pod, now) : undefined;
        return [
          r.node,
          ...(options.showNamespace ? [r.namespace] : []),
          r.name,
          cell(r.staticName),
          MIRROR_TEXT[r.mirror],
          c?.ready ?? '<none>',
          cell(c?.status),
          c?.restarts ?? '<none>',
          ...(wide ? [cell(r.configHash), cell(r.source)] : []),
        ];
      });
      return { headers, rows: body };
    },
  };
}
