import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureBinaries } from '@staticpods/testkube';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP, INSTALLED_PLUGIN_CHECK, REPO, runProcess } from '../helpers/run.js';

/**
 * The real kubectl runs the plugin: the machine's kubectl (v1.32) where there is one, else the
 * v1.37.2 kubectl built for the test cluster. No cluster needed.
 */
const SYSTEM_KUBECTL = '/usr/bin/kubectl';
let KUBECTL = SYSTEM_KUBECTL;
const prefix = mkdtempSync(path.join(tmpdir(), 'ksp-global-'));
const bin = path.join(prefix, 'bin');
const env = () => ({ PATH: `${bin}:${process.env.PATH}`, HOME: '/nonexistent-home', NO_COLOR: '1' });
const kubectl = (argv: string[]) => runProcess(argv, { command: KUBECTL, env: env(), cwd: REPO });

describe('as a kubectl plugin, installed with npm install -g', () => {
  beforeAll(async () => {
    if (!existsSync(SYSTEM_KUBECTL)) KUBECTL = (await ensureBinaries()).kubectl;
    // What a user does: pack the published files and install them globally; npm puts an
    // executable kubectl-staticpods on PATH (the package has no runtime dependencies to fetch).
    const tgz = execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', prefix], {
      cwd: APP,
      encoding: 'utf8',
    }).trim();
    execFileSync(
      'npm',
      ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', path.join(prefix, tgz)],
      { stdio: 'ignore' },
    );
  }, 120_000);
  afterAll(() => rmSync(prefix, { recursive: true, force: true }));

  it('npm install -g puts kubectl-staticpods on PATH', () => {
    expect(existsSync(path.join(bin, 'kubectl-staticpods'))).toBe(true);
  });

  it('npm install -g puts kubectl_complete-staticpods on PATH, and kubectl completes through it', async () => {
    expect(existsSync(path.join(bin, 'kubectl_complete-staticpods'))).toBe(true);
    const r = await kubectl(['__complete', 'staticpods', 'check', '-o', 's']);
    expect(r.stdout).toBe('sarif\n:4\n');
  });

  it('kubectl plugin list finds it', async () => {
    const r = await kubectl(['plugin', 'list']);
    expect(r.stdout).toContain(path.join(bin, 'kubectl-staticpods'));
  });

  it('kubectl staticpods --help prints the plugin help', async () => {
    const r = await kubectl(['staticpods', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('$ kubectl staticpods [COMMAND]');
  });

  it('kubectl staticpods list --manifests works with no cluster', async () => {
    expect(await kubectl([...INSTALLED_PLUGIN_CHECK.argv])).toEqual(INSTALLED_PLUGIN_CHECK.result);
  });

  it('flags after the plugin name reach the plugin (kubectl rejects them before it)', async () => {
    const before = await kubectl(['-n', 'kube-system', 'staticpods', 'list']);
    expect(before.stderr).toContain('flags cannot be placed before plugin name: -n');
    const after = await kubectl([
      'staticpods',
      'list',
      '-n',
      'kube-system',
      '--kubeconfig',
      '/nonexistent/kubeconfig',
    ]);
    expect(after.code).toBe(2);
    expect(after.stderr).toBe(
      'error: kubeconfig "/nonexistent/kubeconfig" does not exist: check the path given to --kubeconfig\n',
    );
  });

  it('exit codes pass through kubectl', async () => {
    expect((await kubectl(['staticpods', 'check', 'examples/manifests'])).code).toBe(1);
    expect((await kubectl(['staticpods', 'check', 'examples/manifests/etcd.yaml'])).code).toBe(0);
    expect((await kubectl(['staticpods', 'nope'])).code).toBe(2);
  });
});
