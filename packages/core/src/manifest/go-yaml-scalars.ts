/**
 * Plain-scalar resolution exactly as the kubelet's YAML decoder does it: go-yaml v2
 * (`go.yaml.in/yaml/v2` v2.4.4 `resolve.go` `resolve`, used by `sigs.k8s.io/yaml` v1.6.0
 * `YAMLToJSON` when decoding into `interface{}`). YAML 1.1 flavoured: `yes`/`on`/`y` are
 * booleans, `0644` is octal (420), `0x1F` and `0b101` are integers, underscores are ignored in
 * numbers, and timestamps stay strings.
 */

const MAP = new Map<string, unknown>([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((s) => [s, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map(
    (s) => [s, false] as const,
  ),
  ...['', '~', 'null', 'Null', 'NULL'].map((s) => [s, null] as const),
  ...['.nan', '.NaN', '.NAN'].map((s) => [s, Number.NaN] as const),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((s) => [s, Number.POSITIVE_INFINITY] as const),
  ...['-.inf', '-.Inf', '-.INF'].map((s) => [s, Number.NEGATIVE_INFINITY] as const),
]);

/** `yamlStyleFloat` in resolve.go. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** Decimal floats as Go's `strconv.ParseFloat` reads them (enough for the `.`-prefixed branch). */
const GO_DECIMAL_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** `resolveTable` hint for the first character of a scalar. */
function hint(first: string): string {
  if (first === '+' || first === '-') return 'S';
  if (first >= '0' && first <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(first)) return 'M';
  if (first === '.') return '.';
  return '';
}

/** The value go-yaml v2 gives an untagged plain scalar. */
export function resolvePlainScalar(text: string): unknown {
  if (MAP.has(text)) return MAP.get(text);
  const h = text === '' ? 'N' : hint(text.charAt(0));
  if (h === '.') return GO_DECIMAL_FLOAT.test(text) ? goParseFloat(text, text) : text;
  if (h !== 'D' && h !== 'S') return text;
  const plain = text.replaceAll('_', '');
  const asInt = parseGoInt(plain, true);
  if (asInt !== undefined) return asInt;
  const asUint = parseGoInt(plain, false);
  if (asUint !== undefined) return asUint;
  if (YAML_STYLE_FLOAT.test(plain)) {
    const f = goParseFloat(plain, undefined);
    if (f !== undefined) return f;
  }
  if (plain.startsWith('0b') && /^[01]+$/.test(plain.slice(2))) return Number(BigInt(plain));
  if (plain.startsWith('-0b') && /^[01]+$/.test(plain.slice(3))) return -Number(BigInt(plain.slice(1)));
  return text;
}

/**
 * `strconv.ParseFloat(s, 64)` where go-yaml only keeps a result without error: a literal out of
 * float64's range (`1e400`) is an ErrRange, so the scalar is not a float (`fallback` instead).
 */
function goParseFloat<T>(s: string, fallback: T): number | T {
  const f = Number(s);
  return Number.isFinite(f) ? f : fallback;
}

/** Go integer literal syntax accepted by `strconv.ParseInt(s, 0, 64)` (base prefixes, leading-0 octal). */
const GO_INT = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;

/** `strconv.ParseInt(s, 0, 64)` (signed) or `strconv.ParseUint(s, 0, 64)` (no sign allowed). */
function parseGoInt(s: string, signed: boolean): number | undefined {
  const m = GO_INT.exec(s);
  if (!m || (!signed && m[1] !== '')) return undefined;
  const digits = m[2] as string;
  // A leading 0 means octal in Go; BigInt needs the 0o spelling.
  let value = BigInt(/^0[0-7]+$/.test(digits) ? `0o${digits.slice(1)}` : digits);
  if (m[1] === '-') value = -value;
  if (signed ? value < INT64_MIN || value > INT64_MAX : value > UINT64_MAX) return undefined;
  return Number(value);
}

/** What go-yaml v2 does with an explicitly tagged scalar (`!!str 3`, `!!int "3"`). */
export function resolveTaggedScalar(tag: string, text: string): { value: unknown } | { error: string } {
  const short = tag.replace(/^tag:yaml\.org,2002:/, '!!');
  switch (short) {
    case '!!str':
      return { value: text };
    case '!!binary':
      return { value: Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('latin1') };
    case '!!int':
    case '!!float':
    case '!!bool':
    case '!!null': {
      const value = resolvePlainScalar(text);
      const kind =
        value === null
          ? '!!null'
          : typeof value === 'boolean'
            ? '!!bool'
            : typeof value === 'number'
              ? Number.isInteger(value) && !/[.eE]/.test(text)
                ? '!!int'
                : '!!float'
              : '!!str';
      if (kind === short || (short === '!!float' && kind === '!!int')) return { value };
      return { error: `cannot decode ${kind} \`${text}\` as a ${short}` };
    }
    default:
      // Tags go-yaml cannot resolve (`!foo`, `!!timestamp`) leave the text as it is.
      return { value: text };
  }
}
