import { setOwn } from './own.js';
import { locateInValue, type OffsetChildren, type OffsetNode } from './yaml-value.js';

/** A JSON manifest, read like Go's `encoding/json` with the offset of every field kept. */
export interface JsonRead {
  readonly value: unknown;
  readonly error?: { readonly message: string; readonly goMessage: string; readonly offset: number };
  readonly duplicateKeys: readonly { readonly path: readonly (string | number)[]; readonly offset: number }[];
  /** Offset of the key (or list item) a path designates; `found` is how many segments matched. */
  locate(path: readonly (string | number)[]): { found: number; offset: number };
}

/**
 * What Go's decoder sees of a JSON object or array that the parsed value no longer shows, kept on
 * the value under a symbol (not enumerable, so it never leaks into copies or output).
 */
export const GO_JSON_SOURCE: unique symbol = Symbol('go-json-source');

export interface GoJsonSource {
  /**
   * Every `key: value` pair in document order, duplicates included, each value as written (before
   * merging). Only objects that repeat a key have it: for the others the object's own order is the document's.
   */
  readonly entries?: readonly (readonly [key: string, value: unknown, numberLiteral?: string])[];
  /** Number literals that are not plain integers (`30.0`, `3e1`), by key or index: Go decodes the literal. */
  readonly numbers?: ReadonlyMap<string | number, string>;
}

/** The hidden {@link GoJsonSource} of a value read by {@link readJson}, if any. */
export function goJsonSource(value: unknown): GoJsonSource | undefined {
  return typeof value === 'object' && value !== null
    ? (value as { [GO_JSON_SOURCE]?: GoJsonSource })[GO_JSON_SOURCE]
    : undefined;
}

function attachSource(target: object, source: GoJsonSource): void {
  Object.defineProperty(target, GO_JSON_SOURCE, { value: source, enumerable: false });
}

/**
 * A key given twice in one JSON object, as Go's `encoding/json` (and `sigs.k8s.io/json`, the
 * kubelet's decoder) applies it: the second value is decoded *into* the first, so objects merge
 * field by field, lists element by element (the second list's length wins, its elements decoded
 * into the first list's), and anything else is replaced (`decode.go` `object`, `array`). The pod's
 * maps hold scalars only, so merging their keys is the same as Go's fresh element per key.
 * Neither input is changed.
 */
export function goJsonMerge(existing: unknown, incoming: unknown): unknown {
  // An explicit stack, not recursion: the values can be nested as deep as the decoder allows.
  const root: Record<string, unknown> = {};
  const work: [holder: Record<string | number, unknown>, key: string | number, a: unknown, b: unknown][] = [
    [root, 'v', existing, incoming],
  ];
  for (let item = work.pop(); item !== undefined; item = work.pop()) {
    const [holder, key, a, b] = item;
    let out: unknown = b;
    if (isPlainObject(a) && isPlainObject(b)) {
      const merged: Record<string, unknown> = { ...a };
      for (const [k, v] of Object.entries(b)) {
        if (Object.hasOwn(merged, k)) work.push([merged, k, merged[k], v]);
        else setOwn(merged, k, v);
      }
      out = merged;
    } else if (Array.isArray(a) && Array.isArray(b)) {
      const merged: unknown[] = b.slice();
      for (let n = 0; n < Math.min(a.length, b.length); n++)
        work.push([merged as unknown as Record<number, unknown>, n, a[n], b[n]]);
      out = merged;
    }
    if (typeof key === 'string') setOwn(holder as Record<string, unknown>, key, out);
    else holder[key] = out;
  }
  return root.v;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Go's `encoding/json` scanner refuses deeper nesting (`maxNestingDepth`). */
const MAX_DEPTH = 10_000;

class JsonSyntaxError extends Error {
  constructor(
    readonly goMessage: string,
    readonly offset: number,
  ) {
    super(goMessage);
  }
}

/** A JSON object or array being read: the value, the offsets of its members, the member being read. */
interface Frame {
  readonly value: Record<string, unknown> | unknown[];
  readonly children: Record<string, OffsetNode> | OffsetNode[];
  key: string;
  keyOffset: number;
  /** The member being read repeats a key of this object. */
  repeated: boolean;
  /** Every member in document order, duplicates included (objects only; kept when a key repeats). */
  readonly entries: [string, unknown, string?][];
  repeats: boolean;
  numbers: Map<string | number, string> | undefined;
}

function newFrame(
  value: Record<string, unknown> | unknown[],
  children: Record<string, OffsetNode> | OffsetNode[],
  keyOffset: number,
): Frame {
  return {
    value,
    children,
    key: '',
    keyOffset,
    repeated: false,
    entries: [],
    repeats: false,
    numbers: undefined,
  };
}

/**
 * Parses JSON text as the kubelet's decoder does (strict RFC 8259, duplicate keys merged as Go
 * merges them, see {@link goJsonMerge}; nesting limited to 10000) and records where each field
 * starts. What the merged value hides from Go's view is kept as {@link GoJsonSource}. Error texts
 * follow Go's `encoding/json` scanner (`invalid character 'x' looking for beginning of value`, …).
 * The parser keeps its own stack, so the full depth Go accepts is read without exhausting the
 * call stack.
 */
export function readJson(text: string): JsonRead {
  const duplicateKeys: { path: readonly (string | number)[]; offset: number }[] = [];
  const stack: Frame[] = [];
  let root: OffsetNode = 0;
  let i = 0;

  const fail = (context: string): never => {
    if (i >= text.length) throw new JsonSyntaxError('unexpected end of JSON input', i);
    throw new JsonSyntaxError(`invalid character ${quoteChar(text.charAt(i))} ${context}`, i);
  };
  const skipSpace = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      i++;
    }
  };
  /** The path of the member being read in the innermost frame, for duplicate-key reports. */
  const currentPath = (): (string | number)[] =>
    stack.map((f) => (Array.isArray(f.value) ? f.value.length : f.key));

  /** Reads the key of the next object member and the colon after it. */
  const readKey = (frame: Frame) => {
    skipSpace();
    if (text.charAt(i) !== '"') fail('looking for beginning of object key string');
    frame.keyOffset = i;
    frame.key = parseString();
    skipSpace();
    if (text.charAt(i) !== ':') fail('after object key');
    i++;
    frame.repeated = Object.hasOwn(frame.value, frame.key);
    if (frame.repeated) duplicateKeys.push({ path: currentPath(), offset: frame.keyOffset });
  };

  /** Opens an object or array (Go's scanner counts every open one against the depth limit). */
  const open = (c: string): boolean => {
    if (stack.length >= MAX_DEPTH) fail('exceeded max depth');
    i++;
    skipSpace();
    if (c === '{') {
      const frame = newFrame({}, Object.create(null), 0);
      stack.push(frame);
      if (text.charAt(i) === '}') {
        i++;
        return false;
      }
      readKey(frame);
      return true;
    }
    const frame = newFrame([], [], i);
    stack.push(frame);
    if (text.charAt(i) === ']') {
      i++;
      return false;
    }
    return true;
  };

  /** Reads a value that is not an object or array. */
  const scalar = (c: string): unknown => {
    if (c === '"') return parseString();
    if (c === '-' || (c >= '0' && c <= '9')) return parseNumber();
    for (const [word, value] of LITERALS) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return value;
      }
      if (c === word.charAt(0)) {
        let k = 0;
        while (k < word.length && text.charAt(i + k) === word.charAt(k)) k++;
        i += k;
        return fail(`in literal ${word} (expecting ${quoteChar(word.charAt(k))})`);
      }
    }
    return fail('looking for beginning of value');
  };

  /**
   * Stores a finished value in the innermost open container and reads the separator after it;
   * returns true when another member follows, false when the container was closed too.
   */
  const store = (
    value: unknown,
    offsets: OffsetChildren | undefined,
    literal: string | undefined,
  ): boolean => {
    const frame = stack[stack.length - 1] as Frame;
    if (Array.isArray(frame.value)) {
      (frame.children as OffsetNode[]).push(offsets ? { o: frame.keyOffset, c: offsets } : frame.keyOffset);
      if (literal !== undefined) {
        frame.numbers ??= new Map();
        frame.numbers.set(frame.value.length, literal);
      }
      frame.value.push(value);
      skipSpace();
      const c = text.charAt(i);
      if (c === ']') {
        i++;
        return false;
      }
      if (c !== ',') fail('after array element');
      i++;
      skipSpace();
      frame.keyOffset = i;
      return true;
    }
    const obj = frame.value;
    frame.entries.push(literal === undefined ? [frame.key, value] : [frame.key, value, literal]);
    if (frame.repeated) {
      frame.repeats = true;
      setOwn(obj, frame.key, goJsonMerge(obj[frame.key], value));
    } else setOwn(obj, frame.key, value);
    if (literal !== undefined) {
      frame.numbers ??= new Map();
      frame.numbers.set(frame.key, literal);
    } else frame.numbers?.delete(frame.key);
    (frame.children as Record<string, OffsetNode>)[frame.key] = offsets
      ? { o: frame.keyOffset, c: offsets }
      : frame.keyOffset;
    skipSpace();
    const c = text.charAt(i);
    if (c === '}') {
      i++;
      return false;
    }
    if (c !== ',') fail('after object key:value pair');
    i++;
    readKey(frame);
    return true;
  };

  const parseString = (): string => {
    const start = i;
    i++;
    for (;;) {
      const c = text.charCodeAt(i);
      if (Number.isNaN(c)) fail('in string literal');
      if (c === 0x22) break;
      if (c < 0x20) fail('in string literal');
      if (c === 0x5c) {
        const e = text.charAt(i + 1);
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i += 2;
            while (/[0-9a-fA-F]/.test(text.charAt(i))) i++;
            fail('in \\u hexadecimal character escape');
          }
          i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e) || e === '') {
          i++;
          fail('in string escape code');
        }
        i += 2;
        continue;
      }
      i++;
    }
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };

  const parseNumber = (): number => {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '-') {
      i++;
      return fail('in numeric literal');
    }
    i += m[0].length;
    if (m[2] !== undefined || m[3] !== undefined) numberLiteral = m[0];
    return Number(m[0]);
  };

  /** The literal of the number parsed last, when it is not a plain integer (Go decodes the literal). */
  let numberLiteral: string | undefined;

  /** Ends the innermost container, keeping what Go's view needs beside the merged value. */
  const close = (): Frame => {
    const done = stack.pop() as Frame;
    const { repeats, numbers, entries } = done;
    if (Array.isArray(done.value)) {
      if (numbers) attachSource(done.value, { numbers });
    } else if (repeats || numbers) {
      attachSource(done.value, { ...(repeats && { entries }), ...(numbers && { numbers }) });
    }
    return done;
  };

  /** Reads one complete value, containers included, without recursion. */
  const parseValue = (): unknown => {
    for (;;) {
      skipSpace();
      const c = text.charAt(i);
      let value: unknown;
      let offsets: OffsetChildren | undefined;
      let literal: string | undefined;
      if ((c === '{' || c === '[') && open(c)) continue; // a member follows: read it first
      if (c === '{' || c === '[') {
        const done = close();
        value = done.value;
        offsets = done.children;
      } else {
        numberLiteral = undefined;
        value = scalar(c);
        literal = typeof value === 'number' ? numberLiteral : undefined;
      }
      // Close every container this value completes.
      for (;;) {
        if (stack.length === 0) {
          root = offsets ? { o: 0, c: offsets } : 0;
          return value;
        }
        if (store(value, offsets, literal)) break;
        const done = close();
        value = done.value;
        offsets = done.children;
        literal = undefined;
      }
    }
  };

  try {
    const value = parseValue();
    skipSpace();
    if (i < text.length) fail('after top-level value');
    return { value, duplicateKeys, locate: (p) => locate(root, p) };
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return {
      value: undefined,
      duplicateKeys,
      error: {
        message: `invalid JSON: ${error.goMessage}`,
        goMessage: error.goMessage,
        offset: error.offset,
      },
      locate: (p) => locateOpen(stack, p),
    };
  }
}

const LITERALS: readonly (readonly [string, unknown])[] = [
  ['true', true],
  ['false', false],
  ['null', null],
];

/** Go's `quoteChar` in encoding/json scanner.go. */
function quoteChar(c: string): string {
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  const code = c.charCodeAt(0);
  if (code < 0x20 || code === 0x7f) return `'\\x${code.toString(16).padStart(2, '0')}'`;
  return `'${c}'`;
}

function locate(root: OffsetNode, path: readonly (string | number)[]): { found: number; offset: number } {
  return typeof root === 'number' ? { found: 0, offset: root } : locateInValue(root.c, path);
}

/** After a syntax error only the containers still open are known: their members read so far. */
function locateOpen(
  stack: readonly Frame[],
  path: readonly (string | number)[],
): { found: number; offset: number } {
  const first = stack[0];
  return first ? locateInValue(first.children, path) : { found: 0, offset: 0 };
}
