// The private state of a Go `resource.Quantity` (k8s.io/apimachinery/pkg/api/resource), which the
// kubelet's config hash prints field by field: `i` (int64Amount), `d` (infDecAmount: *inf.Dec),
// `s` (the cached string form) and `Format`. Two quantities with the same value can differ here
// ("1" and "1.0", "1000m" and "1"), so this follows Go's code paths, not the value.
import { interpretSuffix, splitQuantity } from '../../pod-api/quantity-parse.js';

const MAX_INT64 = (1n << 63n) - 1n;

/** `inf.Dec`: unscaled · 10^-scale. */
export interface GoDec {
  readonly unscaled: bigint;
  readonly scale: number;
}

export interface QuantityState {
  /** `int64Amount{value, scale}`: value · 10^scale. */
  readonly value: bigint;
  readonly scale: number;
  /** `infDecAmount.Dec`; `undefined` is a nil pointer. */
  readonly dec: GoDec | undefined;
  /** `Quantity.s`, the cached canonical string ("" when none). */
  readonly s: string;
  readonly format: '' | 'DecimalExponent' | 'BinarySI' | 'DecimalSI';
}

/** The zero Quantity (a JSON `null`). */
export const ZERO_QUANTITY: QuantityState = { value: 0n, scale: 0, dec: undefined, s: '', format: '' };

/**
 * Go `ParseQuantity` (quantity.go), keeping the internal representation it chooses: the int64 fast
 * path with or without the cached string, or an `inf.Dec` rounded up to nano units. `undefined` when
 * Go fails to parse (the decoder has refused the manifest before the hash is computed).
 */
export function parseQuantityState(str: string): QuantityState | undefined {
  if (str.length === 0) return undefined;
  if (str === '0') return { value: 0n, scale: 0, dec: undefined, s: '0', format: 'DecimalSI' };
  const parts = splitQuantity(str);
  if (parts === undefined) return undefined;
  const sfx = interpretSuffix(parts.suffix);
  if (sfx === undefined) return undefined;
  const { num, denom, positive } = parts;
  let format = sfx.format;

  let precision = 0;
  let scale = 0;
  let mantissa = 1n;
  if (sfx.base === 10) {
    scale = sfx.exp;
    precision = 18 - (num.length + denom.length);
  } else if (sfx.exp >= 0 && denom.length === 0) {
    mantissa = 1n << BigInt(sfx.exp);
    // Go: 15 - len(num) - int32(float32(exponent)*3/10) - 1
    precision = 15 - num.length - Math.trunc(Math.fround(Math.fround(sfx.exp * 3) / 10)) - 1;
  } else {
    precision = -1;
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= -9) {
      const shifted = num + denom;
      const v = BigInt(shifted);
      const result = v * mantissa;
      if (result <= MAX_INT64) {
        const value = positive ? result : -result;
        let canonical: boolean;
        if (format === 'BinarySI') canonical = sfx.exp % 10 === 0 && (v & 7n) !== 0n;
        else canonical = scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
        return { value, scale, dec: undefined, s: canonical ? str : '', format };
      }
    }
  }

  // inf.Dec SetString(value): digits without the point, scale = digits after the point.
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(parts.value);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  let abs = BigInt(`${m[2]}${m[3] ?? ''}` || '0');
  let decScale = (m[3] ?? '').length;
  if (sfx.base === 10) decScale -= sfx.exp;
  else abs <<= BigInt(sfx.exp);
  if (abs !== 0n) ({ unscaled: abs, scale: decScale } = roundUp({ unscaled: abs, scale: decScale }, 9));
  if (
    format === 'BinarySI' &&
    compare({ unscaled: abs, scale: decScale }, { unscaled: MAX_INT64, scale: 0 }) > 0
  ) {
    abs = MAX_INT64;
    decScale = 0;
  }
  if (
    format === 'BinarySI' &&
    abs !== 0n &&
    compare({ unscaled: abs, scale: decScale }, { unscaled: 1n, scale: 0 }) < 0
  ) {
    format = 'DecimalSI';
  }
  const negative = m[1] === '-';
  return { value: 0n, scale: 0, dec: { unscaled: negative ? -abs : abs, scale: decScale }, s: '', format };
}

/**
 * Go `Quantity.RoundUp(scale)`, which `SetDefaults_ResourceList` applies with milli scale (-3) to
 * every quantity of a defaulted resource list.
 */
export function roundUpQuantity(q: QuantityState, scale: number): QuantityState {
  if (q.dec !== undefined) return { ...q, s: '', dec: roundUp(q.dec, -scale) };
  if (q.scale >= scale) return q;
  return { ...q, s: '', value: negativeScaleInt64(q.value, scale - q.scale), scale };
}

/** Go `negativeScaleInt64` (math.go): divides by 10^scale, rounding away from zero. */
function negativeScaleInt64(base: bigint, scale: number): bigint {
  let value = base;
  let fraction = false;
  for (let i = 0; i < scale; i++) {
    if (!fraction && value % 10n !== 0n) fraction = true;
    value /= 10n;
    if (value === 0n) return fraction ? (base > 0n ? 1n : -1n) : 0n;
  }
  if (fraction) value += base > 0n ? 1n : -1n;
  return value;
}

/** inf.Dec `Round(x, s, RoundUp)`: to `s` decimal places, away from zero. */
function roundUp(x: GoDec, s: number): GoDec {
  if (x.scale <= s) return { unscaled: x.unscaled * 10n ** BigInt(s - x.scale), scale: s };
  const div = 10n ** BigInt(x.scale - s);
  const neg = x.unscaled < 0n;
  const a = neg ? -x.unscaled : x.unscaled;
  let q = a / div;
  if (q * div !== a) q += 1n;
  return { unscaled: neg ? -q : q, scale: s };
}

function compare(a: GoDec, b: GoDec): number {
  const s = Math.max(a.scale, b.scale);
  const x = a.unscaled * 10n ** BigInt(s - a.scale);
  const y = b.unscaled * 10n ** BigInt(s - b.scale);
  return x === y ? 0 : x < y ? -1 : 1;
}
