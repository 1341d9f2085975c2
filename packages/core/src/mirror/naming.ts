/**
 * The name of the mirror Pod the kubelet creates for a static Pod: `<name>-<node>`, with the
 * node name lower-cased and nothing else changed (no truncation, no sanitising).
 * Mirrors `generatePodName` in kubernetes/kubernetes v1.37.2 `pkg/kubelet/config/common.go`;
 * the lower-casing dates from v1.10 (kubernetes/kubernetes#59849).
 */
export function mirrorPodName(staticName: string, nodeName: string): string {
  return `${staticName}-${nodeName.toLowerCase()}`;
}

/**
 * The static Pod name inside a mirror Pod name, or undefined when the name does not end with
 * `-<lower-cased node name>` (a Pod that is not the mirror of a static Pod on that node).
 */
export function staticNameFromMirrorName(mirrorName: string, nodeName: string): string | undefined {
  const suffix = `-${nodeName.toLowerCase()}`;
  if (!mirrorName.endsWith(suffix) || mirrorName.length === suffix.length) return undefined;
  return mirrorName.slice(0, -suffix.length);
}

/** Longest DNS-1123 label: mirror names longer than this cannot be copied into label values. */
export const DNS1123_LABEL_MAX_LENGTH = 63;
