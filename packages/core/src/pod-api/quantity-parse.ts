// Go `resource.ParseQuantity` (`k8s.io/apimachinery/pkg/api/resource/quantity.go`, `suffix.go`).
import type { Quantity, QuantityFormat } from './quantity.js';

/** Go `resource.ErrFormatWrong`. */
export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/** Go `resource.ErrNumeric`. */
export const QUANTITY_NUMERIC_ERROR = 'unable to parse numeric part of quantity';
/** Go `resource.ErrSuffix`. */
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

const DEC_SUFFIX: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BIN_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
export const DEC_SUFFIX_BY_EXP = new Map(Object.entries(DEC_SUFFIX).map(([k, v]) => [v, k]));
export const BIN_SUFFIX_BY_EXP = new Map<number, string>([
  [0, ''],
  ...Object.entries(BIN_SUFFIX).map(([k, v]) => [v, k] as const),
]);
const SUFFIX_CHARS = 'eEinumkKMGTP';
const MAX_INT64 = (1n << 63n) - 1n;
export const HUGE = 1n << 64n;
/** Powers of ten beyond this are not computed (no real manifest gets near it). */
export const MAX_EXP = 400;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Go `parseQuantityString`: splits sign, numerator, denominator and suffix; `undefined` = ErrFormatWrong. */
export function splitQuantity(
  str: string,
): { positive: boolean; value: string; num: string; denom: string; suffix: string } | undefined {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (pos < end && (str[0] === '-' || str[0] === '+')) {
    positive = str[0] !== '-';
    pos++;
  }
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
  let i = pos;
  while (i < end && isDigit(str.charCodeAt(i))) i++;
  let num = str.slice(pos, i);
  if (i >= end) return { positive, value: str, num, denom: '', suffix: '' };
  pos = i;
  if (num.length === 0) num = '0';
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    let j = pos;
    while (j < end && isDigit(str.charCodeAt(j))) j++;
    denom = str.slice(pos, j);
    if (j >= end) return { positive, value: str, num, denom, suffix: '' };
    pos = j;
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  let k = pos;
  while (k < end && SUFFIX_CHARS.includes(str[k] as string)) k++;
  if (k >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
  pos = k;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  for (let m = pos; m < end; m++) {
    if (!isDigit(str.charCodeAt(m))) return undefined;
  }
  return { positive, value, num, denom, suffix: str.slice(suffixStart) };
}

/** Go `quantitySuffixer.interpret`. */
export function interpretSuffix(
  suffix: string,
): { base: 2 | 10; exp: number; format: QuantityFormat } | undefined {
  const dec = DEC_SUFFIX[suffix];
  if (dec !== undefined && Object.hasOwn(DEC_SUFFIX, suffix))
    return { base: 10, exp: dec, format: 'DecimalSI' };
  const bin = BIN_SUFFIX[suffix];
  if (bin !== undefined && Object.hasOwn(BIN_SUFFIX, suffix))
    return { base: 2, exp: bin, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'E' || suffix[0] === 'e')) {
    const rest = suffix.slice(1);
    if (!/^[+-]?\d+$/.test(rest)) return undefined;
    const big = BigInt(rest);
    if (big > MAX_INT64 || big < -MAX_INT64 - 1n) return undefined;
    // Go truncates the parsed int64 to int32.
    const exp = Number(BigInt.asIntN(32, big));
    return { base: 10, exp, format: 'DecimalExponent' };
  }
  return undefined;
}

/**
 * Go `resource.ParseQuantity` (`k8s.io/apimachinery/pkg/api/resource/quantity.go`): returns the quantity,
 * or the exact Go error text.
 */
export function parseQuantity(str: string): Quantity | string {
  if (str.length === 0) return QUANTITY_FORMAT_ERROR;
  if (str === '0') return { unscaled: 0n, scale: 0, format: 'DecimalSI', cached: '0' };
  const parts = splitQuantity(str);
  if (parts === undefined) return QUANTITY_FORMAT_ERROR;
  const sfx = interpretSuffix(parts.suffix);
  if (sfx === undefined) return QUANTITY_SUFFIX_ERROR;
  const { num, denom } = parts;
  let format = sfx.format;

  // Go's int64 fast path decides whether the input string is kept as the canonical form.
  let precision = -1;
  if (sfx.base === 10) precision = 18 - (num.length + denom.length);
  else if (sfx.exp >= 0 && denom.length === 0)
    precision = 15 - num.length - Math.trunc((sfx.exp * 3) / 10) - 1;
  let cached: string | undefined;
  const scale10 = (sfx.base === 10 ? sfx.exp : 0) - denom.length;
  if (precision >= 0 && scale10 >= -9) {
    const shifted = num + denom;
    const v = BigInt(shifted);
    const result = sfx.base === 2 ? v << BigInt(sfx.exp) : v;
    if (result <= MAX_INT64) {
      if (sfx.base === 2) {
        if (sfx.exp % 10 === 0 && (v & 7n) !== 0n) cached = str;
      } else if (scale10 % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0') {
        cached = str;
      }
      const unscaled = parts.positive ? result : -result;
      return cached === undefined
        ? { unscaled, scale: scale10, format }
        : { unscaled, scale: scale10, format, cached };
    }
  }

  // Slow path (inf.Dec): exact value, rounded up to nano units.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(parts.value)) return QUANTITY_NUMERIC_ERROR;
  let unscaled = BigInt(num + denom);
  let scale = -denom.length;
  if (sfx.base === 10) scale += sfx.exp;
  else unscaled <<= BigInt(sfx.exp);
  if (scale < -9) {
    const digits = -9 - scale;
    if (digits > MAX_EXP) unscaled = unscaled === 0n ? 0n : 1n;
    else {
      const div = 10n ** BigInt(digits);
      unscaled = (unscaled + div - 1n) / div;
    }
    scale = -9;
  }
  if (format === 'BinarySI') {
    if (cmpAbs(unscaled, scale, MAX_INT64, 0) > 0) {
      unscaled = MAX_INT64;
      scale = 0;
    }
    if (unscaled !== 0n && cmpAbs(unscaled, scale, 1n, 0) < 0) format = 'DecimalSI';
  }
  return { unscaled: parts.positive ? unscaled : -unscaled, scale, format };
}

/** Compares |a|·10^sa with |b|·10^sb. */
export function cmpAbs(a: bigint, sa: number, b: bigint, sb: number): number {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  if (x === 0n || y === 0n) return x === y ? 0 : x === 0n ? -1 : 1;
  // Compare orders of magnitude first, so that huge exponents need no huge powers.
  const mx = x.toString().length + sa;
  const my = y.toString().length + sb;
  if (mx !== my) return mx < my ? -1 : 1;
  if (sa > sb) x *= 10n ** BigInt(sa - sb);
  else if (sb > sa) y *= 10n ** BigInt(sb - sa);
  return x === y ? 0 : x < y ? -1 : 1;
}
