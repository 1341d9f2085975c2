import path from 'node:path';
import {
  type DriftRow,
  groupNodesByContent,
  type KubernetesVersion,
  type MirrorAdmission,
  type MirrorPodGroup,
  mirrorPodInfo,
  predictMirrorAdmission,
  type SourceEntry,
  type StaticPodPathReport,
} from '@staticpods/core';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { type RenderContext, type Table, tableText, type ViewFor } from '../output/formats.js';
import { cell } from '../printers/table.js';
import { type MirrorPodRow, mirrorRowCells, mirrorRowHeaders, rowFromPod } from './mirror-rows.js';
import { isPodReady } from './pod-status.js';

/** The formats of `list`. */
export type ListFormat =
  | 'text'
  | 'wide'
  | 'json'
  | 'yaml'
  | 'name'
  | 'jsonpath'
  | 'jsonpath-as-json'
  | 'custom-columns';
export type ListView = ViewFor<ListFormat>;

/** A table with its kubectl-style text. */
export function withText(view: Omit<ListView, 'text'>): ListView {
  return { ...view, text: (ctx: RenderContext) => tableText(view)(ctx) };
}

/** `apiVersion` of the documents `list` prints for what is not a Kubernetes object (docs/cli.md). */
export const LIST_API_VERSION = 'kubectl-staticpods/v1';

/**
 * Mirror Pods from the cluster, whole: printed like `kubectl get pods`, as a v1 List (for
 * jsonpath and custom-columns, which may read any field).
 */
export function mirrorPodsPrintable(
  pods: readonly Pod[],
  options: { showNamespace: boolean; now?: number },
): ListView {
  const now = options.now ?? Date.now();
  const rows = pods.map((pod) => rowFromPod(pod, now)).filter((row) => row !== undefined);
  return withText({
    // kubectl leaves managedFields out of every output format unless --show-managed-fields.
    document: {
      apiVersion: 'v1',
      kind: 'List',
      items: pods.map(withoutManagedFields),
      metadata: { resourceVersion: '' },
    },
    items: pods,
    sortKeys: true,
    ...mirrorRowsPrintable(rows, { ...options, now }),
  });
}

/** The rows of mirror Pods (from a server-side Table): the table, and `-o name`. */
export function mirrorRowsPrintable(
  rows: readonly MirrorPodRow[],
  options: { showNamespace: boolean; now?: number },
): Pick<ListView, 'names' | 'table' | 'text'> {
  const now = options.now ?? Date.now();
  const view = {
    names: rows.map((row) => `pod/${row.name}`),
    table: (wide: boolean): Table => ({
      headers: mirrorRowHeaders({ showNamespace: options.showNamespace, wide }),
      rows: rows.map((row) => mirrorRowCells(row, { showNamespace: options.showNamespace, wide, now })),
    }),
  };
  return { ...view, text: tableText(view) };
}

/** kubectl leaves managedFields out of every output format unless --show-managed-fields. */
export function withoutManagedFields(pod: Pod): Pod {
  if (!pod.metadata?.managedFields) return pod;
  const { managedFields: _, ...metadata } = pod.metadata;
  return { ...pod, metadata };
}

/** One static Pod across nodes, as `list --group` prints it. */
export interface GroupItem {
  readonly namespace: string;
  readonly staticName: string;
  readonly nodes: readonly string[];
  readonly pods: readonly { readonly name: string; readonly node: string; readonly ready: boolean }[];
  readonly ready: number;
  readonly total: number;
  /**
   * The nodes grouped by the manifest content they run, the same way on every node (the config
   * hash itself includes the node name and path): one group when every node runs the same content.
   */
  readonly contentVariants: readonly { readonly digest: string | null; readonly nodes: readonly string[] }[];
  /** Fields whose value is not the same on every node (per-node data aside): one DaemonSet template cannot hold them. */
  readonly differences: readonly {
    readonly path: string;
    readonly values: readonly { readonly node: string; readonly value: unknown }[];
  }[];
}

/**
 * One row per static Pod name across nodes (core's `groupMirrorPods`): how many nodes
 * run it, how many are ready, and which fields differ between the nodes' manifests.
 */
export function mirrorGroupsPrintable(groups: readonly MirrorPodGroup[]): ListView {
  const items: GroupItem[] = groups.map((g) => {
    const pods = g.pods.map((p) => ({
      name: p.metadata?.name ?? '',
      node: mirrorPodInfo(p)?.nodeName ?? '',
      ready: isPodReady(p),
    }));
    return {
      namespace: g.namespace,
      staticName: g.staticName,
      nodes: g.nodes,
      pods,
      ready: pods.filter((p) => p.ready).length,
      total: pods.length,
      contentVariants: groupNodesByContent(g.pods).map((v) => ({ digest: v.digest ?? null, nodes: v.nodes })),
      differences: g.differences.map((d) => ({
        path: d.path,
        values: d.values.map((v) => ({ node: v.node, value: v.value })),
      })),
    };
  });
  return withText({
    document: { apiVersion: LIST_API_VERSION, kind: 'StaticPodGroupList', items },
    items,
    names: items.map((g) => `staticpod/${g.namespace}/${g.staticName}`),
    table(wide): Table {
      return {
        headers: [
          'NAMESPACE',
          'STATIC NAME',
          'PODS',
          'READY',
          'VERSIONS',
          'DIFFERENCES',
          'NODES',
          ...(wide ? ['SAME CONTENT', 'DIFFERING FIELDS'] : []),
        ],
        rows: items.map((g) => [
          g.namespace,
          g.staticName,
          String(g.total),
          `${g.ready}/${g.total}`,
          String(g.contentVariants.length),
          String(g.differences.length),
          cell(g.nodes.join(',')),
          ...(wide
            ? [
                g.contentVariants.map((v) => v.nodes.join(',')).join(' | '),
                cell(g.differences.map((d) => d.path).join(',')),
              ]
            : []),
        ]),
      };
    },
  });
}

/** One entry of a staticPodPath as `list --manifests` reports it. */
export interface ManifestItem {
  /** The entry's name in the directory. */
  readonly file: string;
  readonly path: string;
  /** What the entry is: file, directory, dangling-symlink, fifo, … */
  readonly type: string;
  /** loaded: the kubelet runs it; shadowed: another file defines the same Pod and wins; invalid: refused; ignored: never read. */
  readonly status: SourceEntry['outcome'];
  readonly namespace: string | null;
  readonly staticName: string | null;
  readonly mirrorName: string | null;
  /** Why it is not loaded, or what happens to its mirror Pod; empty when all is well. */
  readonly reason: string;
  /** For loaded files: whether the API server will accept the mirror Pod (cluster policy aside). */
  readonly mirrorAdmission: { readonly accepted: boolean; readonly message?: string } | null;
  readonly symlinkTarget?: string;
  readonly shadowedBy?: string;
}

export interface ManifestListOptions {
  readonly kubernetesVersion: KubernetesVersion;
  /** How the node name was chosen, for the document. */
  readonly nodeFrom: 'flag' | 'hostname';
}

/** What the kubelet of `report.nodeName` does with every entry of a staticPodPath. */
export function manifestItems(report: StaticPodPathReport, options: ManifestListOptions): ManifestItem[] {
  return report.entries.map((entry) => {
    const view = entry.verdict?.view;
    const admission: MirrorAdmission | undefined =
      entry.outcome === 'loaded' && entry.verdict?.runs
        ? predictMirrorAdmission(entry.verdict.pod, entry.verdict.view, {
            kubernetesVersion: options.kubernetesVersion,
          })
        : undefined;
    return {
      file: entry.name,
      path: entry.path,
      type: entry.kind,
      status: entry.outcome,
      namespace: view?.namespace ?? null,
      staticName: view?.staticName || null,
      mirrorName: view?.staticName ? view.mirrorName : null,
      reason: reasonOf(entry, admission),
      mirrorAdmission: admission
        ? { accepted: admission.accepted, ...(!admission.accepted && { message: admission.message }) }
        : null,
      ...(entry.symlinkTarget !== undefined && { symlinkTarget: entry.symlinkTarget }),
      ...(entry.shadowedBy !== undefined && { shadowedBy: entry.shadowedBy }),
    };
  });
}

function reasonOf(entry: SourceEntry, admission: MirrorAdmission | undefined): string {
  switch (entry.outcome) {
    case 'loaded':
      return admission && !admission.accepted ? `runs, but no mirror Pod: ${admission.message}` : '';
    case 'shadowed':
      return `${path.basename(entry.shadowedBy ?? '')} defines the same Pod and wins; this file is not run`;
    case 'invalid':
      return entry.kubeletLog?.err ?? entry.kubeletLog?.msg ?? 'refused by the kubelet';
    case 'ignored':
      switch (entry.ignoredBecause) {
        case 'dotfile':
          return 'names starting with "." are skipped';
        case 'directory':
          return 'subdirectories are not read';
        default:
          return entry.kubeletLog?.err ?? entry.kubeletLog?.msg ?? 'not a regular file';
      }
  }
}

/** The `-o json|yaml` document of a staticPodPath listing: where, for which node and version, then the rows. */
function staticPodPathDocument(
  kind: 'StaticPodPath' | 'StaticPodDrift',
  report: StaticPodPathReport,
  options: ManifestListOptions,
  items: readonly unknown[],
) {
  return {
    apiVersion: LIST_API_VERSION,
    kind,
    path: report.path,
    node: report.nodeName,
    nodeFrom: options.nodeFrom,
    kubernetesVersion: `${options.kubernetesVersion.major}.${options.kubernetesVersion.minor}`,
    items,
  };
}

export function manifestsPrintable(report: StaticPodPathReport, options: ManifestListOptions): ListView {
  const items = manifestItems(report, options);
  return withText({
    document: staticPodPathDocument('StaticPodPath', report, options, items),
    items,
    names: items.filter((i) => i.status === 'loaded' && i.mirrorName).map((i) => `pod/${i.mirrorName}`),
    table(wide): Table {
      return {
        headers: [
          'FILE',
          'NAMESPACE',
          'STATIC NAME',
          'MIRROR NAME',
          ...(wide ? ['TYPE', 'NODE'] : []),
          'STATUS',
          'REASON',
        ],
        rows: items.map((i) => [
          i.file,
          cell(i.namespace),
          cell(i.staticName),
          cell(i.mirrorName),
          ...(wide ? [i.type, report.nodeName] : []),
          i.status,
          i.reason,
        ]),
      };
    },
  });
}

/** A drift row in the form `list --manifests … --drift -o json` prints. */
export interface DriftItem {
  readonly status: DriftRow['status'];
  readonly namespace: string;
  readonly staticName: string;
  readonly mirrorName: string;
  readonly file: string | null;
  readonly mirror: {
    readonly name: string;
    readonly configHash: string;
    readonly configSource: string | null;
    readonly stale: boolean;
  } | null;
  /** The file's config hash on this node, at {@link nodePath}; null when not computable. */
  readonly fileHash: string | null;
  /** The file's path on the node that the hash is for. */
  readonly nodePath: string | null;
  readonly reason: string;
}

export function driftPrintable(
  report: StaticPodPathReport,
  rows: readonly DriftRow[],
  options: ManifestListOptions,
): ListView {
  const items: DriftItem[] = rows.map((r) => ({
    status: r.status,
    namespace: r.namespace,
    staticName: r.staticName,
    mirrorName: r.mirrorName,
    file: r.file ?? null,
    mirror: r.mirror
      ? {
          name: r.mirror.mirrorName,
          configHash: r.mirror.configHash,
          configSource: r.mirror.configSource ?? null,
          stale: r.mirror.hashMismatch,
        }
      : null,
    fileHash: r.fileHash ?? null,
    nodePath: r.nodePath ?? null,
    reason: r.reason,
  }));
  return withText({
    document: staticPodPathDocument('StaticPodDrift', report, options, items),
    items,
    names: items.filter((i) => i.mirror).map((i) => `pod/${i.mirror?.name}`),
    table(wide): Table {
      return {
        headers: [
          'FILE',
          'NAMESPACE',
          'STATIC NAME',
          'MIRROR POD',
          ...(wide ? ['CONFIG HASH', 'FILE HASH'] : []),
          'STATUS',
          'REASON',
        ],
        rows: items.map((i) => [
          i.file ? path.basename(i.file) : '<none>',
          cell(i.namespace),
          cell(i.staticName),
          cell(i.mirror?.name),
          ...(wide ? [cell(i.mirror?.configHash), cell(i.fileHash)] : []),
          i.status,
          i.reason,
        ]),
      };
    },
  });
}
