import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readStaticPodPath } from '@staticpods/core';
import { afterAll, expect, it } from 'vitest';
import { ensureBinaries, runKubeletOracle } from '../../src/index.js';
import { compare } from './compare.js';
import { decoderVariants } from './decoder-variants.js';

/**
 * The decoder's corner cases (decoder-variants.ts), generated afresh in every run and read by the
 * library and by the kubelet's own file source: the log messages, error texts and running Pods
 * must agree for every variant of every class.
 */
const NODE = 'node-1';
const root = mkdtempSync(join(tmpdir(), 'staticpods-decoder-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

it('agrees with the kubelet on every generated decoder variant', async () => {
  const variants = decoderVariants();
  expect(new Set(variants.map((v) => v.file)).size).toBe(variants.length);
  for (const v of variants) writeFileSync(join(root, v.file), v.bytes);
  const [ours, oracle] = await Promise.all([
    readStaticPodPath(root, { nodeName: NODE }),
    runKubeletOracle(await ensureBinaries(), root, NODE),
  ]);
  expect(ours.entries).toHaveLength(variants.length);
  const problems = compare(ours, oracle);
  const groups = new Map<string, { cases: number; disagree: number }>();
  for (const v of variants) {
    const g = groups.get(v.group) ?? { cases: 0, disagree: 0 };
    g.cases++;
    const stem = v.file.replace(/\.[^.]+$/, '');
    if (
      problems.some((p) => p.startsWith(`${v.file}:`) || p.includes(`/${stem}-`) || p.includes(`/${stem} `))
    )
      g.disagree++;
    groups.set(v.group, g);
  }
  console.log(
    `[decoder-parity] ${variants.length} variants, ${oracle.pods.length} run:\n` +
      [...groups]
        .map(([group, g]) => `  ${group.padEnd(12)} ${g.cases - g.disagree}/${g.cases} agree`)
        .join('\n'),
  );
  expect(problems).toEqual([]);
}, 120_000);
