import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureNamespace, uniqueName } from '@staticpods/testkube';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlPlane, exampleManifest, mirror, nodes } from '../helpers/cluster.js';
import { baseEnv, type Entry, REPO, runProcess } from '../helpers/run.js';

/**
 * `kubectl staticpods … | head -1`: the reader closes the pipe before the command writes. Every
 * command must end quietly (nothing on stderr but what it prints anyway) with the exit code it
 * has when its whole output is read: never EPIPE's stack trace and exit 1, which reads as
 * "findings".
 */
const cp = controlPlane();
const ns = uniqueName('ksp-pipe');
const node = `cp-${ns.slice(-6)}`;
const dir = mkdtempSync(path.join(tmpdir(), 'ksp-pipe-'));
const env = baseEnv({ KUBECONFIG: cp.adminKubeconfig });

beforeAll(async () => {
  await ensureNamespace(cp, ns);
  await nodes(cp, [node]);
  for (const file of ['etcd.yaml', 'kube-scheduler.yaml', 'metrics-agent.yaml']) {
    const yaml = exampleManifest(file, { namespace: ns });
    writeFileSync(path.join(dir, file), yaml);
    if (file !== 'metrics-agent.yaml') expect((await mirror(cp, node, yaml)).accepted).toBe(true);
  }
});
afterAll(() => {
  cp.close();
  rmSync(dir, { recursive: true, force: true });
});

const commands: [string, string[]][] = [
  ['--help', ['--help']],
  ['list --help', ['list', '--help']],
  ['version', ['version']],
  ['list --manifests', ['list', '--manifests', 'examples/manifests', '--node', 'cp-1']],
  ['list --manifests -o yaml', ['list', '--manifests', 'examples/manifests', '--node', 'cp-1', '-o', 'yaml']],
  ['check (findings: 1)', ['check', 'examples/manifests']],
  ['check -o sarif', ['check', 'examples/manifests', '-o', 'sarif']],
  ['check of a clean file', ['check', 'examples/manifests/etcd.yaml']],
  ['to-daemonset -f', ['to-daemonset', '-f', 'examples/manifests/metrics-agent.yaml']],
  ['migrate --help', ['migrate', '--help']],
  ['list (cluster)', ['list', '-n', '<ns>', '-o', 'wide']],
  ['list --group (cluster)', ['list', '-n', '<ns>', '--group', '-o', 'yaml']],
  ['list --drift (cluster)', ['list', '--manifests', '<dir>', '--node', '<node>', '--drift']],
  ['export (cluster)', ['export', '--node', '<node>']],
  ['to-daemonset by name (cluster)', ['to-daemonset', 'etcd-<node>', '-n', '<ns>', '--force']],
];
const entries: Entry[] = ['bin', 'dist', 'bundle-oclif'];

describe.each(entries)('a reader that closes the pipe early, through %s', (entry) => {
  it.each(commands)('%s ends quietly with its own exit code', async (_name, template) => {
    const argv = template.map((a) => a.replace('<ns>', ns).replace('<node>', node).replace('<dir>', dir));
    const whole = await runProcess(argv, { entry, env, cwd: REPO });
    expect(whole.stdout.length, 'the command prints something').toBeGreaterThan(0);
    const closed = await runProcess(argv, { entry, env, cwd: REPO, closeStdout: true });
    expect(closed.stderr).toBe(whole.stderr);
    expect(closed.code).toBe(whole.code);
  });
});
