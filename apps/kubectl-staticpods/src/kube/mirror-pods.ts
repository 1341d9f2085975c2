import { isMirrorPod } from '@staticpods/core';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { ForbiddenError, getObject, type ListItem, listAll, PODS } from './api.js';
import type { Transport } from './transport.js';

export interface MirrorPodQuery {
  /** One namespace; all when undefined. */
  readonly namespace?: string | undefined;
  readonly labelSelector?: string | undefined;
  /** Only Pods bound to this node (`fieldSelector=spec.nodeName=…`). */
  readonly nodeName?: string | undefined;
  /** Progress: Pods scanned so far. */
  readonly onProgress?: (scanned: number) => void;
}

export interface MirrorPodScan {
  readonly pods: Pod[];
  /** Every Pod the metadata list saw. */
  readonly scanned: number;
}

/** Parallel GETs for the details of mirror Pods. */
const CONCURRENCY = 8;

/**
 * Finds mirror Pods. There is no server-side selector for them (kubernetes/kubernetes#54747),
 * so: one paginated metadata-only list of Pods (the `kubernetes.io/config.mirror` annotation is
 * in the metadata), then full objects only for the mirror Pods, per namespace either by name
 * (few mirror Pods among many Pods) or by listing the namespace (when most of it is mirror
 * Pods, or when `get` is not allowed but `list` is).
 */
export async function findMirrorPods(transport: Transport, query: MirrorPodQuery): Promise<MirrorPodScan> {
  const metadata = await listAll(transport, PODS, {
    namespace: query.namespace,
    labelSelector: query.labelSelector,
    fieldSelector: query.nodeName ? `spec.nodeName=${query.nodeName}` : undefined,
    metadataOnly: true,
    ...(query.onProgress && { onPage: query.onProgress }),
  });
  const perNamespace = new Map<string, { total: number; mirrors: string[] }>();
  for (const item of metadata) {
    const ns = item.metadata?.namespace ?? 'default';
    const entry = perNamespace.get(ns) ?? { total: 0, mirrors: [] };
    entry.total++;
    if (isMirrorPod(item as Pod) && item.metadata?.name) entry.mirrors.push(item.metadata.name);
    perNamespace.set(ns, entry);
  }
  const pods: Pod[] = [];
  for (const [namespace, { total, mirrors }] of perNamespace) {
    if (mirrors.length === 0) continue;
    const byName = mirrors.length <= 10 || mirrors.length * 4 < total;
    let found: ListItem[] | undefined;
    if (byName) {
      try {
        found = await getEach(transport, namespace, mirrors);
      } catch (error) {
        if (!(error instanceof ForbiddenError)) throw error;
      }
    }
    found ??= (
      await listAll(transport, PODS, {
        namespace,
        labelSelector: query.labelSelector,
        fieldSelector: query.nodeName ? `spec.nodeName=${query.nodeName}` : undefined,
      })
    ).filter((p) => mirrors.includes(p.metadata?.name ?? ''));
    // A Pod deleted (or no longer a mirror) between the two requests is left out.
    for (const p of found) if (isMirrorPod(p as Pod)) pods.push(p as Pod);
  }
  pods.sort(
    (a, b) =>
      (a.metadata?.namespace ?? '').localeCompare(b.metadata?.namespace ?? '') ||
      (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''),
  );
  return { pods, scanned: metadata.length };
}

async function getEach(
  transport: Transport,
  namespace: string,
  names: readonly string[],
): Promise<ListItem[]> {
  const out: ListItem[] = [];
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const name = names[next++] as string;
      const pod = await getObject(transport, PODS, namespace, name);
      if (pod) out.push(pod);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, names.length) }, worker));
  return out;
}
