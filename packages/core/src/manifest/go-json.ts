/**
 * Serialises a decoded manifest the way Go's `encoding/json` `Marshal` does for the
 * `map[string]interface{}` that `sigs.k8s.io/yaml` `YAMLToJSON` produces: object keys sorted,
 * compact, and `<`, `>`, `&`, U+2028, U+2029 escaped. The kubelet quotes these bytes in some
 * decode errors (`Object 'Kind' is missing in '…'`).
 */
export function goJsonMarshal(value: unknown): string {
  return JSON.stringify(sortKeys(value)).replace(/[<>&\u2028\u2029]/g, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(byUtf8)) {
    Object.defineProperty(out, key, {
      value: sortKeys((value as Record<string, unknown>)[key]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** Go sorts map keys by their bytes (UTF-8); JavaScript compares UTF-16 code units. */
export function byUtf8(a: string, b: string): number {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return Buffer.compare(x, y);
}
