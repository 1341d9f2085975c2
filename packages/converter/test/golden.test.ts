import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertStaticPod, formatNote, renderCutoverPlan, toYaml } from '../src/index.js';
import { dryRun, dryRunTally } from './helpers/apiserver.js';
import { loadFixtures } from './helpers/fixtures.js';

/**
 * Golden files, one directory per case (see fixtures/README.md). Regenerate with UPDATE_GOLDEN=1 and
 * review the diff like code; a missing golden fails. Every DaemonSet is also sent to the real
 * kube-apiserver (server-side dry run), with a Pod made from its template.
 */
const update = process.env.UPDATE_GOLDEN === '1';
const cases = loadFixtures();
const tally = { converted: 0, refused: 0 };

function golden(dir: string, file: string, actual: string | undefined): void {
  const path = join(dir, file);
  if (update) {
    if (actual === undefined) rmSync(path, { force: true });
    else writeFileSync(path, actual);
  }
  if (actual === undefined) {
    expect(existsSync(path), `${path} should not exist: the conversion was refused`).toBe(false);
    return;
  }
  expect(existsSync(path), `${path} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe.each(cases)('$name', ({ name, dir, source, options, meta }) => {
  it('converts to the golden DaemonSet and notes', async () => {
    const result = convertStaticPod(source, options);
    golden(dir, 'expected.notes.txt', `${result.notes.map((n) => formatNote(n)).join('\n')}\n`);
    golden(dir, 'expected.yaml', result.ok ? toYaml([result.daemonSet]) : undefined);
    if (meta.plan) golden(dir, 'expected.plan.txt', result.ok ? renderCutoverPlan(result.plan) : undefined);
    if (!result.ok) {
      tally.refused++;
      expect(result.notes.some((n) => n.severity === 'error')).toBe(true);
      expect(name, 'refusal fixtures are named refuse-*').toMatch(/^refuse-/);
      return;
    }
    tally.converted++;
    expect(name).not.toMatch(/^refuse-/);
    expect(await dryRun(result.daemonSet), 'the API server refused the DaemonSet').toBe('');
  });
});

afterAll(() => {
  process.stdout.write(
    `[golden] ${cases.length} fixtures: ${tally.converted} converted, ${tally.refused} refused as expected; ` +
      `${dryRunTally.accepted} of ${dryRunTally.sent} accepted by the API server\n`,
  );
});
