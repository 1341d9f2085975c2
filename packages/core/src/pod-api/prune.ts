import type { FieldPath } from '../field-path.js';
import { setOwn } from '../manifest/own.js';
import { isObject, POD, type TypeInfo } from './go-type-info.js';
import { K } from './go-type-kinds.js';

/**
 * A copy of a manifest without the fields that the kubelet's decoder ignores (unknown or wrongly cased names,
 * at any depth), and their paths: what is left is what the kubelet sees. Values of the wrong JSON type are
 * left alone (see {@link checkPodDecodes}).
 */
export function pruneUnknownFields(obj: Record<string, unknown>): {
  pod: Record<string, unknown>;
  dropped: FieldPath[];
} {
  const dropped: FieldPath[] = [];
  const path: (string | number)[] = [];
  const prune = (v: unknown, t: TypeInfo): unknown => {
    if (t.kind === K.Struct && isObject(v)) {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v)) {
        const f = t.fields.get(key);
        path.push(key);
        if (f === undefined) dropped.push(path.slice());
        else out[key] = prune((v as Record<string, unknown>)[key], f.type);
        path.pop();
      }
      return out;
    }
    if (t.kind === K.Slice && Array.isArray(v)) {
      return v.map((x, i) => {
        path.push(i);
        const r = prune(x, t.elem as TypeInfo);
        path.pop();
        return r;
      });
    }
    if (t.kind === K.Map && isObject(v)) {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v)) {
        path.push(key);
        setOwn(out, key, prune((v as Record<string, unknown>)[key], t.elem as TypeInfo));
        path.pop();
      }
      return out;
    }
    return Array.isArray(v) || isObject(v) ? structuredClone(v) : v;
  };
  return { pod: prune(obj, POD) as Record<string, unknown>, dropped };
}
