import type { FieldPath } from '../field-path.js';
import { goJsonSource } from '../manifest/json-document.js';
import { jsonNumberLiteral } from './go-format.js';
import { checkRFC3339 } from './go-time.js';
import { isObject, POD, type TypeInfo } from './go-type-info.js';
import { K } from './go-type-kinds.js';
import { quantityFromJSON } from './quantity.js';
import { interpretTypeMeta } from './type-meta.js';

/** Why the kubelet's JSON decoder would reject a manifest, with the exact Go error text. */
export interface DecodeError {
  /** Where in the manifest (JSON path with list indexes and map keys). */
  readonly path: FieldPath;
  /**
   * The decoder's error, e.g. `json: cannot unmarshal string into Go struct field
   * ContainerPort.spec.containers.ports.containerPort of type int32`. The kubelet logs it as
   * `<file>: couldn't parse as pod(<message>), please check config file`.
   */
  readonly message: string;
}

export interface DecodeOptions {
  /**
   * `true` when the file is JSON (its first non-blank byte is `{`): the kubelet then decodes the bytes as
   * they are, in document order. YAML files are converted to JSON first, which sorts every object's keys,
   * so the decoder visits fields in sorted order. Default `false`.
   */
  readonly jsonInput?: boolean;
}

/** Thrown inside the walk for errors that stop Go's decoder at once (custom `UnmarshalJSON` errors). */
class Abort {
  constructor(readonly error: DecodeError) {}
}

class Walker {
  readonly path: (string | number)[] = [];
  readonly goStack: string[] = [];
  saved: DecodeError | undefined;

  constructor(readonly sortKeys: boolean) {}

  /** Go `UnmarshalTypeError.Error()` with the decoder's error context. */
  typeMessage(what: string, goType: string, struct: string): string {
    if (struct === '' && this.goStack.length === 0) {
      return `json: cannot unmarshal ${what} into Go value of type ${goType}`;
    }
    return `json: cannot unmarshal ${what} into Go struct field ${struct}.${this.goStack.join('.')} of type ${goType}`;
  }

  save(what: string, goType: string, struct: string): void {
    if (this.saved === undefined) {
      this.saved = { path: this.path.slice(), message: this.typeMessage(what, goType, struct) };
    }
  }

  abort(message: string): never {
    throw new Abort({ path: this.path.slice(), message });
  }

  /**
   * The members Go's decoder visits, in its order: sorted keys for YAML (YAMLToJSON sorts them);
   * for JSON the document's order, every occurrence of a repeated key, and number literals as written.
   */
  members(obj: object): (readonly [string, unknown, (string | undefined)?])[] {
    const source = this.sortKeys ? undefined : goJsonSource(obj);
    if (source?.entries) return source.entries.slice();
    const keys = Object.keys(obj);
    if (this.sortKeys) keys.sort();
    return keys.map((k) => [k, (obj as Record<string, unknown>)[k], source?.numbers?.get(k)] as const);
  }

  /**
   * One JSON value into one Go type (sigs.k8s.io/json `decodeState.value`/`literalStore`/`object`/`array`,
   * a fork of encoding/json): type mismatches are saved (the first one wins) and decoding goes on; errors of
   * custom unmarshalers (Quantity, IntOrString, Time) are returned at once.
   */
  value(v: unknown, t: TypeInfo, struct: string, literal?: string): void {
    if (v === null || v === undefined || t.kind === K.Any) return;
    switch (t.kind) {
      case K.Struct:
        if (!isObject(v)) {
          this.save(describe(v, false), t.goType, struct);
          return;
        }
        for (const [key, member, lit] of this.members(v)) {
          const f = t.fields.get(key);
          if (f === undefined) continue;
          this.path.push(key);
          for (const e of f.embedded) this.goStack.push(e);
          this.goStack.push(key);
          this.value(member, f.type, t.structName, lit);
          this.goStack.length -= f.embedded.length + 1;
          this.path.pop();
        }
        return;
      case K.Slice:
        if (!Array.isArray(v)) {
          this.save(describe(v, false), t.goType, struct);
          return;
        }
        for (let i = 0; i < v.length; i++) {
          this.path.push(i);
          this.value(
            v[i],
            t.elem as TypeInfo,
            struct,
            this.sortKeys ? undefined : goJsonSource(v)?.numbers?.get(i),
          );
          this.path.pop();
        }
        return;
      case K.Map:
        if (!isObject(v)) {
          this.save(describe(v, false), t.goType, struct);
          return;
        }
        for (const [key, member, lit] of this.members(v)) {
          this.path.push(key);
          this.value(member, t.elem as TypeInfo, struct, lit);
          this.path.pop();
        }
        return;
      case K.String:
        if (typeof v !== 'string') this.save(describe(v, false), t.goType, struct);
        return;
      case K.Bool:
        if (typeof v !== 'boolean') this.save(describe(v, false), t.goType, struct);
        return;
      case K.Int32:
      case K.Int64:
        // JSON is decoded from the literal: `30.0` and `3e1` are not integers to Go (`strconv.ParseInt`).
        if (literal !== undefined || !fitsInt(v, t.kind))
          this.save(describe(v, true, literal), t.goType, struct);
        return;
      case K.Quantity: {
        const q = quantityFromJSON(v);
        if (typeof q === 'string') this.abort(q);
        return;
      }
      case K.IntOrString:
        // intstr.IntOrString.UnmarshalJSON: strings are names, anything else goes into an int32.
        if (typeof v !== 'string' && (literal !== undefined || !fitsInt(v, K.Int32)))
          this.abort(this.typeMessage(describe(v, true, literal), 'int32', struct));
        return;
      case K.Time:
        // metav1.Time.UnmarshalJSON: a string parsed as RFC 3339.
        if (typeof v !== 'string') this.abort(this.typeMessage(describe(v, false), 'string', struct));
        else {
          const err = checkRFC3339(v);
          if (err !== undefined) this.abort(err);
        }
        return;
    }
  }
}

/** The JSON value as Go's `UnmarshalTypeError.Value` names it (`number 1.5` only for integer targets). */
function describe(v: unknown, withNumber: boolean, literal?: string): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number' || typeof v === 'bigint')
    return withNumber ? `number ${literal ?? jsonNumberLiteral(v)}` : 'number';
  return Array.isArray(v) ? 'array' : 'object';
}

function fitsInt(v: unknown, kind: K): boolean {
  if (typeof v === 'bigint') {
    return kind === K.Int32 ? v >= -2147483648n && v <= 2147483647n : v >= -(2n ** 63n) && v < 2n ** 63n;
  }
  if (typeof v !== 'number' || !Number.isInteger(v)) return false;
  return kind === K.Int32 ? v >= -2147483648 && v <= 2147483647 : v >= -(2 ** 63) && v < 2 ** 63;
}

/**
 * What the kubelet's decode of a manifest into `v1.Pod` would fail on
 * (`pkg/kubelet/config/common.go` `tryDecodeSinglePod` → `runtime.Decode` → apimachinery
 * `serializer/json.Serializer.Decode` → `sigs.k8s.io/json.UnmarshalCaseSensitivePreserveInts`): a JSON type
 * that does not fit the Go field (string for an int32, number for a string, object for a list, int32
 * overflow, a fraction for an integer, ...), an invalid quantity, a bad IntOrString or time. Unknown
 * fields (including wrong-case ones) are ignored like Go ignores them. `null` is accepted everywhere.
 *
 * Go's decoder keeps the first type mismatch and goes on; a custom unmarshaler's error ends decoding at
 * once and wins. The first mismatch is the first in decoding order: sorted keys for YAML files, document
 * order for JSON files (see {@link DecodeOptions.jsonInput}).
 *
 * Only the typed Pod decode is covered: the `apiVersion`/`kind` lookup before it
 * (`couldn't get version/kind; json parse error: ...`) for non-string values is reported too; missing or
 * unknown kinds are not.
 */
export function checkPodDecodes(
  obj: Record<string, unknown>,
  options: DecodeOptions = {},
): DecodeError | undefined {
  // serializer/json SimpleMetaFactory.Interpret reads apiVersion and kind into an anonymous struct first.
  const typeMeta = interpretTypeMeta(obj, options.jsonInput === true ? 'document' : 'sorted');
  if (!typeMeta.ok) return { path: [typeMeta.key], message: typeMeta.message };
  const walker = new Walker(options.jsonInput !== true);
  try {
    walker.value(obj, POD, '');
  } catch (e) {
    if (e instanceof Abort) return e.error;
    throw e;
  }
  return walker.saved;
}
