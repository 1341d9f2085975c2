import type { Pod, Toleration } from 'kubernetes-types/core/v1.js';
import { mirrorPodName } from '../mirror/naming.js';
import { ANNOTATION_CONFIG_HASH, ANNOTATION_CONFIG_SOURCE, STATIC_POD_TOLERATION } from './constants.js';

export interface KubeletViewOptions {
  /** The kubelet's node name (hostname, `--hostname-override` or cloud name), as given. */
  readonly nodeName: string;
  /** `file` for a staticPodPath, `http` for a staticPodURL. @default 'file' */
  readonly source?: 'file' | 'http';
}

/** What the kubelet runs for a static Pod, and what its mirror Pod will show. */
export interface KubeletView {
  /** `metadata.name` as written in the manifest. */
  readonly staticName: string;
  /** `<name>-<lower(node)>`. */
  readonly mirrorName: string;
  /** `metadata.namespace`, or `default` when empty. */
  readonly namespace: string;
  /** Always the kubelet's node name, whatever the manifest says (not lower-cased). */
  readonly nodeName: string;
  readonly source: 'file' | 'http';
  /** The manifest's tolerations plus, for file sources, the wildcard NoExecute toleration. */
  readonly tolerations: readonly Toleration[];
  /**
   * The manifest's annotations plus `kubernetes.io/config.source`. `kubernetes.io/config.hash`
   * (and `config.mirror`, `config.seen`) are not set here: the hash depends on the path on the node,
   * which `configHash` takes. When the manifest sets `metadata.uid`, that UID is the hash, and is given.
   */
  readonly annotations: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * Applies the kubelet's defaults for static Pods (`applyDefaults` in
 * kubernetes/kubernetes v1.37.2 `pkg/kubelet/config/common.go`, and `config.go` `merge` for the
 * source annotation) to a decoded Pod.
 */
export function kubeletView(pod: Pod, options: KubeletViewOptions): KubeletView {
  const source = options.source ?? 'file';
  const staticName = pod.metadata?.name ?? '';
  const annotations: Record<string, string> = { ...(pod.metadata?.annotations ?? {}) };
  delete annotations[ANNOTATION_CONFIG_HASH];
  if (pod.metadata?.uid) annotations[ANNOTATION_CONFIG_HASH] = pod.metadata.uid;
  annotations[ANNOTATION_CONFIG_SOURCE] = source;
  const manifestTolerations = pod.spec?.tolerations ?? [];
  return {
    staticName,
    mirrorName: mirrorPodName(staticName, options.nodeName),
    namespace: pod.metadata?.namespace || 'default',
    nodeName: options.nodeName,
    source,
    tolerations:
      source === 'file'
        ? addOrUpdateToleration(manifestTolerations, STATIC_POD_TOLERATION)
        : manifestTolerations,
    annotations,
    labels: { ...(pod.metadata?.labels ?? {}) },
  };
}

/**
 * `helper.AddOrUpdateTolerationInPod` (`pkg/apis/core/helper/helpers.go`): a toleration that
 * matches on key, operator, value and effect is replaced; otherwise the new one is appended.
 */
export function addOrUpdateToleration(
  tolerations: readonly Toleration[],
  toleration: Toleration,
): Toleration[] {
  const same = (t: Toleration) =>
    (t.key ?? '') === (toleration.key ?? '') &&
    (t.effect ?? '') === (toleration.effect ?? '') &&
    (t.operator ?? '') === (toleration.operator ?? '') &&
    (t.value ?? '') === (toleration.value ?? '');
  if (!tolerations.some(same)) return [...tolerations, { ...toleration }];
  return tolerations.map((t) => (same(t) ? { ...toleration } : t));
}

/**
 * The Pod as the kubelet holds it after `applyDefaults`, ready to be sent as a mirror Pod.
 * `hash` is the kubelet's config hash (from `configHash`, a real kubelet or a running mirror Pod).
 */
export function applyKubeletDefaults(pod: Pod, options: KubeletViewOptions & { readonly hash: string }): Pod {
  const view = kubeletView(pod, options);
  return {
    ...pod,
    metadata: {
      ...pod.metadata,
      name: view.mirrorName,
      namespace: view.namespace,
      uid: pod.metadata?.uid ?? options.hash,
      annotations: { ...view.annotations, [ANNOTATION_CONFIG_HASH]: pod.metadata?.uid ?? options.hash },
    },
    spec: {
      ...pod.spec,
      containers: pod.spec?.containers ?? [],
      nodeName: view.nodeName,
      tolerations: [...view.tolerations],
    },
    status: { phase: 'Pending' },
  };
}
