import { canonicalize } from './canonical-order.js';

/**
 * JSON with canonical key order, two-space indent and a final newline: one object as it is, several
 * as a `v1` List (what `kubectl get -o json` prints for several objects, and what `kubectl apply -f`
 * accepts).
 */
export function toJson(objects: readonly object[]): string {
  const value = objects.length === 1 ? objects[0] : { apiVersion: 'v1', kind: 'List', items: objects };
  return `${JSON.stringify(canonicalize(value), null, 2)}\n`;
}
