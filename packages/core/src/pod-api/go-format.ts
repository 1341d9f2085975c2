// Go value printing used by Kubernetes error messages, reproduced byte for byte where it matters.

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/**
 * Go `strconv.Quote` (what `%q` prints for a string).
 * Go: src/strconv/quote.go `appendQuotedWith` / `appendEscapedRune` (printable runes are kept,
 * `\a \b \f \n \r \t \v` get short escapes, other control or unprintable runes `\x..`, `\u....`, `\U........`).
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (c === 0x22 || c === 0x5c) {
      out += `\\${ch}`;
    } else if (c >= 0x20 && c < 0x7f) {
      out += ch;
    } else if (c < 0x80) {
      out += SHORT_ESCAPES[c] ?? `\\x${hex2(c)}`;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      // A lone surrogate cannot come from UTF-8 input; Go would print the replacement character.
      out += '\\ufffd';
    } else if (PRINTABLE.test(ch)) {
      out += ch;
    } else if (c < 0x10000) {
      out += `\\u${c.toString(16).padStart(4, '0')}`;
    } else {
      out += `\\U${c.toString(16).padStart(8, '0')}`;
    }
  }
  return `${out}"`;
}

const SHORT_ESCAPES: Record<number, string> = {
  7: '\\a',
  8: '\\b',
  12: '\\f',
  10: '\\n',
  13: '\\r',
  9: '\\t',
  11: '\\v',
};

function hex2(c: number): string {
  return c.toString(16).padStart(2, '0');
}

/**
 * Go `encoding/json` string encoding with HTML escaping (the default of `json.Marshal`).
 * Go: src/encoding/json/encode.go `appendString`.
 */
export function goJSONString(s: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc: string | undefined;
    if (c < 0x20) {
      esc = JSON_SHORT[c] ?? `\\u00${hex2(c)}`;
    } else if (c === 0x22 || c === 0x5c) {
      esc = `\\${s[i]}`;
    } else if (c === 0x3c || c === 0x3e || c === 0x26) {
      esc = `\\u00${hex2(c)}`;
    } else if (c === 0x2028 || c === 0x2029) {
      esc = `\\u${c.toString(16)}`;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      esc = '\\ufffd';
    }
    if (esc !== undefined) {
      out += s.slice(start, i) + esc;
      start = i + 1;
    }
  }
  return `${out}${s.slice(start)}"`;
}

const JSON_SHORT: Record<number, string> = { 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t' };

/**
 * Go `json.Marshal` of a decoded-JSON-like value: strings, numbers, booleans, null, arrays and
 * objects (map keys sorted, as Go sorts map keys). Objects whose key order matters (Go structs) must be
 * passed with their keys already in Go field order and wrapped with {@link goStruct}.
 */
export function goJSON(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return goJSONString(value);
    case 'number':
      return goNumber(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
  }
  if (Array.isArray(value)) return `[${value.map(goJSON).join(',')}]`;
  if (value instanceof GoStruct) {
    return `{${value.fields.map(([k, v]) => `${goJSONString(k)}:${goJSON(v)}`).join(',')}}`;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  return `{${keys.map((k) => `${goJSONString(k)}:${goJSON(obj[k])}`).join(',')}}`;
}

/** A Go struct for {@link goJSON}: fields in Go declaration order, omitted fields already left out. */
export class GoStruct {
  constructor(readonly fields: readonly (readonly [string, unknown])[]) {}
}

/** Go `encoding/json` number formatting (ES6-like: `1e+21`, `1e-7`). */
export function goNumber(n: number): string {
  return String(n);
}

/** A JSON number as `sigs.k8s.io/yaml` + `encoding/json` would have written it into the decoded document. */
export function jsonNumberLiteral(n: number | bigint): string {
  return typeof n === 'bigint' ? n.toString() : goNumber(n);
}
