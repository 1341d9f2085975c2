import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runInProcess, runProcess } from '../helpers/run.js';

const opts = { cwd: REPO };

describe('list --manifests (no cluster)', () => {
  it('shows what the kubelet does with each file (golden)', async () => {
    const r = await runInProcess(['list', '--manifests', 'examples/manifests', '--node', 'cp-1'], opts);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    await expect(r.stdout).toMatchFileSnapshot('../golden/list-manifests.txt');
  });

  it('-l and -n filter the files by the labels and namespace of their Pods, through both entry points', async () => {
    const argv = ['list', '--manifests', 'examples/manifests', '--node', 'cp-1', '-o', 'name'];
    for (const run of [runInProcess, (a: readonly string[]) => runProcess(a, opts)]) {
      const byLabel = await run([...argv, '-l', 'component in (etcd,kube-scheduler)'], opts);
      expect(byLabel).toMatchObject({ code: 0, stdout: 'pod/etcd-cp-1\npod/kube-scheduler-cp-1\n' });
      const notControlPlane = await run([...argv, '-l', 'tier!=control-plane'], opts);
      expect(notControlPlane.stdout).not.toContain('etcd');
      const inNamespace = await run([...argv, '-n', 'kube-system', '-l', 'component=etcd'], opts);
      expect(inNamespace.stdout).toBe('pod/etcd-cp-1\n');
      const otherNamespace = await run([...argv, '-n', 'nowhere'], opts);
      expect(otherNamespace).toMatchObject({ code: 0, stdout: '' });
      const all = await run([...argv, '-A', '-l', 'component=etcd'], opts);
      expect(all.stdout).toBe('pod/etcd-cp-1\n');
    }
    const bad = await runInProcess([...argv, '-l', 'a b'], opts);
    expect(bad).toMatchObject({ code: 2 });
    expect(bad.stderr).toMatch(/^error: unable to parse requirement "a b"/);
  });

  it("defaults --node to this host's name, lower-cased, and says so", async () => {
    const r = await runInProcess(['list', '--manifests', 'examples/manifests'], opts);
    const node = hostname().toLowerCase();
    expect(r.stderr).toBe(
      `note: mirror names are for node "${node}", this host's name; pass --node to choose the node\n`,
    );
    expect(r.stdout).toContain(`etcd-${node}`);
  });

  it('-o wide adds the entry type and the node', async () => {
    const r = await runInProcess(
      ['list', '--manifests', 'examples/manifests', '--node', 'cp-1', '-o', 'wide'],
      opts,
    );
    expect(r.stdout.split('\n')[0]).toMatch(
      /^FILE\s+NAMESPACE\s+STATIC NAME\s+MIRROR NAME\s+TYPE\s+NODE\s+STATUS\s+REASON$/,
    );
    expect(r.stdout).toMatch(/etcd-cp-1\s+file\s+cp-1\s+loaded/);
  });

  it('an upper-case node name is one the kubelet refuses (spec.nodeName must be lower case)', async () => {
    const r = await runInProcess(
      ['list', '--manifests', 'examples/manifests/etcd.yaml', '--node', 'CP-1'],
      opts,
    );
    expect(r.stdout).toMatch(/etcd-cp-1\s+invalid\s+invalid pod: \[spec.nodeName: Invalid value: "CP-1"/);
  });

  it('-o json is the documented StaticPodPath object', async () => {
    const r = await runInProcess(
      [
        'list',
        '--manifests',
        'examples/manifests',
        '--node',
        'cp-1',
        '-o',
        'json',
        '--kubernetes-version',
        '1.33',
      ],
      opts,
    );
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      apiVersion: 'kubectl-staticpods/v1',
      kind: 'StaticPodPath',
      path: 'examples/manifests',
      node: 'cp-1',
      nodeFrom: 'flag',
      kubernetesVersion: '1.33',
    });
    const agent = doc.items.find((i: { file: string }) => i.file === 'metrics-agent.yaml');
    // Before 1.34 the kubelet ran it, and the API server refused its mirror Pod.
    expect(agent).toMatchObject({
      status: 'loaded',
      mirrorName: 'metrics-agent-cp-1',
      mirrorAdmission: {
        accepted: false,
        message: 'pods "metrics-agent-cp-1" is forbidden: a mirror pod may not reference secrets',
      },
    });
    expect(doc.items.find((i: { file: string }) => i.file === 'kube-apiserver.yaml')).toMatchObject({
      status: 'shadowed',
      shadowedBy: 'examples/manifests/kube-apiserver.yaml.bak',
    });
  });

  it('-o name, jsonpath and custom-columns work on the document', async () => {
    const name = await runInProcess(
      ['list', '--manifests', 'examples/manifests', '--node', 'cp-1', '-o', 'name'],
      opts,
    );
    expect(name.stdout).toBe(
      'pod/etcd-cp-1\npod/kube-apiserver-cp-1\npod/kube-controller-manager-cp-1\npod/kube-scheduler-cp-1\n',
    );
    const jp = await runInProcess(
      [
        'list',
        '--manifests',
        'examples/manifests',
        '--node',
        'cp-1',
        '-o',
        'jsonpath={.items[?(@.status=="invalid")].file}',
      ],
      opts,
    );
    expect(jp.stdout).toBe('metrics-agent.yaml');
    const cc = await runInProcess(
      [
        'list',
        '--manifests',
        'examples/manifests',
        '--node',
        'cp-1',
        '-o',
        'custom-columns=FILE:.file,STATUS:.status',
        '--no-headers',
      ],
      opts,
    );
    expect(cc.stdout.split('\n')[0]).toBe('etcd.yaml                      loaded');
  });

  it('reports dot-files, subdirectories and dangling links as the kubelet skips them', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ksp-manifests-'));
    writeFileSync(path.join(dir, '.etcd.yaml.swp'), 'x');
    mkdirSync(path.join(dir, 'old'));
    symlinkSync('/nonexistent/target.yaml', path.join(dir, 'gone.yaml'));
    const r = await runInProcess(['list', '--manifests', dir, '--node', 'n'], opts);
    rmSync(dir, { recursive: true, force: true });
    expect(r.stdout).toBe(
      [
        'FILE             NAMESPACE   STATIC NAME   MIRROR NAME   STATUS    REASON',
        '.etcd.yaml.swp   <none>      <none>        <none>        ignored   names starting with "." are skipped',
        `gone.yaml        <none>      <none>        <none>        ignored   stat ${dir}/gone.yaml: no such file or directory`,
        'old              <none>      <none>        <none>        ignored   subdirectories are not read',
        '',
      ].join('\n'),
    );
  });

  it('a path that does not exist is an error (exit 2)', async () => {
    const r = await runInProcess(['list', '--manifests', '/nonexistent/manifests', '--node', 'n'], opts);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "error: /nonexistent/manifests: no such file or directory: pass the kubelet's staticPodPath (kubeadm: /etc/kubernetes/manifests)\n",
    });
  });

  it('needs no kubeconfig, and the same output comes from every entry point', async () => {
    const argv = ['list', '--manifests', 'examples/manifests', '--node', 'cp-1'];
    const [bin, dist, oclif] = await Promise.all([
      runProcess(argv, { cwd: REPO }),
      runProcess(argv, { cwd: REPO, entry: 'dist' }),
      runProcess(argv, { cwd: REPO, entry: 'bundle-oclif' }),
    ]);
    expect(bin.code).toBe(0);
    expect(dist).toEqual(bin);
    expect(oclif).toEqual(bin);
  });
});
