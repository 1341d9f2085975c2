import { setFlagsFromString } from 'node:v8';
import { isMirrorPod } from '@staticpods/core';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { type MirrorPodRow, rowFromPod, rowFromTableRow } from '../list/mirror-rows.js';
import { PODS } from './api.js';
import { listPages } from './list-pages.js';
import type { Transport } from './transport.js';

export interface MirrorPodQuery {
  /** One namespace; all when undefined. */
  readonly namespace?: string | undefined;
  readonly labelSelector?: string | undefined;
  /** Only Pods bound to this node (`fieldSelector=spec.nodeName=…`). */
  readonly nodeName?: string | undefined;
  /** Items per page (kubectl's `--chunk-size`). @default 500 */
  readonly chunkSize?: number | undefined;
  /** Progress: Pods scanned so far. */
  readonly onProgress?: (scanned: number) => void;
  /**
   * One list of whole Pods even cluster-wide, so that the result is one snapshot with one
   * resourceVersion (a watch starts from it).
   */
  readonly onePass?: boolean;
}

/** Mirror Pods of one page, whole, in the API server's order (namespace, then name). */
export interface MirrorPodBatch {
  readonly pods: readonly Pod[];
  /**
   * The list of `scope` (a namespace, or every namespace when undefined) started again after its
   * continue token expired: the Pods of that scope taken before belong to another snapshot.
   */
  readonly restarted?: { readonly scope: string | undefined };
}

/** What a list of mirror Pods ends with: where a watch can start, and how many Pods were seen. */
export interface MirrorPodListEnd {
  /** The snapshot's resourceVersion, when the Pods come from one list (scoped, or `onePass`). */
  readonly resourceVersion?: string | undefined;
  readonly scanned: number;
}

/**
 * Mirror Pods, whole, page by page, nothing kept. There is no server-side selector for them
 * (kubernetes/kubernetes#54747): the `kubernetes.io/config.mirror` annotation is only in the
 * metadata. Scoped to a namespace or a node, one list of whole Pods, filtered; cluster-wide, a
 * metadata-only list first finds the namespaces that hold mirror Pods (usually kube-system
 * alone), and only those are listed whole. No Pod is fetched by itself.
 */
export async function* mirrorPodBatches(
  transport: Transport,
  query: MirrorPodQuery,
): AsyncGenerator<MirrorPodBatch, MirrorPodListEnd> {
  keepHeapNearLive();
  const common = {
    labelSelector: query.labelSelector,
    fieldSelector: query.nodeName ? `spec.nodeName=${query.nodeName}` : undefined,
    limit: query.chunkSize,
  };
  let scanned = 0;
  let resourceVersion: string | undefined;
  let namespaces: (string | undefined)[] = [query.namespace];
  if (query.namespace === undefined && query.nodeName === undefined && !query.onePass) {
    // First pass: which namespaces hold mirror Pods, in the server's order.
    let found = new Set<string>();
    for await (const page of listPages(transport, PODS, { ...common, as: 'metadata' })) {
      if (page.restarted) {
        found = new Set();
        scanned = 0;
      }
      for (const item of page.items)
        if (isMirrorPod(item as Pod)) found.add(item.metadata?.namespace ?? 'default');
      scanned += page.items.length;
      query.onProgress?.(scanned);
    }
    namespaces = [...found];
  }
  for (const namespace of namespaces) {
    for await (const page of listPages(transport, PODS, { ...common, namespace, as: 'objects' })) {
      // Items of a list carry no apiVersion and kind; kubectl prints them with both, as a GET gives them.
      const pods = (page.items as readonly Pod[])
        .filter((p) => isMirrorPod(p))
        .map((p): Pod => ({ apiVersion: 'v1', kind: 'Pod', ...p }));
      const onePass = namespaces.length === 1 && namespace === query.namespace;
      if (onePass) {
        scanned = page.restarted ? page.items.length : scanned + page.items.length;
        query.onProgress?.(scanned);
        resourceVersion = page.resourceVersion;
      }
      yield { pods, ...(page.restarted && { restarted: { scope: namespace } }) };
    }
  }
  return { resourceVersion, scanned };
}

export interface MirrorPodScan extends MirrorPodListEnd {
  readonly pods: Pod[];
}

/** Every mirror Pod of the query, whole, in the API server's order (see {@link mirrorPodBatches}). */
export async function findMirrorPods(transport: Transport, query: MirrorPodQuery): Promise<MirrorPodScan> {
  let pods: Pod[] = [];
  const batches = mirrorPodBatches(transport, query);
  for (;;) {
    const next = await batches.next();
    if (next.done) return { pods, ...next.value };
    const { restarted } = next.value;
    if (restarted) {
      const scope = restarted.scope;
      pods = scope === undefined ? [] : pods.filter((p) => (p.metadata?.namespace ?? 'default') !== scope);
    }
    pods.push(...next.value.pods);
  }
}

/**
 * The table rows of every mirror Pod of the query: one paginated server-side Table with each
 * row's metadata (what `kubectl get pods` itself asks for), rows of mirror Pods kept, pages
 * dropped. A server that answers plain lists gets the rows computed from the Pods.
 */
export async function findMirrorPodRows(
  transport: Transport,
  query: MirrorPodQuery,
): Promise<{ rows: MirrorPodRow[]; scanned: number; resourceVersion?: string | undefined }> {
  keepHeapNearLive();
  let rows: MirrorPodRow[] = [];
  let scanned = 0;
  let resourceVersion: string | undefined;
  const now = Date.now();
  for await (const page of listPages(transport, PODS, {
    namespace: query.namespace,
    labelSelector: query.labelSelector,
    fieldSelector: query.nodeName ? `spec.nodeName=${query.nodeName}` : undefined,
    limit: query.chunkSize,
    as: 'table',
  })) {
    if (page.restarted) {
      rows = [];
      scanned = 0;
    }
    for (const item of page.items) {
      const row = page.table ? rowFromTableRow(item, page.columns ?? []) : rowFromPod(item as Pod, now);
      if (row) rows.push(row);
    }
    scanned += page.items.length;
    resourceVersion = page.resourceVersion;
    query.onProgress?.(scanned);
  }
  return { rows, scanned, resourceVersion };
}

/**
 * Every page of a list is garbage once read, and there are many: with V8's default heap growth
 * (the old space may grow to about four times what is live before the next full collection), dead
 * pages pile up and the peak memory of a list grows with the cluster (250 MiB at 30,000 Pods,
 * against 30 MiB live). Growing by at most 30 % keeps the peak near what is live (165 MiB) for a
 * few more full collections (docs/cli.md, "Scale"). Set by every scan of Pods, for the rest of the
 * process (a short-lived command).
 */
function keepHeapNearLive(): void {
  setFlagsFromString('--heap-growing-percent=30');
}
