import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/run.js';

/**
 * The CLI end of the fuzz suite (issue #11; the library end is packages/converter/test/fuzz.test.ts):
 * staticPodPaths of generated, often broken, manifests through `check` and `list --manifests`.
 * Whatever the files, `check` exits 0 or 1 with a JSON document, `list --manifests` exits 0 with a
 * row per file, and nothing reports an internal error. FUZZ_RUNS/FUZZ_SEED as in the library suite.
 */
const RUNS = Math.max(5, Math.floor(Number(process.env.FUZZ_RUNS ?? 80) / 4));
const SEED = Number(process.env.FUZZ_SEED ?? 11);
const root = mkdtempSync(path.join(tmpdir(), 'ksp-cli-fuzz-'));
let inputs = 0;
let runs = 0;
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  if (process.env.FUZZ_REPORT)
    writeFileSync(`${process.env.FUZZ_REPORT}.cli`, JSON.stringify({ inputs, runs }));
});

const PIECES = [
  'apiVersion: v1\n',
  'kind: Pod\n',
  'kind: {a: 1}\n',
  'metadata:\n  name: p\n',
  '  namespace: kube-system\n',
  'spec:\n  containers:\n  - name: c\n    image: i\n',
  '  -\n',
  '  volumes: [~]\n',
  '  tolerations: [~, {}]\n',
  '    env: [~]\n',
  '    ports: [{containerPort: x}]\n',
  '  nodeSelector: {a: &a b, c: *a}\n',
  '<<: {kind: Pod}\n',
  '---\n',
  '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"j"},"spec":{"containers":[null]}}',
  '{"a":',
  '[[[[',
  '\t',
  '\u0000',
  '"',
  ': ',
];

const manifest = fc.array(fc.constantFrom(...PIECES), { maxLength: 25 }).map((p) => p.join(''));

describe('check and list --manifests over generated staticPodPaths', () => {
  let round = 0;
  it(
    'always answer, with a row or findings for every file',
    () =>
      fc.assert(
        fc.asyncProperty(fc.array(manifest, { minLength: 1, maxLength: 6 }), async (files) => {
          const dir = path.join(root, String(round++));
          mkdirSync(dir);
          for (const [i, text] of files.entries()) writeFileSync(path.join(dir, `m${i}.yaml`), text);
          inputs += files.length;
          runs += 2;

          const check = await runInProcess(['check', dir, '-o', 'json', '--node', 'fuzz-node']);
          expect([0, 1], check.stderr).toContain(check.code);
          expect(check.stderr).not.toMatch(/internal error/);
          const doc = JSON.parse(check.stdout) as { findings: { message: string }[] };
          for (const f of doc.findings) expect(f.message).not.toMatch(/\[object Object\]|internal error/);

          const list = await runInProcess(['list', '--manifests', dir, '--node', 'fuzz-node', '-o', 'json']);
          expect(list.code, list.stderr).toBe(0);
          expect(list.stderr).toBe('');
          const listing = JSON.parse(list.stdout) as { items: { file: string; status: string }[] };
          expect(listing.items.map((i) => i.file)).toEqual(files.map((_, i) => `m${i}.yaml`));
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      ),
    600_000,
  ); // generous, for a loaded full run on 2 cores; a hang still fails
});
