#!/usr/bin/env node
// Records Go's own answers for the value formatting that pod-api reproduces, into
// test/pod-api/go-goldens.json (golden values: regenerate, never edit by hand):
//   - strconv.Quote (`%q`) and json.Marshal of strings,
//   - resource.ParseQuantity: the error, or Quantity.String(), and the value after RoundUp(-3),
//   - time.Parse(time.RFC3339, ...) errors.
// Needs Go and the module cache (or the Go module proxy): `node packages/core/test/pod-api/tools/record-go-goldens.mjs`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '../go-goldens.json');

// biome-ignore format: a table
export const STRINGS = [
  'plain', 'with "quotes" and \\backslash', 'tab\there', 'new\nline', 'bell\u0007', 'del\u007f', 'nul\u0000',
  'é ü ñ', 'non-breaking\u00a0space', 'zero\u200bwidth', 'line\u2028separator', '<html> & friends', 'emoji 😀',
  '\u{e0001}tag',
];

// biome-ignore format: a table
export const QUANTITIES = [
  '0', '1', '-1', '+1', '100m', '0.5', '.5', '1.', '.', '+', '-', '1.5', '1.0', '0.1', '1000', '1000m',
  '1500m', '10000', '1k', '1K', '1Ki', '1.5Gi', '+1.5Gi', '1536Mi', '2048Ki', '1024', '1023', '1025', '512Mi',
  '1e3', '1E3', '1e-3', '1.5e3', '1e', '1E', '2e10', '1Mi', '1M', '1G', '1T', '1P', '1E', '1Ei', '1n', '1u',
  '0.0001', '0.00000000001', '123456789012345678', '1234567890123456789', '99999999999999999999',
  '9223372036854775807', '9223372036854775808', '18446744073709551616Ki', '0.1Ki', '1.1Ki', '1023Ki', '1025Ki',
  '100Gi', '7Ei', '8Ei', '100M', '1000k', '1000000', '0.001', '0.0005', '12.345', '12.3456', '1Mm', '1ii',
  'abc', '', ' 1', '1 ', '1.5.5', '--1', '1e+3', '1e-12', '100mi', '5ki', '3m', '3000m', '0m', '-0', '-0.5',
  '-1Gi', '-1500m', '007', '0.50', '1.50Gi', '1e1000000000', '0x10', '1_000',
];

// biome-ignore format: a table
export const TIMES = [
  '2024-01-01T00:00:00Z', '2024-01-01T00:00:00.5Z', '2024-01-01T00:00:00+01:00', '2024-13-01T00:00:00Z',
  '2024-02-30T00:00:00Z', '2024-02-29T00:00:00Z', '2023-02-29T00:00:00Z', '2024-01-01 00:00:00Z',
  '2024-01-01T25:00:00Z', '2024-01-01T00:60:00Z', '2024-01-01T00:00:60Z', '2024-1-01T00:00:00Z',
  '2024-01-01T00:00:00', '2024-01-01T00:00:00+0100', '2024-01-01T00:00:00Zjunk', '', 'yesterday',
  '24-01-01T00:00:00Z', '2024-01-01T0:00:00Z', '2024-01-00T00:00:00Z', '2024-01-01T00:00:00+25:00',
  '2024-01-01T00:00:00, 5Z',
];

const goMod = `module gengoldens

go 1.26

require k8s.io/apimachinery v0.37.2
`;

const goMain = `package main

import (
\t"encoding/json"
\t"os"
\t"strconv"
\t"time"

\t"k8s.io/apimachinery/pkg/api/resource"
)

type input struct {
\tStrings    []string \`json:"strings"\`
\tQuantities []string \`json:"quantities"\`
\tTimes      []string \`json:"times"\`
}

func main() {
\tvar in input
\tif err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
\t\tpanic(err)
\t}
\tresult := map[string]any{}
\tvar quoted [][]string
\tfor _, s := range in.Strings {
\t\tj, _ := json.Marshal(s)
\t\tquoted = append(quoted, []string{s, strconv.Quote(s), string(j)})
\t}
\tresult["strings"] = quoted
\tvar quantities []map[string]string
\tfor _, s := range in.Quantities {
\t\tq, err := resource.ParseQuantity(s)
\t\tif err != nil {
\t\t\tquantities = append(quantities, map[string]string{"in": s, "error": err.Error()})
\t\t\tcontinue
\t\t}
\t\tr := q.DeepCopy()
\t\tr.RoundUp(-3)
\t\tquantities = append(quantities, map[string]string{
\t\t\t"in": s, "string": q.String(), "milli": r.String(),
\t\t\t"value": strconv.FormatInt(q.Value(), 10), "milliValue": strconv.FormatInt(q.MilliValue(), 10),
\t\t\t"sign": strconv.Itoa(q.Sign()),
\t\t})
\t}
\tresult["quantities"] = quantities
\tvar times [][]string
\tfor _, s := range in.Times {
\t\t_, err := time.Parse(time.RFC3339, s)
\t\tmsg := ""
\t\tif err != nil {
\t\t\tmsg = err.Error()
\t\t}
\t\ttimes = append(times, []string{s, msg})
\t}
\tresult["times"] = times
\tenc := json.NewEncoder(os.Stdout)
\tenc.SetEscapeHTML(false)
\tenc.SetIndent("", "  ")
\tif err := enc.Encode(result); err != nil {
\t\tpanic(err)
\t}
}
`;

const dir = mkdtempSync(join(tmpdir(), 'go-goldens-'));
try {
  writeFileSync(join(dir, 'go.mod'), goMod);
  writeFileSync(join(dir, 'main.go'), goMain);
  const json = execFileSync('go', ['run', '.'], {
    cwd: dir,
    env: { ...process.env, GOFLAGS: '-mod=mod' },
    input: JSON.stringify({ strings: STRINGS, quantities: QUANTITIES, times: TIMES }),
    encoding: 'utf8',
  });
  writeFileSync(out, json);
  console.log(`wrote ${out}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
