import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import { expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { dryRun } from './helpers/apiserver.js';

const packageDir = new URL('../', import.meta.url).pathname;

/** The README's first example, run as a user would: against the built package, by its name. */
it('the README example runs and prints a DaemonSet the API server accepts', async () => {
  const readme = readFileSync(new URL('README.md', new URL('../', import.meta.url)), 'utf8');
  const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(example).toBeDefined();
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', example ?? ''], {
    cwd: packageDir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const yaml = stdout.slice(0, stdout.indexOf('Cut-over plan'));
  const ds = parseAllDocuments(yaml)[0]?.toJS() as DaemonSet;
  expect(ds.kind).toBe('DaemonSet');
  expect(stdout).toContain(
    'kubectl label node worker-1 migrated.staticpods.io/monitoring.node-exporter=true',
  );
  expect(await dryRun(ds), 'the API server refused the DaemonSet').toBe('');
});
