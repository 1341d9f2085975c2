import { describe, expect, it } from 'vitest';
import { baseEnv, REPO, runProcess } from '../helpers/run.js';

/**
 * bin/run.js answers --help and the node-local commands without loading oclif (docs/cli.md,
 * "Start-up"). Whatever it prints must be what oclif prints: each argv runs through the fast
 * path and through bundle/oclif.js (the same bundle, all through oclif), and both must agree.
 */
const CASES: readonly (readonly string[])[] = [
  [],
  ['--help'],
  ['-h'],
  ['list', '--help'],
  ['check', '--help'],
  ['to-daemonset', '--help'],
  ['list', '--manifests', 'examples/manifests', '--node', 'cp-1'],
  ['list', '--manifests=examples/manifests', '--node=cp-1', '-o', 'wide', '--no-headers'],
  ['list', '--manifests', 'examples/manifests', '-o', 'json'],
  [
    'list',
    '--manifests',
    'examples/manifests',
    '--node',
    'cp-1',
    '-o',
    'yaml',
    '--kubernetes-version',
    '1.33',
  ],
  ['list', '--manifests', 'examples/manifests', '--node', 'cp-1', '-o', 'jsonpath={.items[*].file}'],
  ['list', '--manifests', 'examples/manifests', '--node', 'cp-1', '-o', 'xml'],
  ['list', '--manifests', '/nonexistent', '--node', 'cp-1'],
  ['list', '--manifests', 'examples/manifests', '--node'],
  ['list', '--manifests', 'examples/manifests', '--kubernetes-version', '2.0'],
  ['check', 'examples/manifests'],
  ['check', 'examples/manifests', '-o', 'sarif'],
  ['check', 'examples/manifests', '-o', 'junit', '--disable', 'SP036', '--disable', 'SP030'],
  ['check', '-', '--node', 'cp-1', '-o', 'json'],
  ['check', 'examples/manifests', '--fail-on', 'warning', '--kubernetes-version', '1.31'],
  ['check', 'examples/manifests', '-o', 'xml'],
  ['check', '/nonexistent'],
  ['check'],
  ['version'],
  ['version', '-o', 'json'],
  ['version', '-o', 'yaml'],
  ['version', '-o', 'name'],
  ['version', 'extra'],
];

describe('the fast path prints what oclif prints', () => {
  const env = baseEnv({ OCLIF_COLUMNS: undefined });
  it.each(CASES.map((argv) => [argv.join(' ') || '(no arguments)', argv] as const))('%s', async (_, argv) => {
    const stdin =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {containers: [{name: c, image: i}]}\n';
    const [fast, oclif] = await Promise.all([
      runProcess(argv, { cwd: REPO, env, stdin }),
      runProcess(argv, { cwd: REPO, env, stdin, entry: 'bundle-oclif' }),
    ]);
    expect(fast).toEqual(oclif);
  });
});

describe('the fast path does not load oclif', () => {
  it('--help, version, list --manifests and check work with every oclif chunk removed from a copy of the bundle', async () => {
    const { cpSync, mkdtempSync, readFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { APP } = await import('../helpers/run.js');
    const copy = mkdtempSync(path.join(tmpdir(), 'ksp-no-oclif-'));
    for (const part of ['bin', 'bundle', 'package.json'])
      cpSync(`${APP}${part}`, path.join(copy, part), { recursive: true });
    const meta = JSON.parse(readFileSync(`${APP}bundle/meta.json`, 'utf8')) as {
      outputs: Record<string, { inputs: Record<string, unknown> }>;
    };
    let removed = 0;
    for (const [file, output] of Object.entries(meta.outputs)) {
      if (Object.keys(output.inputs).some((i) => i.includes('@oclif/core') || i.endsWith('dist/cli.js'))) {
        rmSync(path.join(copy, 'bundle', path.basename(file)));
        removed++;
      }
    }
    expect(removed).toBeGreaterThan(1);
    const run = (argv: string[]) =>
      runProcess(argv, { command: process.execPath, cwd: REPO, env: baseEnv() }).then((r) => r);
    const bin = path.join(copy, 'bin/run.js');
    const help = await run([bin, '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('$ kubectl staticpods [COMMAND]');
    const list = await run([bin, 'list', '--manifests', 'examples/manifests', '--node', 'cp-1']);
    expect(list).toMatchObject({ code: 0, stderr: '' });
    expect(list.stdout).toMatch(/^etcd\.yaml\s+kube-system\s+etcd\s+etcd-cp-1\s+loaded$/m);
    expect((await run([bin, 'check', 'examples/manifests'])).code).toBe(1);
    const version = await run([bin, 'version']);
    expect(version).toMatchObject({ code: 0, stderr: '' });
    expect(version.stdout).toMatch(/^kubectl-staticpods \d+\.\d+\.\d+ /);
    // Anything else needs oclif, which is gone: proof that the four above never touched it.
    expect((await run([bin, 'version', '--bogus'])).code).not.toBe(0);
    rmSync(copy, { recursive: true, force: true });
  });
});
