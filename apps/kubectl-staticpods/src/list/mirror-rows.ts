import { isMirrorPod, mirrorPodInfo } from '@staticpods/core';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { ListItem } from '../kube/api.js';
import { age } from '../printers/age.js';
import { cell, NONE } from '../printers/table.js';
import { podColumns } from './pod-status.js';

/** What `list` prints of one mirror Pod, in a table or as `-o name`. */
export interface MirrorPodRow {
  readonly namespace: string;
  readonly name: string;
  readonly staticName?: string | undefined;
  readonly node?: string | undefined;
  /** kubectl's READY, STATUS, RESTARTS and IP cells. */
  readonly ready: string;
  readonly status: string;
  readonly restarts: string;
  readonly ip: string;
  readonly creationTimestamp?: string | undefined;
  readonly configHash?: string | undefined;
  readonly configSource?: string | undefined;
  /** Which version of the Pod the row shows (a watch prints a row again only when it changes). */
  readonly resourceVersion?: string | undefined;
}

/** The row of a whole Pod (cells computed as kubectl's printer does); undefined when not a mirror Pod. */
export function rowFromPod(pod: Pod, now: number = Date.now()): MirrorPodRow | undefined {
  const info = mirrorPodInfo(pod);
  if (!info) return undefined;
  const c = podColumns(pod, now);
  return {
    namespace: pod.metadata?.namespace ?? 'default',
    name: pod.metadata?.name ?? '',
    staticName: info.staticName,
    node: info.nodeName,
    ready: c.ready,
    status: c.status,
    restarts: c.restarts,
    ip: c.ip,
    creationTimestamp: pod.metadata?.creationTimestamp,
    configHash: info.configHash,
    configSource: info.configSource,
    resourceVersion: pod.metadata?.resourceVersion,
  };
}

/**
 * The row of a server-side Table row with its metadata (`includeObject=Metadata`): READY, STATUS,
 * RESTARTS, IP and Node come from the API server's own Pod printer (k8s.io/kubernetes
 * `pkg/printers/internalversion/printers.go` `printPod`), exactly what `kubectl get pods` shows;
 * undefined when the row is not a mirror Pod.
 */
export function rowFromTableRow(
  row: ListItem,
  columns: readonly { readonly name: string }[],
): MirrorPodRow | undefined {
  const metadata = (row.object as { metadata?: Pod['metadata'] } | undefined)?.metadata;
  if (!metadata || !isMirrorPod({ metadata })) return undefined;
  const cells = Array.isArray(row.cells) ? (row.cells as unknown[]) : [];
  const at = (name: string): string => {
    const i = columns.findIndex((c) => c.name === name);
    const value = i < 0 ? undefined : cells[i];
    return value === undefined || value === null ? '' : String(value);
  };
  const node = at('Node');
  const info = mirrorPodInfo({
    metadata,
    ...(node && node !== NONE && { spec: { nodeName: node, containers: [] } }),
  });
  return {
    namespace: metadata.namespace ?? 'default',
    name: metadata.name ?? '',
    staticName: info?.staticName,
    node: info?.nodeName,
    ready: at('Ready'),
    status: at('Status'),
    restarts: at('Restarts'),
    ip: at('IP') || NONE,
    creationTimestamp: metadata.creationTimestamp,
    configHash: info?.configHash,
    configSource: info?.configSource,
    resourceVersion: metadata.resourceVersion,
  };
}

/** The headers of `list`'s table (kubectl's pod columns around the static Pod's name and node). */
export function mirrorRowHeaders(options: { showNamespace: boolean; wide: boolean }): string[] {
  return [
    ...(options.showNamespace ? ['NAMESPACE'] : []),
    'NAME',
    'STATIC NAME',
    'NODE',
    'READY',
    'STATUS',
    'RESTARTS',
    'AGE',
    ...(options.wide ? ['IP', 'CONFIG HASH', 'SOURCE'] : []),
  ];
}

/** The cells of one row under {@link mirrorRowHeaders}. */
export function mirrorRowCells(
  row: MirrorPodRow,
  options: { showNamespace: boolean; wide: boolean; now: number },
): string[] {
  return [
    ...(options.showNamespace ? [cell(row.namespace)] : []),
    cell(row.name),
    cell(row.staticName),
    cell(row.node),
    row.ready,
    cell(row.status),
    row.restarts,
    age(row.creationTimestamp, options.now),
    ...(options.wide ? [row.ip, cell(row.configHash), cell(row.configSource)] : []),
  ];
}
