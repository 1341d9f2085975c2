import { StaticPodsError } from './errors.js';

// Also `@staticpods/core/versions`, a light entry for callers that need only these (the CLI's `version`).
export { KUBERNETES_SOURCE } from './rules/upstream.js';

/** A Kubernetes minor version: the kubelet and API server behaviour this library models. */
export interface KubernetesVersion {
  readonly major: 1;
  readonly minor: number;
}

/** The newest version modelled (read from kubernetes/kubernetes v1.37.2), the default everywhere. */
export const NEWEST_KUBERNETES_VERSION: KubernetesVersion = Object.freeze({ major: 1, minor: 37 });
/** The oldest version modelled: the first with the kubelet's ClusterTrustBundle check. */
export const OLDEST_KUBERNETES_VERSION: KubernetesVersion = Object.freeze({ major: 1, minor: 29 });

/**
 * Since 1.34 the kubelet refuses static Pods that reference API objects
 * (`PreventStaticPodAPIReferences`, beta and on by default in 1.34–1.36, kubernetes/kubernetes#131837;
 * the gate was removed and the check made unconditional in 1.37, #140226). Before, such a Pod
 * ran, but its mirror Pod was refused by the API server.
 */
export const KUBELET_REFUSES_API_REFERENCES_SINCE = 34;
/** The kubelet logs priority warnings for static Pods since 1.37 (kubernetes/kubernetes#136705). */
export const KUBELET_PRIORITY_WARNING_SINCE = 37;

/**
 * Parses `1.33`, `v1.33`, `1.33.2` or `v1.33.0-rc.1`.
 * @throws StaticPodsError E_INVALID_VERSION for anything else, or a version outside 1.29–1.37.
 */
export function parseKubernetesVersion(text: string): KubernetesVersion {
  const m = /^v?1\.(\d+)(?:\.\d+)?(?:[-+][0-9A-Za-z.-]+)?$/.exec(text.trim());
  const minor = m ? Number(m[1]) : Number.NaN;
  if (!m || minor < OLDEST_KUBERNETES_VERSION.minor || minor > NEWEST_KUBERNETES_VERSION.minor) {
    throw new StaticPodsError(
      'E_INVALID_VERSION',
      `unsupported Kubernetes version "${text}"`,
      `Give a version from ${formatVersion(OLDEST_KUBERNETES_VERSION)} to ${formatVersion(NEWEST_KUBERNETES_VERSION)}, such as "1.33".`,
    );
  }
  return { major: 1, minor };
}

export function formatVersion(v: KubernetesVersion): string {
  return `${v.major}.${v.minor}`;
}
