import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { readStaticPodPath } from '@staticpods/core';
import { afterAll, expect, it } from 'vitest';
import { ensureBinaries, runKubeletOracle } from '../../src/index.js';
import { compare } from './compare.js';

/**
 * The pod-validation cases of @staticpods/core (packages/core/test/pod-api/fixtures: one mistake per
 * manifest, plus valid ones) re-checked live against the kubelet's file source in every run, so the
 * recorded goldens cannot silently go stale. Decode errors, `invalid pod: […]` lists and the Pods
 * that run must agree exactly.
 */
const FIXTURES = new URL('../../../core/test/pod-api/fixtures/', import.meta.url).pathname;
/** Go iterates these maps (resource lists, labels) in random order (see core's kubelet-parity test). */
const MAP_ORDER_CASES = new Set(['pod-level-resources-invalid', 'resources-fractional-cpu-message']);
const NODE = 'node-1';
const root = mkdtempSync(join(tmpdir(), 'staticpods-validation-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

it('agrees with the kubelet on every recorded validation case', async () => {
  const manifests = readdirSync(FIXTURES).filter(
    (f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith('.kubelet-pod.json'),
  );
  expect(manifests.length).toBeGreaterThan(250);
  for (const f of manifests) copyFileSync(join(FIXTURES, f), join(root, f));
  const [ours, oracle] = await Promise.all([
    readStaticPodPath(root, { nodeName: NODE }),
    runKubeletOracle(await ensureBinaries(), root, NODE),
  ]);
  expect(ours.entries).toHaveLength(manifests.length);
  const mapOrder = (e: { name: string }) => MAP_ORDER_CASES.has(basename(e.name).replace(/\.[^.]+$/, ''));
  expect(compare(ours, oracle, mapOrder)).toEqual([]);
});
