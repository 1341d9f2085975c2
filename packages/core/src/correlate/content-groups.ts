import type { Pod } from 'kubernetes-types/core/v1.js';
import { contentDigest } from '../kubelet/config-hash/config-hash.js';
import { parseManifest } from '../manifest/parse.js';
import { mirrorPodInfo, mirrorToStaticManifest } from '../mirror/mirror-pod.js';
import type { KubernetesVersion } from '../versions.js';

/** Nodes that run the same manifest content. */
export interface ContentVariant {
  /** {@link contentDigest} of the manifest, as cleaned back from the mirror Pods; undefined when not computable. */
  readonly digest: string | undefined;
  readonly nodes: readonly string[];
}

/**
 * Groups the mirror Pods of one static Pod by the content of the manifest behind them, the same
 * way on every node: the config hash of a file includes the node name and the path, so the mirror
 * Pods' `config.mirror` values always differ between nodes; the digest of the manifest each mirror
 * Pod was made from (cleaned back by `mirrorToStaticManifest`) does not. The largest group comes
 * first; mirror Pods whose digest cannot be computed each form their own group.
 */
export function groupNodesByContent(
  mirrorPods: readonly Pod[],
  kubernetesVersion?: KubernetesVersion,
): ContentVariant[] {
  const groups = new Map<string, { digest: string | undefined; nodes: string[] }>();
  for (const pod of mirrorPods) {
    const info = mirrorPodInfo(pod);
    if (!info) continue;
    const node = info.nodeName ?? info.mirrorName;
    const { manifest } = mirrorToStaticManifest(pod);
    const digest = contentDigest(parseManifest(JSON.stringify(manifest)), kubernetesVersion);
    const key = digest ?? `?${node}`;
    const group = groups.get(key) ?? { digest, nodes: [] };
    group.nodes.push(node);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((g) => ({ digest: g.digest, nodes: g.nodes.sort() }))
    .sort((a, b) => b.nodes.length - a.nodes.length || ((a.nodes[0] ?? '') < (b.nodes[0] ?? '') ? -1 : 1));
}
