/**
 * The key order of every document we write, copied from cdk8s (`cdk8s-core` `src/api-object.ts`
 * `toJson` → `sortKeys`): `apiVersion`, `kind`, `metadata` (and here `spec`) first in a top-level
 * object, every other key in plain code-unit order, at every depth. Array order is meaningful in
 * Kubernetes (containers, args, tolerations) and is never changed. There is deliberately no switch
 * to turn this off: the same input must always give the same bytes.
 */
const TOP_LEVEL_FIRST = ['apiVersion', 'kind', 'metadata', 'spec'];

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy of a Kubernetes object with its keys in canonical order; `undefined` members dropped. */
export function canonicalize(value: unknown, topLevel = true): unknown {
  if (Array.isArray(value)) return value.map((v) => canonicalize(v, topLevel));
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value).filter((k) => value[k] !== undefined);
  const first = topLevel ? TOP_LEVEL_FIRST.filter((k) => keys.includes(k)) : [];
  const rest = keys.filter((k) => !first.includes(k)).sort(compareKeys);
  const out: Record<string, unknown> = {};
  // A List's items are top-level objects of their own; everything nested is sorted plainly.
  for (const k of [...first, ...rest]) out[k] = canonicalize(value[k], topLevel && k === 'items');
  return out;
}

/** A stable string for comparing JSON-like values (key order does not matter). */
export function stableJson(value: unknown): string {
  return JSON.stringify(canonicalize(value, false)) ?? 'undefined';
}
