import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { ensureBinaries } from '../src/index.js';

/**
 * The config-hash layout table committed in core is exactly what the generator prints: Go
 * reflection over k8s.io/kubernetes v1.37.2's internal Pod type (packages/core/go/gen-hash-layout),
 * so nothing in it is typed by hand and it cannot go stale. Regenerate with
 * `node packages/core/scripts/gen-hash-layout.mjs`.
 */
it('core/src/kubelet/config-hash/layout-1.37.ts is the generator output for v1.37.2', async () => {
  const { hashLayout } = await ensureBinaries();
  const generated = execFileSync(hashLayout, ['--kubernetes', 'v1.37.2'], { encoding: 'utf8' });
  const committed = readFileSync(
    new URL('../../core/src/kubelet/config-hash/layout-1.37.ts', import.meta.url),
    'utf8',
  );
  expect(committed).toBe(generated);
  expect(generated).toContain("['ptr', '*core.Pod', 1, -1, [], '']");
});
