// The seeded fuzz suite of issue #11: generated and damaged manifests through the whole library,
// parse → kubelet verdict → check → convert → write (YAML and JSON) → read back, and staticPodPath
// directories through readStaticPodPath + checkStaticPodPath. Whatever the input, every step returns
// data; nothing throws, no message shows a JavaScript value's default text.
//
// FUZZ_RUNS (cases per property, default 80 in CI) and FUZZ_SEED (default 11) come from the
// environment; `npm run fuzz` at the root runs it long with a fresh seed and prints the seed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  checkManifest,
  checkStaticPodPath,
  kubeletVerdict,
  parseManifest,
  readStaticPodPath,
} from '@staticpods/core';
import fc from 'fast-check';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { convertStaticPod, toJson, toYaml } from '../src/index.js';
import { staticPod } from './helpers/arbitraries.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 80);
const SEED = Number(process.env.FUZZ_SEED ?? 11);
const params = (offset: number, runs = RUNS) => ({ numRuns: runs, seed: SEED + offset, endOnFailure: true });
/** A property's time limit: generous, for a loaded full run on 2 cores; a hang still fails. */
const TIMEOUT_MS = 600_000;

/** Texts that only a JavaScript value printed by mistake produces. */
const LEAKED = /\[object Object\]|internal error|is not a function|Cannot read properties/;

let inputs = 0;

/** The whole library on one input; throws (fails the property) on any broken contract. */
function pipeline(input: string | Uint8Array): void {
  inputs++;
  const manifest = parseManifest(input, { file: '/etc/kubernetes/manifests/fuzz.yaml' });
  const verdict = kubeletVerdict(manifest, { nodeName: 'fuzz-node' });
  if (!verdict.runs) expect(verdict.error).not.toMatch(LEAKED);
  const { findings } = checkManifest(manifest, { nodeName: 'fuzz-node' });
  for (const f of findings) {
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.column).toBeGreaterThanOrEqual(1);
    expect(f.message).not.toMatch(LEAKED);
  }
  if (!verdict.pod) return;
  const result = convertStaticPod(
    { kind: 'file', file: '/etc/kubernetes/manifests/fuzz.yaml', pod: verdict.pod },
    { force: true, rewriteRestartPolicy: true },
  );
  for (const note of result.notes) expect(note.message).not.toMatch(LEAKED);
  if (!result.ok) return;
  for (const text of [toYaml([result.daemonSet]), toJson([result.daemonSet])]) {
    const back = parseManifest(text, { file: 'out.yaml' });
    expect(back.syntaxError).toBeUndefined();
    expect((back.value as { kind?: unknown }).kind).toBe('DaemonSet');
  }
}

/** Every path to a value inside `v`, parents first. */
function paths(
  v: unknown,
  at: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) {
    for (const [i, x] of v.entries()) paths(x, [...at, i], out);
  } else if (typeof v === 'object' && v !== null)
    for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

/** Values holding a `deep` mutation: later mutations leave them alone. */
const deep = new WeakSet<object>();
const deepValues: unknown[] = [];

type Mutation = { pick: number; op: (typeof OPS)[number]; value: unknown };
const OPS = [
  'null',
  'replace',
  'null-item',
  'empty-item',
  'duplicate-item',
  'unknown-field',
  'wrap-in-list',
  'wrap-in-map',
  'deep',
] as const;

/** Applies one mutation at a node picked among all nodes of the value (the root included). */
function mutate(root: unknown, m: Mutation): unknown {
  if (typeof root === 'object' && root !== null && deep.has(root)) return root; // already too deep to walk again here; the library gets it as it is
  const all = paths(root);
  const at = all[m.pick % all.length] as (string | number)[];
  const change = (v: unknown): unknown => {
    switch (m.op) {
      case 'null':
        return null;
      case 'replace':
        return m.value;
      case 'null-item':
        return Array.isArray(v) ? [...v, null] : [null];
      case 'empty-item':
        return Array.isArray(v) ? [{}, ...v] : {};
      case 'duplicate-item':
        return Array.isArray(v) ? [...v, ...v] : v;
      case 'unknown-field':
        return typeof v === 'object' && v !== null && !Array.isArray(v) ? { ...v, Name: m.value } : v;
      case 'wrap-in-list':
        return [v];
      case 'wrap-in-map':
        return { kind: v, apiVersion: v };
      case 'deep': {
        let out: unknown = v;
        for (let i = 0; i < 200 + (m.pick % 1000); i++) out = i % 2 ? [out] : { a: out };
        deepValues.push(out);
        deep.add(out as object);
        return out;
      }
    }
  };
  deepValues.length = 0;
  if (at.length === 0) return change(root);
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent = copy;
  for (const k of at.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = at[at.length - 1] as string | number;
  parent[last] = change(parent[last]);
  if (deepValues.length > 0) deep.add(copy);
  return copy;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  pick: fc.nat(),
  op: fc.constantFrom(...OPS),
  value: fc.anything({ maxDepth: 2, maxKeys: 3, withNullPrototype: false }),
});

/** How a value becomes bytes, and what may happen to the bytes on the way. */
const encoding = fc.record({
  as: fc.constantFrom('yaml', 'json', 'flow-yaml'),
  cut: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { freq: 4 }),
  crlf: fc.boolean(),
});

function encode(value: unknown, e: { as: string; cut: number | null; crlf: boolean }): string {
  let text = JSON.stringify(value) ?? 'null';
  // The yaml package cannot write very deep values; those stay JSON, which is YAML too.
  const tooDeep = typeof value === 'object' && value !== null && deep.has(value);
  if (e.as !== 'json' && !tooDeep) {
    try {
      text = stringify(value, {
        collectionStyle: e.as === 'flow-yaml' ? 'flow' : 'any',
        aliasDuplicateObjects: false,
      });
    } catch {
      // deeper than the yaml package writes: it stays JSON
    }
  }
  if (e.cut !== null) text = text.slice(0, Math.floor(text.length * e.cut));
  return e.crlf ? text.replace(/\n/g, '\r\n') : text;
}

/** Pieces of YAML that exercise the parser's corners: anchors, merges, tags, block scalars, documents. */
const YAML_PIECES = [
  'apiVersion: v1\n',
  'kind: Pod\n',
  'metadata:\n',
  '  name: x\n',
  '  labels: {a: &l 1, b: *l}\n',
  'spec:\n',
  '  containers:\n',
  '  - name: c\n',
  '    image: i\n',
  '  -\n',
  '  - ~\n',
  '  volumes: [~]\n',
  '  tolerations: [{}]\n',
  '<<: {kind: Pod}\n',
  '<<: [*a, *b]\n',
  '&a ',
  '*a',
  '&b {x: 1}\n',
  '!!binary aGk=\n',
  '!!int "3"\n',
  '!!float .inf\n',
  '!!timestamp 2001-12-14\n',
  '!!str ',
  '!local ',
  '|\n  text\n',
  '>-\n  folded\n',
  '? complex\n: key\n',
  '---\n',
  '...\n',
  '%YAML 1.1\n',
  '\t',
  '[',
  ']',
  '{',
  '}',
  ': ',
  '- ',
  ', ',
  '"',
  "'",
  '#',
  '\ufeff',
  '\u0000',
  '\r\n',
  '0644',
  '0x1F',
  '1e3',
  'yes',
  'NO',
  '~',
  '9223372036854775808',
  '-.inf',
];

afterAll(() => {
  if (process.env.FUZZ_REPORT) writeFileSync(process.env.FUZZ_REPORT, JSON.stringify({ inputs }));
});

describe('the library never throws, whatever the manifest', () => {
  it(
    'valid static Pods, damaged by up to four mutations, in YAML or JSON, possibly cut short',
    () =>
      fc.assert(
        fc.property(staticPod, fc.array(mutation, { maxLength: 4 }), encoding, (pod: Pod, mutations, e) => {
          const value = mutations.reduce<unknown>((v, m) => mutate(v, m), pod);
          pipeline(encode(value, e));
        }),
        params(0),
      ),
    TIMEOUT_MS,
  );

  it(
    'YAML assembled from the parser’s corner cases',
    () =>
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...YAML_PIECES), { maxLength: 60 }), (parts) =>
          pipeline(parts.join('')),
        ),
        params(1),
      ),
    TIMEOUT_MS,
  );

  it(
    'arbitrary bytes and strings',
    () =>
      fc.assert(
        fc.property(
          fc.oneof(fc.string({ maxLength: 400, unit: 'binary' }), fc.uint8Array({ maxLength: 400 })),
          (x) => pipeline(x),
        ),
        params(2),
      ),
    TIMEOUT_MS,
  );

  it(
    'large and deep inputs: nesting, duplicate keys, aliases, null items',
    () =>
      fc.assert(
        fc.property(
          fc.constantFrom(
            'json-deep',
            'json-dup-deep',
            'yaml-deep',
            'dup-keys',
            'aliases',
            'null-items',
            'long-string',
          ),
          fc.integer({ min: 1, max: RUNS > 200 ? 12_000 : 4_000 }),
          (shape, n) => {
            const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}`;
            switch (shape) {
              case 'json-deep':
                return pipeline(
                  `{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},"spec":${'['.repeat(n)}${']'.repeat(n)}}`,
                );
              case 'json-dup-deep': {
                const deep = `${'{"a":['.repeat(n % 4000)}1${']}'.repeat(n % 4000)}`;
                return pipeline(
                  `{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},"spec":${deep},"spec":${deep}}`,
                );
              }
              case 'yaml-deep':
                return pipeline(`a: ${'{b: '.repeat(n % 1500)}1${'}'.repeat(n % 1500)}\n`);
              case 'dup-keys':
                return pipeline(pod(`  nodeSelector:\n${'    a: b\n'.repeat(n * 2)}`));
              case 'aliases':
                return pipeline(
                  `x: &x {a: [1, 2, 3]}\n${pod(`  nodeSelector: {${Array.from({ length: n }, (_, i) => `k${i}: *x`).join(', ')}}`)}`,
                );
              case 'null-items':
                return pipeline(
                  pod(
                    `  containers: [${Array(n).fill('~').join(', ')}]\n  volumes: [${Array(n % 100)
                      .fill('~')
                      .join(', ')}]\n`,
                  ),
                );
              default:
                return pipeline(pod(`  containers:\n  - name: c\n    image: "${'x'.repeat(n * 100)}"\n`));
            }
          },
        ),
        params(3, Math.max(10, Math.floor(RUNS / 6))),
      ),
    TIMEOUT_MS,
  );
});

describe('a staticPodPath of generated files never throws and judges every file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'staticpods-fuzz-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let round = 0;

  it(
    'every entry gets an outcome, and duplicates are resolved',
    () =>
      fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(staticPod, fc.array(mutation, { maxLength: 2 }), encoding), {
            minLength: 1,
            maxLength: 8,
          }),
          async (files) => {
            const sub = path.join(dir, String(round++));
            const { mkdirSync } = await import('node:fs');
            mkdirSync(sub);
            files.forEach(([pod, mutations, e], i) => {
              inputs++;
              const value = mutations.reduce<unknown>((v, m) => mutate(v, m), pod);
              writeFileSync(path.join(sub, `m${i}.${e.as === 'json' ? 'json' : 'yaml'}`), encode(value, e));
            });
            const report = await readStaticPodPath(sub, { nodeName: 'fuzz-node' });
            expect(report.entries).toHaveLength(files.length);
            for (const entry of report.entries) {
              expect(['loaded', 'shadowed', 'invalid']).toContain(entry.outcome);
              expect(entry.kubeletLog?.err ?? '').not.toMatch(LEAKED);
            }
            const { findings } = checkStaticPodPath(report);
            for (const f of findings) expect(f.message).not.toMatch(LEAKED);
          },
        ),
        params(4, Math.max(10, Math.floor(RUNS / 4))),
      ),
    TIMEOUT_MS,
  );
});
