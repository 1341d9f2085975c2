// go-spew's formatter (github.com/davecgh/go-spew v1.1.2-0.20180830191138-d8f796af33cc, format.go)
// with the flags the kubelet's hash uses: `Sprintf("%#v", pod)` with SortKeys, SpewKeys and
// DisableMethods (k8s.io/utils/dump ForHash). `%#v` is the one-line formatter: `(type)value`,
// strings unquoted, `<nil>` for nil pointers, slices and maps, struct fields as `Name:value`,
// elements of slices and maps without their type. Indent, DisablePointerAddresses and
// DisableCapacities only affect spew's dumper, not this formatter.
//
// Values come in two shapes: `json` (a v1 JSON value, read through the layout's JSON names) and
// `go` (an object keyed by Go field names, for types that decode with their own UnmarshalJSON).
import type { HashLayout, LayoutRow } from './layout-types.js';

/** Thrown when the dump depends on something the manifest does not determine. */
export class UnpredictableHash extends Error {}

/** A value for a row with a custom decoder: returns the Go-shaped value. */
export type CustomDecoder = (json: unknown, path: readonly (string | number)[]) => unknown;

const INT_KINDS = new Set([
  'int',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
]);

export class SpewFormatter {
  private readonly out: string[] = [];
  /** spew's `formatState.ignoreNextType`. */
  private ignoreNextType = false;
  private readonly path: (string | number)[] = [];

  constructor(
    private readonly layout: HashLayout,
    private readonly customs: ReadonlyMap<string, CustomDecoder>,
  ) {}

  /** `%#v` of the value of row 0 given as v1 JSON. */
  format(json: unknown): string {
    this.value(0, json, 'json');
    return this.out.join('');
  }

  private row(i: number): LayoutRow {
    const r = this.layout.types[i];
    if (r === undefined) throw new Error(`hash layout ${this.layout.minor}: no row ${i}`);
    return r;
  }

  private write(s: string): void {
    this.out.push(s);
  }

  /** spew `format` (and `formatPtr` for pointers). `v` undefined or null is Go's zero value. */
  private value(i: number, v: unknown, mode: 'json' | 'go'): void {
    const [kind, goType, elem, key, fields, custom] = this.row(i);
    if (mode === 'json' && custom !== '' && kind !== 'ptr') {
      const decode = this.customs.get(custom);
      if (decode === undefined)
        throw new UnpredictableHash(`no decoder for ${custom} at ${this.path.join('.')}`);
      v = decode(v, this.path);
      mode = 'go';
    }
    if (kind === 'ptr') {
      const isNil = v === null || v === undefined;
      if (isNil && this.ignoreNextType) {
        this.write('<nil>');
        return;
      }
      if (!this.ignoreNextType) this.write(`(${goType})`);
      else this.write('<*>');
      if (isNil) {
        this.write('<nil>');
        return;
      }
      this.ignoreNextType = true;
      this.value(elem, v, mode);
      return;
    }
    if (!this.ignoreNextType) this.write(`(${goType})`);
    this.ignoreNextType = false;
    switch (kind) {
      case 'bool':
        this.write(v === true ? 'true' : 'false');
        return;
      case 'string':
        if (v !== null && v !== undefined && typeof v !== 'string') throw this.shape(goType, v);
        this.write(v ?? '');
        return;
      case 'slice':
      case 'array': {
        if (v === null || v === undefined) {
          if (kind === 'array') throw this.shape(goType, v);
          this.write('<nil>');
          return;
        }
        if (!Array.isArray(v)) throw this.shape(goType, v);
        this.write('[');
        v.forEach((e, n) => {
          if (n > 0) this.write(' ');
          this.ignoreNextType = true;
          this.path.push(n);
          this.value(elem, e, mode);
          this.path.pop();
        });
        this.write(']');
        return;
      }
      case 'map': {
        if (v === null || v === undefined) {
          this.write('<nil>');
          return;
        }
        if (this.row(key)[0] !== 'string')
          throw new UnpredictableHash(`${goType}: map keys that are not strings`);
        const entries = v instanceof Map ? [...v.entries()] : Object.entries(v as object);
        entries.sort(([a], [b]) => compareGoStrings(a, b));
        this.write('map[');
        entries.forEach(([k, e], n) => {
          if (n > 0) this.write(' ');
          this.ignoreNextType = true;
          this.value(key, k, 'go');
          this.write(':');
          this.ignoreNextType = true;
          this.path.push(k);
          this.value(elem, e, mode);
          this.path.pop();
        });
        this.write(']');
        return;
      }
      case 'struct': {
        if (v !== null && v !== undefined && (typeof v !== 'object' || Array.isArray(v)))
          throw this.shape(goType, v);
        const obj = (v ?? {}) as Record<string, unknown>;
        this.write('{');
        fields.forEach(([name, type, json], n) => {
          if (n > 0) this.write(' ');
          this.write(`${name}:`);
          if (mode === 'go') {
            this.value(type, Object.hasOwn(obj, name) ? obj[name] : undefined, 'go');
          } else if (json === '') {
            this.value(type, v, 'json');
          } else if (json === null) {
            throw new UnpredictableHash(`${goType}.${name} is not decoded from JSON`);
          } else {
            this.path.push(json);
            this.value(type, Object.hasOwn(obj, json) ? obj[json] : undefined, 'json');
            this.path.pop();
          }
        });
        this.write('}');
        return;
      }
    }
    if (INT_KINDS.has(kind)) {
      if (v === null || v === undefined) this.write('0');
      else if (typeof v === 'bigint') this.write(v.toString());
      else if (typeof v === 'number' && Number.isSafeInteger(v)) this.write(String(v));
      else throw new UnpredictableHash(`${this.path.join('.')}: ${String(v)} is not an exact integer here`);
      return;
    }
    throw new UnpredictableHash(`${goType}: kind ${kind} is not supported`);
  }

  private shape(goType: string, v: unknown): Error {
    return new UnpredictableHash(
      `${this.path.join('.')}: ${JSON.stringify(v)} does not decode into ${goType}`,
    );
  }
}

const utf8 = new TextEncoder();

/** Go's string order: bytewise over UTF-8 (JavaScript compares UTF-16 code units). */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const x = utf8.encode(a);
  const y = utf8.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  }
  return x.length - y.length;
}
