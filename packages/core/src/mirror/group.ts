import type { Pod } from 'kubernetes-types/core/v1.js';
import { diffVersions, type MirrorPodDifference } from './diff.js';
import { type ManifestRepair, mirrorPodInfo, mirrorToStaticManifest } from './mirror-pod.js';

/** A mirror Pod with what we learnt from it. */
export interface CleanedMirrorPod {
  readonly pod: Pod;
  readonly node: string;
  readonly mirrorName: string;
  /** The manifest the kubelet was given, as far as the API object tells (`mirrorToStaticManifest`). */
  readonly manifest: Pod;
  readonly repairs: readonly ManifestRepair[];
  /** `config.hash` ≠ `config.mirror`: the API object may not show what runs. */
  readonly stale: boolean;
  /** The mirror name does not end with `-<node>`: the static name is a guess. */
  readonly unexpectedName: boolean;
}

/** The mirror Pods of one static Pod: same namespace and static name, one per node. */
export interface MirrorPodGroup {
  readonly namespace: string;
  readonly staticName: string;
  /** Sorted by node name. */
  readonly pods: readonly Pod[];
  /** Sorted. */
  readonly nodes: readonly string[];
  /** Fields that differ between nodes once per-node data is removed; empty when they agree. */
  readonly differences: readonly MirrorPodDifference[];
  /** Each Pod with the manifest the kubelet was given, as far as the API object tells; sorted by node. */
  readonly members: readonly CleanedMirrorPod[];
}

/**
 * Groups mirror Pods by namespace and static name (the kubelet names a mirror Pod
 * `<static name>-<lower-cased node>`, `generatePodName` in pkg/kubelet/config/common.go) and lists
 * the fields that differ between nodes. Only per-node data is ignored in the comparison: what
 * `mirrorToStaticManifest` removes (the name suffix, `spec.nodeName`, the `kubernetes.io/config.*`
 * annotations, the Node owner reference, uid, resourceVersion, status, API defaults and the
 * kubelet's toleration). Everything else, including node-specific flags such as etcd's `--name`,
 * is a real difference: one DaemonSet template cannot hold two values. Pods that are not mirror
 * Pods are skipped. Groups are sorted by namespace and name, their Pods by node.
 */
export function groupMirrorPods(pods: readonly Pod[]): MirrorPodGroup[] {
  const byKey = new Map<string, { namespace: string; staticName: string; members: CleanedMirrorPod[] }>();
  const seen = new Set<string>();
  for (const pod of pods) {
    const info = mirrorPodInfo(pod);
    if (!info) continue;
    // The same mirror Pod listed twice is one Pod, not two nodes.
    const id = `${info.namespace}/${info.mirrorName}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const staticName = info.staticName ?? info.mirrorName;
    const key = `${info.namespace}/${staticName}`;
    const { manifest, repairs } = mirrorToStaticManifest(pod);
    const entry = byKey.get(key) ?? { namespace: info.namespace, staticName, members: [] };
    entry.members.push({
      pod,
      node: info.nodeName ?? info.mirrorName,
      mirrorName: info.mirrorName,
      manifest,
      repairs,
      stale: info.hashMismatch,
      unexpectedName: info.staticName === undefined,
    });
    byKey.set(key, entry);
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, { namespace, staticName, members }]) => {
      members.sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
      const differences = diffVersions(members.map((m) => ({ node: m.node, value: m.manifest })));
      return {
        namespace,
        staticName,
        pods: members.map((m) => m.pod),
        nodes: members.map((m) => m.node),
        differences,
        members,
      };
    });
}
