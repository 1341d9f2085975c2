import type { FieldPath } from '../field-path.js';
import { setOwn } from '../manifest/own.js';
import { isObject, POD, type TypeInfo } from './go-type-info.js';
import { K } from './go-type-kinds.js';

/**
 * The manifest without the fields that the kubelet's decoder ignores (unknown or wrongly cased names,
 * at any depth), and their paths: what is left is what the kubelet sees. `null` is decoded as Go does it
 * (encoding/json `literalStore`, which sigs.k8s.io/json forks): a `null` field is left at its zero value,
 * which is what leaving it out gives, so it is dropped; a `null` list item or map value becomes the element
 * type's zero value (`volumes: [~]` is one `Volume{}`, `labels: {a: ~}` is `a: ""`), which validation then
 * judges. Values of the wrong JSON type are left alone (see {@link checkPodDecodes}). Parts without
 * changes are shared with the input, not copied (most manifests have none); neither the input nor the
 * result may be mutated.
 */
export function pruneUnknownFields(obj: Record<string, unknown>): {
  pod: Record<string, unknown>;
  dropped: FieldPath[];
} {
  const dropped: FieldPath[] = [];
  const path: (string | number)[] = [];
  const prune = (v: unknown, t: TypeInfo): unknown => {
    if (t.kind === K.Struct && isObject(v)) {
      let out: Record<string, unknown> | undefined;
      const keys = Object.keys(v);
      for (const [i, key] of keys.entries()) {
        const f = t.fields.get(key);
        path.push(key);
        const before = (v as Record<string, unknown>)[key];
        const after = f === undefined || before === null ? DROP : prune(before, f.type);
        if (f === undefined) dropped.push(path.slice());
        path.pop();
        if (after !== before && !out) out = copyFirst(v as Record<string, unknown>, keys, i);
        if (out && after !== DROP) setOwn(out, key, after);
      }
      return out ?? v;
    }
    if (t.kind === K.Slice && Array.isArray(v)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        const after = prune(zeroIfNull(v[i], t.elem as TypeInfo), t.elem as TypeInfo);
        path.pop();
        if (after !== v[i] && !out) out = v.slice(0, i);
        if (out) out.push(after);
      }
      return out ?? v;
    }
    if (t.kind === K.Map && isObject(v)) {
      let out: Record<string, unknown> | undefined;
      const keys = Object.keys(v);
      for (const [i, key] of keys.entries()) {
        path.push(key);
        const before = (v as Record<string, unknown>)[key];
        const after = prune(zeroIfNull(before, t.elem as TypeInfo), t.elem as TypeInfo);
        path.pop();
        if (after !== before && !out) out = copyFirst(v as Record<string, unknown>, keys, i);
        if (out) setOwn(out, key, after);
      }
      return out ?? v;
    }
    return v;
  };
  return { pod: prune(obj, POD) as Record<string, unknown>, dropped };
}

const DROP = Symbol('drop');

/**
 * What Go holds in a list item or map value decoded from `null`: the element type's zero value, as JSON
 * (a struct `{}`, `""`, `0`, `false`; a Quantity's `UnmarshalJSON` turns `null` into zero, `"0"`).
 * Pointers, maps, slices, times and raw fields stay `null` (nil).
 */
function zeroIfNull(v: unknown, t: TypeInfo): unknown {
  if (v !== null) return v;
  switch (t.kind) {
    case K.Struct:
      return {};
    case K.String:
      return '';
    case K.Bool:
      return false;
    case K.Int32:
    case K.Int64:
    case K.IntOrString:
      return 0;
    case K.Quantity:
      return '0';
    default:
      return null;
  }
}

/** A new object holding the first `n` keys of `v`. */
function copyFirst(v: Record<string, unknown>, keys: readonly string[], n: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let j = 0; j < n; j++) setOwn(out, keys[j] as string, v[keys[j] as string]);
  return out;
}
