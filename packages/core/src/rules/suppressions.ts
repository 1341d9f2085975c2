import type { Pod } from 'kubernetes-types/core/v1.js';

/**
 * Annotation prefix that switches a rule off for one manifest, with a reason as the value:
 * `ignore-check.staticpods.io/SP013: "the secret is mounted by the CSI driver on the host"`.
 * The key's name part is the rule id or name (the kube-linter idiom).
 */
export const SUPPRESSION_ANNOTATION_PREFIX = 'ignore-check.staticpods.io/';

const cache = new WeakMap<Pod, Map<string, string>>();

/** Rule id or name → reason, for suppressions that carry a non-empty reason. */
export function suppressionsOf(pod: Pod): ReadonlyMap<string, string> {
  let found = cache.get(pod);
  if (!found) {
    found = new Map();
    for (const [key, value] of Object.entries(pod.metadata?.annotations ?? {})) {
      if (!key.startsWith(SUPPRESSION_ANNOTATION_PREFIX)) continue;
      const rule = key.slice(SUPPRESSION_ANNOTATION_PREFIX.length);
      if (typeof value === 'string' && value.trim() !== '')
        found.set(/^sp\d+$/i.test(rule) ? rule.toUpperCase() : rule, value.trim());
    }
    cache.set(pod, found);
  }
  return found;
}
