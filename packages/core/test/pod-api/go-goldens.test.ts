// Value formatting and parsing against Go's own answers (go-goldens.json, recorded by
// tools/record-go-goldens.mjs from strconv, encoding/json, resource.ParseQuantity and time.Parse).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { goJSON, goQuote } from '../../src/pod-api/go-format.js';
import { checkRFC3339 } from '../../src/pod-api/go-time.js';
import { parseQuantity, quantityString, roundUpQuantity, scaledValue } from '../../src/pod-api/quantity.js';

interface Goldens {
  strings: [input: string, quoted: string, json: string][];
  quantities: {
    in: string;
    error?: string;
    string?: string;
    milli?: string;
    value?: string;
    milliValue?: string;
    sign?: string;
  }[];
  times: [input: string, error: string][];
}

const goldens = JSON.parse(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'go-goldens.json'), 'utf8'),
) as Goldens;
const INT64 = 2n ** 63n;

describe('strconv.Quote and json.Marshal of strings', () => {
  it('has cases', () => expect(goldens.strings.length).toBeGreaterThan(10));
  for (const [input, quoted, json] of goldens.strings) {
    it(JSON.stringify(input), () => {
      expect(goQuote(input)).toBe(quoted);
      expect(goJSON(input)).toBe(json);
    });
  }
});

describe('resource.ParseQuantity and Quantity.String', () => {
  it('has cases', () => expect(goldens.quantities.length).toBeGreaterThan(50));
  for (const g of goldens.quantities) {
    it(JSON.stringify(g.in), () => {
      const q = parseQuantity(g.in);
      if (g.error !== undefined) {
        expect(q).toBe(g.error);
        return;
      }
      if (typeof q === 'string') throw new Error(q);
      expect(quantityString(q)).toBe(g.string);
      expect(quantityString(roundUpQuantity(q, -3) ?? q)).toBe(g.milli);
      expect(String(q.unscaled === 0n ? 0 : q.unscaled > 0n ? 1 : -1)).toBe(g.sign);
      // Go's Value/MilliValue overflow silently; compare only where they fit in an int64.
      const value = scaledValue(q, 0);
      const milli = scaledValue(q, -3);
      if (value > -INT64 && value < INT64) expect(value.toString()).toBe(g.value);
      if (milli > -INT64 && milli < INT64) expect(milli.toString()).toBe(g.milliValue);
    });
  }
});

describe('time.Parse(time.RFC3339, ...)', () => {
  it('has cases', () => expect(goldens.times.length).toBeGreaterThan(10));
  for (const [input, error] of goldens.times) {
    it(JSON.stringify(input), () => {
      expect(checkRFC3339(input) ?? '').toBe(error);
    });
  }
});
