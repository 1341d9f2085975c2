import { type FieldPath, formatFieldPath } from '../field-path.js';
import { canonicalize } from '../manifest/write.js';

/** One field whose value is not the same on every node. */
export interface MirrorPodDifference {
  /** Kubernetes field-path syntax, e.g. `spec.containers[0].image`. */
  readonly path: string;
  /** Every node's value; `undefined` where the field is absent. */
  readonly values: readonly { readonly node: string; readonly value: unknown }[];
}

/** A stable string for comparing JSON-like values (key order does not matter). */
function stableJson(value: unknown): string {
  return JSON.stringify(canonicalize(value, false)) ?? 'undefined';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The fields whose values are not the same in every version of an object, at the deepest path
 * where they still differ: two images give `spec.containers[0].image`, not the whole container.
 * Lists are compared element by element (their order is meaningful in a Pod).
 */
export function diffVersions(
  versions: readonly { readonly node: string; readonly value: unknown }[],
): MirrorPodDifference[] {
  const out: MirrorPodDifference[] = [];
  walk(
    [],
    versions.map((v) => v.value),
    versions.map((v) => v.node),
    out,
  );
  return out;
}

function walk(path: FieldPath, values: unknown[], nodes: string[], out: MirrorPodDifference[]): void {
  const first = stableJson(values[0]);
  if (values.every((v) => stableJson(v) === first)) return;
  if (values.every(isPlainObject)) {
    const keys = [...new Set(values.flatMap((v) => Object.keys(v)))].sort();
    for (const key of keys)
      walk(
        [...path, key],
        values.map((v) => v[key]),
        nodes,
        out,
      );
    return;
  }
  if (values.every(Array.isArray)) {
    const length = Math.max(...values.map((v) => v.length));
    for (let i = 0; i < length; i++)
      walk(
        [...path, i],
        values.map((v) => v[i]),
        nodes,
        out,
      );
    return;
  }
  out.push({
    path: formatFieldPath(path),
    values: values.map((value, i) => ({ node: nodes[i] ?? '', value })),
  });
}
