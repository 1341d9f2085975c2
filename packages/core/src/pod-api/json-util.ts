// Small helpers for walking decoded manifests (plain JSON data).

export type JSONObject = Record<string, unknown>;

export function isObject(v: unknown): v is JSONObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The object at `o[key]`, or `undefined` when absent or not an object. */
export function objAt(o: JSONObject, key: string): JSONObject | undefined {
  const v = o[key];
  return isObject(v) ? v : undefined;
}

/** The list at `o[key]` (objects only), or an empty list. */
export function listAt(o: JSONObject, key: string): JSONObject[] {
  const v = o[key];
  if (!Array.isArray(v)) return [];
  return v as JSONObject[];
}

/** `o[key]` as a Go string would read it: `''` when absent or null. */
export function str(o: JSONObject | undefined, key: string): string {
  const v = o?.[key];
  return typeof v === 'string' ? v : '';
}

/** `o[key]` as a Go integer would read it: `0` when absent or null. */
export function num(o: JSONObject | undefined, key: string): number {
  const v = o?.[key];
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : 0;
}

/** Whether `o[key]` is set to something other than null (Go: a non-nil pointer). */
export function has(o: JSONObject | undefined, key: string): boolean {
  const v = o?.[key];
  return v !== undefined && v !== null;
}

/** A deep copy of plain JSON data. */
export function deepCopy<T>(v: T): T {
  if (Array.isArray(v)) return v.map(deepCopy) as T;
  if (isObject(v)) {
    const out: JSONObject = {};
    for (const k of Object.keys(v)) out[k] = deepCopy(v[k]);
    return out as T;
  }
  return v;
}

/** Structural equality of plain JSON data. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return (
      ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]))
    );
  }
  return false;
}

/** Go `len(map)` for a JSON object (0 when absent). */
export function size(o: JSONObject | undefined): number {
  return o === undefined ? 0 : Object.keys(o).length;
}
