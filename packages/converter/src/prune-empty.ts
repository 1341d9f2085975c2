/**
 * Fields whose `{}` means the same as leaving them out: optional structs and maps whose zero value is
 * the default. Only these are pruned: elsewhere an empty object means something (`emptyDir: {}` is a
 * volume, `labelSelector: {}` selects everything where a missing one selects nothing).
 */
const EMPTY_MEANS_UNSET = new Set([
  'affinity',
  'annotations',
  'capabilities',
  'dnsConfig',
  'labels',
  'lifecycle',
  'limits',
  'nodeAffinity',
  'nodeSelector',
  'overhead',
  'podAffinity',
  'podAntiAffinity',
  'requests',
  'resources',
  'rollingUpdate',
  'securityContext',
  'seLinuxOptions',
  'status',
  'updateStrategy',
  'windowsOptions',
]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A copy without `null` members, empty lists (a nil and an empty Go slice decode alike), and the
 * empty objects listed above, applied bottom-up so that `resources: {requests: {}}` goes entirely.
 * Output then never shows `creationTimestamp: null`, `status: {}` or `resources: {}`, which users of
 * `kubectl create --dry-run -o yaml` strip by hand (itaysk/kubectl-neat#64).
 */
export function pruneEmpty<T>(value: T): T {
  return prune(value) as T;
}

function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(prune);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(value)) {
    if (raw === null || raw === undefined) continue;
    const v = prune(raw);
    if (Array.isArray(v) && v.length === 0) continue;
    if (isPlainObject(v) && Object.keys(v).length === 0 && EMPTY_MEANS_UNSET.has(key)) continue;
    out[key] = v;
  }
  return out;
}
