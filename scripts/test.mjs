#!/usr/bin/env node
// The project's one test command (`npm test`): build every package, make sure the real
// Kubernetes binaries exist (built from Go modules on first use, then cached), start ONE shared
// kube-apiserver + etcd for the whole run, run every package's vitest suite through turbo against
// it, stop it, and end with a single summary line "N passed, N failed" over all suites. A suite
// that did not run, or skipped tests, counts as failed: a run that executed nothing cannot pass.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules/.bin', name);
const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: '1',
  OCLIF_SKIP_NEW_VERSION_CHECK: 'true',
  NO_COLOR: '1',
};
const workspaces = ['packages/core', 'packages/converter', 'packages/testkube', 'apps/kubectl-staticpods'];

function run(cmd, args, extraEnv = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } });
  return r.status ?? 1;
}

function summaryLine(passed, failed) {
  console.log(`${passed} passed, ${failed} failed`);
}

for (const ws of workspaces) rmSync(join(root, ws, '.test-results'), { recursive: true, force: true });

if (run(bin('turbo'), ['run', 'build', '--output-logs=errors-only']) !== 0) {
  console.error('build failed: no test ran');
  summaryLine(0, 1);
  process.exit(1);
}

const stateDir = mkdtempSync(join(tmpdir(), 'staticpods-test-run-'));
const state = join(stateDir, 'testkube.json');
const cli = join(root, 'packages/testkube/dist/cli.js');
// Builds kube-apiserver, etcd, kubectl and the kubelet oracle on a cold cache (minutes), then starts them.
if (run(process.execPath, [cli, 'up', '--state', state]) !== 0) {
  console.error('could not start the test control plane (see above): the suites that need it cannot run');
  summaryLine(0, 1);
  process.exit(1);
}

// The single-file executable (apps/kubectl-staticpods/scripts/sea.mjs): the plugin's
// process-level suites run a second time against it, and its own suites (no Node.js on PATH,
// krew) run too. KSP_CLI_BINARY names a prebuilt one; otherwise it is built here for linux-x64.
let seaBinary = process.env.KSP_CLI_BINARY;
if (!seaBinary && process.platform === 'linux' && process.arch === 'x64') {
  const built = spawnSync(
    process.execPath,
    [join(root, 'apps/kubectl-staticpods/scripts/sea.mjs'), '--platform', 'linux-x64'],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' },
  );
  if (built.status === 0) seaBinary = built.stdout.trim().split('\n').pop();
  else console.error('could not build the single-file executable (see above): its suites count as failed');
}
const results = workspaces.map((ws) => [ws, join(root, ws, '.test-results/vitest.json')]);
results.push([
  'apps/kubectl-staticpods (single-file executable)',
  join(root, 'apps/kubectl-staticpods/.test-results/vitest-sea.json'),
]);
// The first run tests the npm entry point, whatever the caller's environment says.
delete env.KSP_CLI_BINARY;

let turboStatus;
try {
  turboStatus = run(bin('turbo'), ['run', 'test', '--concurrency=2', '--continue', '--output-logs=full'], {
    TESTKUBE_STATE: state,
  });
  if (seaBinary) {
    const seaStatus = run('npm', ['run', 'test:sea', '-w', 'apps/kubectl-staticpods'], {
      TESTKUBE_STATE: state,
      KSP_CLI_BINARY: seaBinary,
    });
    if (seaStatus !== 0) turboStatus = seaStatus;
  }
} finally {
  run(process.execPath, [cli, 'down', '--state', state]);
  rmSync(stateDir, { recursive: true, force: true });
}

let passed = 0;
let failed = 0;
for (const [ws, file] of results) {
  if (!existsSync(file)) {
    console.error(`${ws}: no test results (the suite did not run)`);
    failed++;
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  // Files that failed to load have no test results of their own.
  const brokenFiles = (r.testResults ?? []).filter(
    (f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0,
  ).length;
  if (skipped > 0) console.error(`${ws}: ${skipped} skipped or todo test(s) count as failed`);
  if (brokenFiles > 0) console.error(`${ws}: ${brokenFiles} test file(s) failed to run`);
  if (r.numTotalTests === 0) console.error(`${ws}: ran no test`);
  passed += r.numPassedTests;
  failed += r.numFailedTests + skipped + brokenFiles + (r.numTotalTests === 0 ? 1 : 0);
}
if (turboStatus !== 0 && failed === 0) failed = 1;
summaryLine(passed, failed);
process.exit(failed === 0 ? 0 : 1);
