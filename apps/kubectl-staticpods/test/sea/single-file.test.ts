import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { ensureNamespace, uniqueName } from '@staticpods/testkube';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { controlPlane, exampleManifest, mirror, nodes } from '../helpers/cluster.js';
import { INSTALLED_PLUGIN_CHECK, pluginOnPath, REPO, runProcess } from '../helpers/run.js';

/**
 * The single-file executable on its own: copied into an empty directory that is the only entry
 * of PATH, so there is no Node.js to find (the shell proves it) and no file beside it, and run by
 * the real kubectl (v1.37.2) as a plugin and as its completion helper against the real API
 * server. Its output is compared with the npm entry point's (bin/run.js under Node).
 */
const cp = controlPlane();
const ns = uniqueName('ksp-sea');
const node = `cp-${ns.slice(-6)}`;
const dir = pluginOnPath({ standalone: true });
const { kubectl } = inject('testkube').binaries;
const env = { PATH: dir, HOME: '/nonexistent-home', NO_COLOR: '1', KUBECONFIG: cp.adminKubeconfig };
const viaKubectl = (argv: string[]) => runProcess(argv, { command: kubectl, env, cwd: REPO });

beforeAll(async () => {
  await ensureNamespace(cp, ns);
  await nodes(cp, [node]);
  expect((await mirror(cp, node, exampleManifest('etcd.yaml', { namespace: ns }))).accepted).toBe(true);
});
afterAll(() => {
  cp.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the single-file executable, with no Node.js on PATH', () => {
  it('there is no node to be found on that PATH', () => {
    const r = spawnSync('/bin/sh', ['-c', 'command -v node'], { env });
    expect(r.status).not.toBe(0);
    expect(r.stdout.toString()).toBe('');
  });

  it('kubectl runs it as the plugin: version, list --manifests, check', async () => {
    const version = await viaKubectl(['staticpods', 'version', '-o', 'json']);
    expect(version.code).toBe(0);
    expect(JSON.parse(version.stdout)).toMatchObject({ name: 'kubectl-staticpods' });
    expect(await viaKubectl([...INSTALLED_PLUGIN_CHECK.argv])).toEqual(INSTALLED_PLUGIN_CHECK.result);
    expect((await viaKubectl(['staticpods', 'check', 'examples/manifests'])).code).toBe(1);
  });

  it('kubectl runs it against the API server: list and export of a mirror Pod', async () => {
    const list = await viaKubectl(['staticpods', 'list', '-n', ns, '-o', 'name']);
    expect(list).toMatchObject({ code: 0, stdout: `pod/etcd-${node}\n` });
    const exported = await viaKubectl(['staticpods', 'export', `etcd-${node}`, '-n', ns]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^apiVersion: v1\nkind: Pod\n/);
  });

  it('kubectl completes through it, named kubectl_complete-staticpods', async () => {
    const r = await viaKubectl(['__complete', 'staticpods', 'export', '-n', ns, '']);
    expect(r.stdout).toBe(`etcd-${node}\tstatic Pod ${ns}/etcd on ${node}\n:4\n`);
  });

  it.each([
    ['--help'],
    ['list', '--help'],
    ['check', '--help'],
    ['to-daemonset', '--help'],
    ['export', '--help'],
    ['version', '--help'],
    ['list', '--manifests', 'examples/manifests', '--node', 'cp-1', '-o', 'json'],
    ['check', 'examples/manifests', '-o', 'sarif'],
    ['to-daemonset', '-f', 'examples/manifests/metrics-agent.yaml'],
    ['list', '--bogus'],
    ['nope'],
  ])('prints what the npm entry point prints: %s', async (...argv) => {
    const npmEntry = await runProcess([path.join(REPO, 'apps/kubectl-staticpods/bin/run.js'), ...argv], {
      command: process.execPath,
      env,
      cwd: REPO,
    });
    const single = await runProcess(argv, { command: path.join(dir, 'kubectl-staticpods'), env, cwd: REPO });
    // The VERSION line names the platform and Node version, which are the same here.
    expect(single).toEqual(npmEntry);
  });
});
