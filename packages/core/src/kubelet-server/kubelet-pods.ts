import type { Pod } from 'kubernetes-types/core/v1.js';
import {
  ANNOTATION_CONFIG_HASH,
  ANNOTATION_CONFIG_MIRROR,
  ANNOTATION_CONFIG_SOURCE,
} from '../kubelet/constants.js';
import { isMirrorPod } from '../mirror/mirror-pod.js';
import { staticNameFromMirrorName } from '../mirror/naming.js';

/**
 * The body of the kubelet's `GET /pods` (through the API server:
 * `GET /api/v1/nodes/<node>/proxy/pods`): a v1 PodList of every Pod the kubelet's pod manager
 * holds, static Pods with the status its status manager computed (kubernetes/kubernetes v1.37.2
 * `pkg/kubelet/server/server.go` getPods, `pkg/kubelet/kubelet_getters.go` GetPods). Static Pods
 * appear here even when the API server refused their mirror Pod.
 */
export interface KubeletPods {
  readonly items?: readonly Pod[] | null;
}

/**
 * The body of the kubelet's `GET /configz` (`/api/v1/nodes/<node>/proxy/configz`): the running
 * configuration as `kubelet.config.k8s.io/v1beta1`, under the key `kubeletconfig`
 * (k8s.io/component-base `configz`, registered by cmd/kubelet/app/server.go initConfigz).
 */
export interface KubeletConfigz {
  readonly kubeletconfig?: {
    readonly staticPodPath?: string;
    readonly staticPodURL?: string;
    readonly fileCheckFrequency?: string;
    readonly httpCheckFrequency?: string;
    readonly [key: string]: unknown;
  };
}

/** What a node's kubelet says about where its static Pods come from. */
export interface KubeletStaticPodConfig {
  /** `staticPodPath`; undefined when the kubelet reads no files. */
  readonly staticPodPath?: string;
  /** `staticPodURL`; undefined when the kubelet fetches none. */
  readonly staticPodURL?: string;
  /** How often the kubelet re-reads the path (Go duration, e.g. `20s`); only with a staticPodPath. */
  readonly fileCheckFrequency?: string;
  /** Only with a staticPodURL. */
  readonly httpCheckFrequency?: string;
}

/** Reads the static-Pod settings out of a `/configz` body; undefined when it is not one. */
export function kubeletStaticPodConfig(configz: unknown): KubeletStaticPodConfig | undefined {
  const c = (configz as KubeletConfigz | null)?.kubeletconfig;
  if (typeof c !== 'object' || c === null) return undefined;
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const out: Record<string, string> = {};
  const path = str(c.staticPodPath);
  const url = str(c.staticPodURL);
  const fileEvery = str(c.fileCheckFrequency);
  const httpEvery = str(c.httpCheckFrequency);
  // Each period only matters for the source it belongs to (both are always in /configz).
  if (path !== undefined)
    Object.assign(out, { staticPodPath: path }, fileEvery && { fileCheckFrequency: fileEvery });
  if (url !== undefined)
    Object.assign(out, { staticPodURL: url }, httpEvery && { httpCheckFrequency: httpEvery });
  return out;
}

/** How a static Pod the kubelet runs relates to the API server's mirror Pods. */
export type KubeletPodMirror =
  /** A mirror Pod of this very version of the static Pod exists. */
  | 'mirrored'
  /** No mirror Pod: the API server refused it, or the kubelet has not created it yet. */
  | 'no-mirror'
  /**
   * A mirror Pod exists for an older version of the file (its `config.mirror` is not the static
   * Pod's `config.hash`): the kubelet deletes and re-creates it (pkg/kubelet/kubelet.go SyncPod,
   * `IsMirrorPodOf`).
   */
  | 'outdated-mirror'
  /** A mirror Pod on this node for which the kubelet runs no static Pod: the kubelet deletes it. */
  | 'orphan-mirror';

/** One row of the kubelet's own view of its static Pods. */
export interface KubeletPodRow {
  readonly node: string;
  readonly namespace: string;
  /** The Pod's name as the kubelet holds it (`<static name>-<node>`), i.e. the mirror Pod name. */
  readonly name: string;
  /** The name in the manifest, when the kubelet's name ends with `-<node>`. */
  readonly staticName?: string;
  /** `kubernetes.io/config.source` (`file` or `http`); undefined for an orphan mirror row. */
  readonly source?: string;
  /** The static Pod's `kubernetes.io/config.hash`, or the orphan mirror's `config.mirror`. */
  readonly configHash?: string;
  readonly mirror: KubeletPodMirror;
  /** The Pod as the kubelet holds it (with its status), absent for an orphan mirror row. */
  readonly pod?: Pod;
  /** The mirror Pod from the API server, when there is one. */
  readonly mirrorPod?: Pod;
}

/**
 * Joins the Pods a kubelet runs (its `/pods`) with the API server's mirror Pods on that node:
 * one row per static Pod (source `file` or `http`; Pods from the API server are the kubelet's
 * ordinary work and left out), and one per mirror Pod the kubelet has no static Pod for. The
 * mirror of a static Pod is the Pod of the same namespace and name; it is current when its
 * `config.mirror` equals the static Pod's `config.hash` (pkg/kubelet/pod/mirror_client.go,
 * pkg/kubelet/types/pod_update.go). Sorted by namespace, then name.
 */
export function kubeletPodRows(
  node: string,
  kubeletPods: KubeletPods,
  mirrorPods: readonly Pod[],
): KubeletPodRow[] {
  const key = (p: Pod) => `${p.metadata?.namespace || 'default'}/${p.metadata?.name ?? ''}`;
  const mirrors = new Map<string, Pod>();
  for (const p of mirrorPods) {
    if (isMirrorPod(p) && p.spec?.nodeName === node) mirrors.set(key(p), p);
  }
  const rows: KubeletPodRow[] = [];
  const seen = new Set<string>();
  for (const pod of kubeletPods.items ?? []) {
    const annotations = pod.metadata?.annotations ?? {};
    const source = annotations[ANNOTATION_CONFIG_SOURCE];
    if (source === undefined || source === 'api') continue;
    const k = key(pod);
    seen.add(k);
    const mirrorPod = mirrors.get(k);
    const hash = annotations[ANNOTATION_CONFIG_HASH];
    const mirror: KubeletPodMirror = !mirrorPod
      ? 'no-mirror'
      : mirrorPod.metadata?.annotations?.[ANNOTATION_CONFIG_MIRROR] === hash
        ? 'mirrored'
        : 'outdated-mirror';
    rows.push(row(node, pod, { source, configHash: hash, mirror, pod, mirrorPod }));
  }
  for (const [k, mirrorPod] of mirrors) {
    if (seen.has(k)) continue;
    const configHash = mirrorPod.metadata?.annotations?.[ANNOTATION_CONFIG_MIRROR];
    rows.push(row(node, mirrorPod, { configHash, mirror: 'orphan-mirror', mirrorPod }));
  }
  return rows.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}

interface RowParts {
  readonly mirror: KubeletPodMirror;
  readonly source?: string | undefined;
  readonly configHash?: string | undefined;
  readonly pod?: Pod | undefined;
  readonly mirrorPod?: Pod | undefined;
}

function row(node: string, pod: Pod, parts: RowParts): KubeletPodRow {
  const name = pod.metadata?.name ?? '';
  const staticName = staticNameFromMirrorName(name, node);
  const out: Record<string, unknown> = {
    node,
    namespace: pod.metadata?.namespace || 'default',
    name,
    ...(staticName !== undefined && { staticName }),
  };
  for (const [k, v] of Object.entries(parts)) if (v !== undefined) out[k] = v;
  return out as unknown as KubeletPodRow;
}
