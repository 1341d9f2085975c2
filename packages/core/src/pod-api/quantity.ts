// Kubernetes resource quantities, exactly as `k8s.io/apimachinery/pkg/api/resource` parses, compares
// and prints them (only what pod decoding, defaulting and validation need).
import {
  BIN_SUFFIX_BY_EXP,
  cmpAbs,
  DEC_SUFFIX_BY_EXP,
  HUGE,
  MAX_EXP,
  parseQuantity,
  QUANTITY_FORMAT_ERROR,
} from './quantity-parse.js';

export {
  parseQuantity,
  QUANTITY_FORMAT_ERROR,
  QUANTITY_NUMERIC_ERROR,
  QUANTITY_SUFFIX_ERROR,
} from './quantity-parse.js';

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

/** A parsed quantity: the exact value `unscaled * 10^scale`, its format and Go's cached string form. */
export interface Quantity {
  readonly unscaled: bigint;
  readonly scale: number;
  readonly format: QuantityFormat;
  /** The input string when Go keeps it as the canonical form (`Quantity.s`). */
  readonly cached?: string;
}

/** Go `Quantity.Cmp`: -1, 0 or 1. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  const sa = sign(a.unscaled);
  const sb = sign(b.unscaled);
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0) return 0;
  const c = cmpAbs(a.unscaled, a.scale, b.unscaled, b.scale);
  return sa > 0 ? c : -c;
}

function sign(v: bigint): number {
  return v === 0n ? 0 : v < 0n ? -1 : 1;
}

/**
 * The value scaled to `10^scale` units with the magnitude rounded up, as Go's `ScaledValue` (`Value` is 0,
 * `MilliValue` is -3) for values that fit an int64. Beyond ±2^64 the result is clamped.
 */
export function scaledValue(q: Quantity, scale: number): bigint {
  const shift = q.scale - scale;
  const neg = q.unscaled < 0n;
  const abs = neg ? -q.unscaled : q.unscaled;
  let out: bigint;
  if (abs === 0n) out = 0n;
  else if (shift >= 0) out = shift > MAX_EXP ? HUGE : abs * 10n ** BigInt(shift);
  else if (-shift > MAX_EXP) out = 1n;
  else {
    const div = 10n ** BigInt(-shift);
    out = (abs + div - 1n) / div;
  }
  if (out > HUGE) out = HUGE;
  return neg ? -out : out;
}

/** Go `Quantity.RoundUp(scale)`: `undefined` when no rounding was needed (Go then keeps the string). */
export function roundUpQuantity(q: Quantity, scale: number): Quantity | undefined {
  if (q.scale >= scale) return undefined;
  const div = 10n ** BigInt(scale - q.scale);
  const abs = q.unscaled < 0n ? -q.unscaled : q.unscaled;
  const rounded = (abs + div - 1n) / div;
  return { unscaled: q.unscaled < 0n ? -rounded : rounded, scale, format: q.format };
}

function removeFactors(value: bigint, factor: bigint): [bigint, number] {
  let times = 0;
  let v = value;
  while (v !== 0n && v % factor === 0n) {
    v /= factor;
    times++;
  }
  return [v, times];
}

/** Go `Quantity.String()` (`CanonicalizeBytes` unless the input string was kept). */
export function quantityString(q: Quantity): string {
  if (q.cached !== undefined) return q.cached;
  if (q.unscaled === 0n) return '0';
  let format = q.format;
  let integer: bigint | undefined;
  if (format === 'BinarySI') {
    if (cmpAbs(q.unscaled, q.scale, 1024n, 0) < 0) {
      format = 'DecimalSI';
    } else {
      integer = scaledValue(q, 0);
      if (compareQuantities({ unscaled: integer, scale: 0, format }, q) !== 0) format = 'DecimalSI';
    }
  }
  if (format === 'BinarySI' && integer !== undefined) {
    const [amount, times] = removeFactors(integer, 1024n);
    return amount.toString() + (BIN_SUFFIX_BY_EXP.get(times * 10) ?? '');
  }
  let [amount, exp] = removeFactors(q.unscaled, 10n);
  exp += q.scale;
  while (exp % 3 !== 0) {
    amount *= 10n;
    exp--;
  }
  if (format === 'DecimalExponent') return exp === 0 ? amount.toString() : `${amount}e${exp}`;
  return amount.toString() + (DEC_SUFFIX_BY_EXP.get(exp) ?? '');
}

/**
 * Reads a quantity from a decoded manifest value the way `Quantity.UnmarshalJSON` does: strings lose their
 * quotes, numbers their JSON spelling, and the text is trimmed. Returns `undefined` for null/absent values.
 */
export function quantityFromJSON(value: unknown): Quantity | string | undefined {
  if (value === null || value === undefined) return undefined;
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    text = String(value);
  else return QUANTITY_FORMAT_ERROR;
  return parseQuantity(text.trim());
}
