import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';

/** The README's examples, run against the built package as a user would import it. */
const readme = new URL('../README.md', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'staticpods-readme-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runExample(index: number, replaceDir?: string): Promise<string[]> {
  const { readFileSync } = await import('node:fs');
  const blocks = [...readFileSync(readme, 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map(
    (m) => m[1] as string,
  );
  let code = (blocks[index] as string).replaceAll(
    "'@staticpods/core'",
    `'${new URL('../dist/index.js', import.meta.url).href}'`,
  );
  if (replaceDir) code = code.replaceAll("'/etc/kubernetes/manifests'", `'${replaceDir}'`);
  const file = join(dir, `example-${index}.mjs`);
  writeFileSync(file, code);
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...args) => {
    lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
  });
  try {
    await import(file);
  } finally {
    spy.mockRestore();
  }
  return lines;
}

it('the staticPodPath example reports files and findings', async () => {
  const manifests = join(dir, 'manifests');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(manifests);
  writeFileSync(
    join(manifests, 'agent.yaml'),
    'apiVersion: v1\nkind: Pod\nmetadata: {name: agent}\nspec:\n  serviceAccountName: agent\n  containers: [{name: a, image: x}]\n',
  );
  const lines = await runExample(0, manifests);
  expect(lines[0]).toBe('agent.yaml invalid static pods may not reference serviceaccounts');
  expect(lines.some((l) => l.includes('SP012 service-account'))).toBe(true);
});

it('the single-manifest example gives the kubelet verdict and the rule', async () => {
  expect(await runExample(1)).toEqual(['static pods may not reference secrets', '["SP013"]']);
});

it('the config hash example tells the running version from the edit', async () => {
  // The mirror value in the README is what the kubelet's code computes for that file on cp-1
  // (recorded with its decoder and hash dump); the differential suite in testkube checks configHash
  // against the kubelet itself on 1,500 manifests.
  expect(await runExample(2)).toEqual(['cp-1 runs this file', 'cp-1 does not run the edit yet']);
});
