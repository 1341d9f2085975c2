import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  decodePod,
  needsQuotes,
  parseManifest,
  writeJson,
  writeManifests,
  writeYamlDocument,
} from '../../src/index.js';
import { YAML_LOOK_ALIKES } from '../../src/testing.js';

/**
 * The writer is the inverse of the parser: what `writeManifests` prints, the kubelet's reader
 * (`parseManifest`, go-yaml v2 semantics) and its decoder (`decodePod`) read back as the same
 * object. Proven for every manifest of the fixtures and the corpus, and for generated Pods whose
 * strings are the ones YAML 1.1 readers take for something else.
 */

const TEST = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);

/** Every manifest file of the rule fixtures and the corpus that the kubelet decodes as a Pod. */
function decodableFixtures(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      const stat = statSync(file, { throwIfNoEntry: false });
      if (!stat) continue;
      if (stat.isDirectory()) walk(file);
      else if (/\.(ya?ml|json)$/.test(name) && stat.size < 1_000_000) {
        const text = readFileSync(file, 'utf8');
        if (decodePod(parseManifest(text, { file })).ok) out.push({ file, text });
      }
    }
  };
  walk(path.join(TEST, 'rules/fixtures'));
  walk(path.join(TEST, 'corpus'));
  return out;
}

function roundTrip(object: unknown): unknown {
  const yaml = writeManifests([object]);
  const parsed = parseManifest(yaml, { file: 'written.yaml' });
  expect(parsed.syntaxError, yaml).toBeUndefined();
  expect(parsed.ignoredDocuments).toEqual([]);
  return parsed.value;
}

describe('writeManifests is the inverse of parseManifest', () => {
  const fixtures = decodableFixtures();

  it('has fixtures to read', () => expect(fixtures.length).toBeGreaterThan(100));

  it('gives the same Pod back for every decodable fixture and corpus manifest', () => {
    for (const { file, text } of fixtures) {
      const manifest = parseManifest(text, { file });
      const before = decodePod(manifest);
      if (!before.ok) continue;
      // The parsed value, whatever fields it has (unknown ones too), comes back unchanged ...
      expect(roundTrip(manifest.value), file).toEqual(manifest.value);
      // ... and so does the Pod the kubelet decodes, also in canonical key order.
      for (const sortKeys of [false, true]) {
        const again = decodePod(parseManifest(writeManifests([before.pod], { sortKeys }), { file }));
        expect(again.ok && again.pod, file).toEqual(before.pod);
      }
    }
  });

  const text = fc.oneof(
    fc.constantFrom(...YAML_LOOK_ALIKES),
    fc.string({ maxLength: 20 }),
    fc.string({ unit: 'grapheme', maxLength: 12 }),
    // Lone surrogates have no UTF-8 form: no manifest can hold them.
    fc.string({ unit: 'binary', maxLength: 12 }).filter((s) => Buffer.from(s).toString() === s),
    fc.stringMatching(/^[0-9eE+\-._:xob]{1,8}$/),
  );
  const pod = fc.record({
    apiVersion: fc.constant('v1'),
    kind: fc.constant('Pod'),
    metadata: fc.record({
      name: fc.constantFrom('etcd', 'kube-apiserver', 'x'),
      namespace: fc.constantFrom('kube-system', 'default'),
      labels: fc.dictionary(text, text, { maxKeys: 4 }),
      annotations: fc.dictionary(text, text, { maxKeys: 4 }),
    }),
    spec: fc.record({
      hostNetwork: fc.boolean(),
      priority: fc.integer(),
      terminationGracePeriodSeconds: fc.nat(),
      nodeSelector: fc.dictionary(text, text, { maxKeys: 2 }),
      containers: fc.array(
        fc.record({
          name: fc.constant('c'),
          image: text,
          command: fc.array(text, { maxLength: 3 }),
          args: fc.array(text, { maxLength: 4 }),
          env: fc.array(fc.record({ name: text, value: text }), { maxLength: 3 }),
          workingDir: text,
        }),
        { minLength: 1, maxLength: 2 },
      ),
    }),
  });

  it('gives the same Pod back for generated Pods full of YAML 1.1 look-alikes', () => {
    fc.assert(
      fc.property(pod, fc.boolean(), (p, sortKeys) => {
        const yaml = writeManifests([p], { sortKeys });
        const manifest = parseManifest(yaml, { file: 'written.yaml' });
        expect(manifest.syntaxError, yaml).toBeUndefined();
        expect(manifest.value).toEqual(p);
        const decoded = decodePod(manifest);
        expect(decoded.ok, yaml).toBe(true);
        // A YAML 1.2 reader agrees.
        expect(parse(yaml)).toEqual(p);
      }),
      { numRuns: RUNS },
    );
  });

  it('gives any JSON value back', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), (value, sortKeys) => {
        const object = { value };
        const yaml = writeManifests([object], { sortKeys });
        const manifest = parseManifest(yaml, { file: 'written.yaml' });
        expect(manifest.syntaxError, yaml).toBeUndefined();
        // JSON has one zero.
        expect(JSON.parse(JSON.stringify(manifest.value))).toEqual(JSON.parse(JSON.stringify(object)));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('writeManifests', () => {
  it('quotes what go-yaml v2 would turn into a boolean, a number or null', () => {
    expect(
      writeYamlDocument({ metadata: { labels: { enabled: 'yes', mode: '0644', on: 'y', '~': 'null' } } }),
    ).toBe('metadata:\n  labels:\n    enabled: "yes"\n    mode: "0644"\n    "on": "y"\n    "~": "null"\n');
  });

  it('quotes timestamps and sexagesimals, which YAML 1.1 readers other than go-yaml v2 convert', () => {
    expect(needsQuotes('2001-12-14T21:59:43.10-05:00')).toBe(true);
    expect(needsQuotes('2026-01-02')).toBe(true);
    expect(needsQuotes('1:20')).toBe(true);
    expect(needsQuotes('kube-apiserver')).toBe(false);
    expect(needsQuotes('--etcd-servers=https://127.0.0.1:2379')).toBe(false);
  });

  it('keeps key order unless asked to sort, and joins documents with ---', () => {
    expect(
      writeManifests([
        { b: 1, a: 2 },
        { kind: 'B', apiVersion: 'v1' },
      ]),
    ).toBe('b: 1\na: 2\n---\nkind: B\napiVersion: v1\n');
    expect(writeManifests([{ b: 1, kind: 'B', apiVersion: 'v1' }], { sortKeys: true })).toBe(
      'apiVersion: v1\nkind: B\nb: 1\n',
    );
    expect(writeManifests([])).toBe('');
  });

  it('writes JSON with four spaces, several objects as a v1 List', () => {
    expect(writeJson([{ a: 1 }])).toBe('{\n    "a": 1\n}\n');
    expect(JSON.parse(writeJson([{ a: 1 }, { b: 2 }]))).toEqual({
      apiVersion: 'v1',
      kind: 'List',
      items: [{ a: 1 }, { b: 2 }],
    });
  });
});
