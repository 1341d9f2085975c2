import { setOwn } from './own.js';

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
  if (isPlainObject(existing) && isPlainObject(incoming)) {
    const out: Record<string, unknown> = { ...existing };
    for (const [k, v] of Object.entries(incoming))
      setOwn(out, k, Object.hasOwn(out, k) ? goJsonMerge(out[k], v) : v);
    return out;
  }
  if (Array.isArray(existing) && Array.isArray(incoming))
    return incoming.map((v, i) => (i < existing.length ? goJsonMerge(existing[i], v) : v));
  return incoming;
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

/**
 * Parses JSON text as the kubelet's decoder does (strict RFC 8259, duplicate keys merged as Go
 * merges them, see {@link goJsonMerge}; nesting limited to 10000) and records where each field
 * starts. What the merged value hides from Go's view is kept as {@link GoJsonSource}. Error texts follow Go's
 * `encoding/json` scanner (`invalid character 'x' looking for beginning of value`, …).
 */
export function readJson(text: string): JsonRead {
  const offsets = new Map<string, number>();
  const duplicateKeys: { path: readonly (string | number)[]; offset: number }[] = [];
  const path: (string | number)[] = [];
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
  const record = (offset: number) => offsets.set(path.join('\u0000'), offset);

  const parseValue = (depth: number): unknown => {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError('exceeded max depth', i);
    skipSpace();
    const c = text.charAt(i);
    if (c === '{') return parseObject(depth);
    if (c === '[') return parseArray(depth);
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

  /** The literal of the number parsed last, when it is not a plain integer (Go decodes the literal). */
  let numberLiteral: string | undefined;
  const parseMember = (depth: number): { value: unknown; literal: string | undefined } => {
    numberLiteral = undefined;
    const value = parseValue(depth);
    const literal = typeof value === 'number' ? numberLiteral : undefined;
    return { value, literal };
  };

  const parseObject = (depth: number): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    const entries: [string, unknown, string?][] = [];
    let numbers: Map<string, string> | undefined;
    let repeats = false;
    const done = () => {
      if (repeats || numbers) attachSource(out, { ...(repeats && { entries }), ...(numbers && { numbers }) });
      return out;
    };
    i++;
    skipSpace();
    if (text.charAt(i) === '}') {
      i++;
      return out;
    }
    for (;;) {
      skipSpace();
      if (text.charAt(i) !== '"') fail('looking for beginning of object key string');
      const keyOffset = i;
      const key = parseString();
      skipSpace();
      if (text.charAt(i) !== ':') fail('after object key');
      i++;
      const repeated = Object.hasOwn(out, key);
      if (repeated) duplicateKeys.push({ path: [...path, key], offset: keyOffset });
      path.push(key);
      record(keyOffset);
      const { value, literal } = parseMember(depth + 1);
      entries.push(literal === undefined ? [key, value] : [key, value, literal]);
      if (repeated) {
        repeats = true;
        setOwn(out, key, goJsonMerge(out[key], value));
      } else setOwn(out, key, value);
      if (literal !== undefined) {
        numbers ??= new Map();
        numbers.set(key, literal);
      } else numbers?.delete(key);
      path.pop();
      skipSpace();
      const c = text.charAt(i);
      i++;
      if (c === '}') return done();
      if (c !== ',') {
        i--;
        fail('after object key:value pair');
      }
    }
  };

  const parseArray = (depth: number): unknown[] => {
    const out: unknown[] = [];
    let numbers: Map<number, string> | undefined;
    i++;
    skipSpace();
    if (text.charAt(i) === ']') {
      i++;
      return out;
    }
    for (;;) {
      skipSpace();
      path.push(out.length);
      record(i);
      const { value, literal } = parseMember(depth + 1);
      if (literal !== undefined) {
        numbers ??= new Map();
        numbers.set(out.length, literal);
      }
      out.push(value);
      path.pop();
      skipSpace();
      const c = text.charAt(i);
      i++;
      if (c === ']') {
        if (numbers) attachSource(out, { numbers });
        return out;
      }
      if (c !== ',') {
        i--;
        fail('after array element');
      }
    }
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

  try {
    path.length = 0;
    record(0);
    const value = parseValue(1);
    skipSpace();
    if (i < text.length) fail('after top-level value');
    return { value, duplicateKeys, locate: (p) => locate(offsets, p) };
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
      locate: (p) => locate(offsets, p),
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

function locate(
  offsets: Map<string, number>,
  path: readonly (string | number)[],
): { found: number; offset: number } {
  for (let n = path.length; n >= 0; n--) {
    const offset = offsets.get(path.slice(0, n).join('\u0000'));
    if (offset !== undefined) return { found: n, offset };
  }
  return { found: 0, offset: 0 };
}
