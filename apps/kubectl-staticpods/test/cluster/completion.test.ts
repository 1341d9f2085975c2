import { execFileSync } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureNamespace, uniqueName } from '@staticpods/testkube';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { COMMAND_SPECS } from '../../src/registry.js';
import { controlPlane, exampleManifest, mirror, nodes } from '../helpers/cluster.js';
import { pluginOnPath, REPO, runProcess } from '../helpers/run.js';

/**
 * Shell completion through the real kubectl (v1.37.2, built for the test control plane):
 * `kubectl __complete staticpods …` is what the shell scripts of `kubectl completion bash|zsh|fish`
 * call on TAB. kubectl finds kubectl_complete-staticpods on PATH, runs it with the words after
 * the plugin name, and prints its completions and the `:<directive>` line; namespaces, nodes
 * and mirror Pods come from the real API server.
 */
const cp = controlPlane();
const ns = uniqueName('ksp-comp');
const run = ns.slice(-6);
const [n1, n2] = [`cp1-${run}`, `cp2-${run}`];
const bin = pluginOnPath();
const { kubectl } = inject('testkube').binaries;

function env(extra: Record<string, string> = {}) {
  return {
    PATH: `${bin}:${process.env.PATH}`,
    HOME: '/nonexistent-home',
    KUBECONFIG: cp.adminKubeconfig,
    ...extra,
  };
}

/** `kubectl __complete staticpods …words`: the completions (without descriptions) and the directive. */
async function tab(words: string[], extra: Record<string, string> = {}) {
  const r = await runProcess(['__complete', 'staticpods', ...words], {
    command: kubectl,
    env: env(extra),
    cwd: REPO,
  });
  expect(r.code).toBe(0);
  const lines = r.stdout.split('\n').filter((l) => l !== '');
  const directive = lines.pop();
  return {
    values: lines.map((l) => l.split('\t')[0]),
    lines,
    directive,
    stderr: r.stderr,
  };
}

beforeAll(async () => {
  await ensureNamespace(cp, ns);
  await nodes(cp, [n1, n2]);
  for (const node of [n1, n2])
    for (const file of ['etcd.yaml', 'kube-scheduler.yaml'])
      expect((await mirror(cp, node, exampleManifest(file, { namespace: ns }))).accepted).toBe(true);
});
afterAll(() => {
  cp.close();
  rmSync(bin, { recursive: true, force: true });
});

describe('kubectl staticpods <TAB>, through the real kubectl', () => {
  it('the commands, with their summaries; no file names', async () => {
    const r = await tab(['']);
    // Every command of the one registry, in its order (test/unit/cli-layer.test.ts pins the list).
    expect(r.values).toEqual(COMMAND_SPECS.map((c) => c.id));
    expect(r.lines[0]).toBe('list\tList mirror Pods, or the files of a staticPodPath.');
    expect(r.directive).toBe(':4');
    expect((await tab(['to'])).values).toEqual(['to-daemonset']);
  });

  it('flags once the word starts with -, a flag already given is not offered again', async () => {
    const r = await tab(['list', '--n']);
    expect(r.values).toEqual(['--node', '--node-path', '--namespace', '--no-headers']);
    const short = await tab(['list', '-']);
    expect(short.values).toEqual(expect.arrayContaining(['-n', '-o', '-A', '-l', '--manifests', '--help']));
    const again = await tab(['list', '-o', 'json', '--']);
    expect(again.values).not.toContain('--output');
    expect(again.values).toContain('--manifests');
    // --disable repeats, so it is offered again.
    expect((await tab(['check', '--disable', 'SP002', '--dis'])).values).toEqual(['--disable']);
  });

  it('-o: the formats of each command; a template format takes no space after it', async () => {
    expect((await tab(['check', '-o', ''])).values).toEqual(['text', 'json', 'yaml', 'sarif', 'junit']);
    expect((await tab(['version', '--output', 'y'])).values).toEqual(['yaml']);
    const list = await tab(['list', '-o', '']);
    expect(list.values).toEqual(
      expect.arrayContaining([
        'wide',
        'json',
        'yaml',
        'name',
        'jsonpath=',
        'jsonpath-as-json=',
        'custom-columns=',
      ]),
    );
    expect(await tab(['list', '-o', 'jsonp'])).toMatchObject({
      values: ['jsonpath=', 'jsonpath-as-json='],
      directive: ':6',
    });
    expect((await tab(['to-daemonset', '--output=j'])).values).toEqual(['--output=json']);
  });

  it('-n: the namespaces of the cluster', async () => {
    const r = await tab(['list', '-n', '']);
    expect(r.values).toEqual(expect.arrayContaining(['default', 'kube-system', ns]));
    expect(r.directive).toBe(':4');
    expect((await tab(['list', '--namespace', ns.slice(0, -2)])).values).toEqual([ns]);
  });

  it('--node: the nodes of the cluster', async () => {
    const r = await tab(['list', '--manifests', 'examples/manifests', '--node', `cp1-${run.slice(0, 3)}`]);
    expect(r.values).toEqual([n1]);
    expect((await tab(['check', '--node', ''])).values).toEqual(expect.arrayContaining([n1, n2]));
  });

  it('mirror Pod names for export and to-daemonset, in the namespace given with -n', async () => {
    const r = await tab(['export', '-n', ns, '']);
    expect([...r.values].sort()).toEqual([
      `etcd-${n1}`,
      `etcd-${n2}`,
      `kube-scheduler-${n1}`,
      `kube-scheduler-${n2}`,
    ]);
    expect(r.lines).toContain(`etcd-${n1}\tstatic Pod ${ns}/etcd on ${n1}`);
    expect((await tab(['to-daemonset', '--namespace', ns, 'kube-'])).values.sort()).toEqual([
      `kube-scheduler-${n1}`,
      `kube-scheduler-${n2}`,
    ]);
    // Without -n: the context's namespace, as the command itself would use.
    const kubeconfig = path.join(bin, 'kubeconfig');
    copyFileSync(cp.adminKubeconfig, kubeconfig);
    execFileSync(kubectl, [
      'config',
      'set-context',
      '--current',
      `--namespace=${ns}`,
      `--kubeconfig=${kubeconfig}`,
    ]);
    expect((await tab(['export', 'etcd-'], { KUBECONFIG: kubeconfig })).values.sort()).toEqual([
      `etcd-${n1}`,
      `etcd-${n2}`,
    ]);
  });

  it('contexts, clusters and users from the kubeconfig; --kubeconfig typed on the line is used', async () => {
    const contexts = execFileSync(kubectl, ['config', 'get-contexts', '-o', 'name'], {
      env: env(),
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean);
    expect(contexts.length).toBeGreaterThan(0);
    expect((await tab(['list', '--context', ''])).values).toEqual(contexts);
    const withFlag = await tab(['list', '--kubeconfig', cp.adminKubeconfig, '-n', ''], { KUBECONFIG: '' });
    expect(withFlag.values).toContain(ns);
    // No kubeconfig at all: nothing to offer, and nothing printed in the user's terminal.
    const none = await tab(['list', '-n', ''], { KUBECONFIG: '/nonexistent/kubeconfig' });
    expect(none).toMatchObject({ values: [], directive: ':4' });
  });

  it('files and directories are left to the shell', async () => {
    expect((await tab(['check', ''])).directive).toBe(':0');
    expect((await tab(['list', '--manifests', ''])).directive).toBe(':0');
    expect((await tab(['to-daemonset', '-f', ''])).directive).toBe(':0');
    expect((await tab(['export', '--output-dir', ''])).directive).toBe(':16');
  });

  it('Kubernetes versions and rule ids', async () => {
    expect((await tab(['check', '--kubernetes-version', '1.3'])).values).toEqual([
      '1.37',
      '1.36',
      '1.35',
      '1.34',
      '1.33',
      '1.32',
      '1.31',
      '1.30',
    ]);
    expect((await tab(['check', '--disable', 'SP013'])).lines).toEqual(['SP013\tsecret-reference']);
    expect((await tab(['check', '--disable', 'secret-'])).values).toEqual(['secret-reference']);
  });
});
