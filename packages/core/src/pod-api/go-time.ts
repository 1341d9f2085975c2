import { goQuote } from './go-format.js';

const RFC3339 = '2006-01-02T15:04:05Z07:00';

/**
 * Checks a string the way Go's `time.Parse(time.RFC3339, s)` does (used by `metav1.Time.UnmarshalJSON`) and
 * returns Go's `*time.ParseError` text, or `undefined` when it parses.
 * Go: src/time/format.go `parse` (layout elements 2006 - 01 - 02 T 15 : 04 : 05 Z07:00, fractional
 * seconds accepted after the seconds, range checks, `extra text`). Go quotes with its own `quote`, which
 * matches `strconv.Quote` for ASCII input.
 */
export function checkRFC3339(value: string): string | undefined {
  let rest = value;
  const cannot = (elem: string) =>
    `parsing time ${goQuote(value)} as ${goQuote(RFC3339)}: cannot parse ${goQuote(rest)} as ${goQuote(elem)}`;
  const outOfRange = (what: string) => `parsing time ${goQuote(value)}: ${what} out of range`;
  const literal = (lit: string) => {
    if (!rest.startsWith(lit)) return false;
    rest = rest.slice(lit.length);
    return true;
  };
  const digits = (n: number, fixed: boolean): number | undefined => {
    if (!isDigit(rest, 0)) return undefined;
    if (n === 2 && !isDigit(rest, 1)) {
      if (fixed) return undefined;
      const v = Number(rest[0]);
      rest = rest.slice(1);
      return v;
    }
    for (let i = 0; i < n; i++) if (!isDigit(rest, i)) return undefined;
    const v = Number(rest.slice(0, n));
    rest = rest.slice(n);
    return v;
  };

  const year = digits(4, true);
  if (year === undefined) return cannot('2006');
  if (!literal('-')) return cannot('-');
  const month = digits(2, true);
  if (month === undefined) return cannot('01');
  if (month < 1 || month > 12) return outOfRange('month');
  if (!literal('-')) return cannot('-');
  const day = digits(2, true);
  if (day === undefined) return cannot('02');
  if (!literal('T')) return cannot('T');
  const hour = digits(2, false);
  if (hour === undefined) return cannot('15');
  if (hour > 23) return outOfRange('hour');
  if (!literal(':')) return cannot(':');
  const minute = digits(2, true);
  if (minute === undefined) return cannot('04');
  if (minute > 59) return outOfRange('minute');
  if (!literal(':')) return cannot(':');
  const second = digits(2, true);
  if (second === undefined) return cannot('05');
  if (second > 59) return outOfRange('second');
  if (rest.length >= 2 && (rest[0] === '.' || rest[0] === ',') && isDigit(rest, 1)) {
    let i = 1;
    while (isDigit(rest, i)) i++;
    rest = rest.slice(i);
  }
  if (rest.startsWith('Z')) {
    rest = rest.slice(1);
  } else {
    if (rest.length < 6 || rest[3] !== ':' || (rest[0] !== '+' && rest[0] !== '-')) return cannot('Z07:00');
    if (!isDigit(rest, 1) || !isDigit(rest, 2) || !isDigit(rest, 4) || !isDigit(rest, 5))
      return cannot('Z07:00');
    const hh = Number(rest.slice(1, 3));
    const mm = Number(rest.slice(4, 6));
    if (hh > 24) return outOfRange('time zone offset hour');
    if (mm > 60) return outOfRange('time zone offset minute');
    rest = rest.slice(6);
  }
  if (rest.length > 0) return `parsing time ${goQuote(value)}: extra text: ${goQuote(rest)}`;
  if (day < 1 || day > daysIn(month, year)) return `parsing time ${goQuote(value)}: day out of range`;
  return undefined;
}

function isDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
