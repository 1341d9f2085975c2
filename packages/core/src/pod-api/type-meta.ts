import { byUtf8 } from '../manifest/go-json.js';
import { goJsonSource } from '../manifest/json-document.js';

/** The apiVersion and kind the kubelet's decoder finds, or why it finds none. */
export type InterpretedTypeMeta =
  | { readonly ok: true; readonly apiVersion: string; readonly kind: string }
  | {
      readonly ok: false;
      /** `couldn't get version/kind; json parse error: …`, as the decoder words it. */
      readonly message: string;
      /** The key that held the value of the wrong type, as written. */
      readonly key: string;
    };

/** The fields of the anonymous struct `SimpleMetaFactory.Interpret` decodes into, by folded name. */
const FIELDS = new Map([
  ['APIVERSION', 'apiVersion'],
  ['KIND', 'kind'],
]);

/**
 * Reads `apiVersion` and `kind` the way apimachinery's JSON serializer does before anything else
 * (`pkg/runtime/serializer/json/meta.go` `SimpleMetaFactory.Interpret`): Go's `encoding/json`
 * into `struct { APIVersion string "json:\"apiVersion,omitempty\""; Kind string "json:\"kind,omitempty\"" }`.
 * Unlike the Pod decode after it, this match is case-insensitive (`decode.go` `object`: the exact
 * name, else the folded one, `fold.go` `foldName`), so `Kind:`, `KIND:` and `apiversion:` are found,
 * and when several keys match, the last one the decoder visits wins; it visits JSON in document order
 * (every occurrence of a repeated key) and YAML in sorted key order (`YAMLToJSON` marshals a map).
 * `null` leaves a field as it was; the first value that is not a string is the error.
 */
export function interpretTypeMeta(
  obj: Record<string, unknown>,
  order: 'document' | 'sorted',
): InterpretedTypeMeta {
  const found: Record<string, string> = { apiVersion: '', kind: '' };
  let error: { message: string; key: string } | undefined;
  for (const [key, value] of members(obj, order)) {
    const field = FIELDS.get(goFoldName(key));
    if (field === undefined || value === null || value === undefined) continue;
    if (typeof value === 'string') found[field] = value;
    else
      error ??= {
        key,
        message: `couldn't get version/kind; json parse error: json: cannot unmarshal ${jsonKind(value)} into Go struct field .${field} of type string`,
      };
  }
  if (error) return { ok: false, ...error };
  return { ok: true, apiVersion: found.apiVersion as string, kind: found.kind as string };
}

function members(obj: Record<string, unknown>, order: 'document' | 'sorted'): (readonly [string, unknown])[] {
  if (order === 'document') {
    const entries = goJsonSource(obj)?.entries;
    if (entries) return entries.map(([k, v]) => [k, v] as const);
    return Object.entries(obj);
  }
  return Object.keys(obj)
    .sort(byUtf8)
    .map((k) => [k, obj[k]] as const);
}

/**
 * `encoding/json` `foldName`: ASCII letters upper-cased, any other rune replaced by the smallest
 * rune of its case-folding orbit (`unicode.SimpleFold`). Only the orbits that reach the ASCII
 * letters of `apiVersion` and `kind` matter here: `ſ` (U+017F) folds to `S`, the Kelvin sign
 * (U+212A) to `K`; every other non-ASCII rune folds to something that cannot match.
 */
export function goFoldName(name: string): string {
  let out = '';
  for (const ch of name) {
    if (ch === '\u017f') out += 'S';
    else if (ch === '\u212a') out += 'K';
    else if (ch >= 'a' && ch <= 'z') out += ch.toUpperCase();
    else out += ch;
  }
  return out;
}

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}
