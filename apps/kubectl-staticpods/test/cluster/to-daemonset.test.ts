import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureNamespace, uniqueName } from '@staticpods/testkube';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { controlPlane, mirror, nodes } from '../helpers/cluster.js';
import { baseEnv, pluginOnPath, REPO, runInProcess, runProcess } from '../helpers/run.js';

const cp = controlPlane();
const ns = uniqueName('ksp-ds');
const run = ns.slice(-6);
const [n1, n2] = [`w1-${run}`, `w2-${run}`];
const dir = mkdtempSync(path.join(tmpdir(), 'ksp-to-ds-'));
const env = baseEnv({ KUBECONFIG: cp.adminKubeconfig });

function exporter(namespace: string): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: node-exporter',
    `  namespace: ${namespace}`,
    '  labels: {app.kubernetes.io/name: node-exporter}',
    'spec:',
    '  hostNetwork: true',
    '  containers:',
    '  - name: node-exporter',
    '    image: quay.io/prometheus/node-exporter:v1.8.2',
    '    args: [--path.rootfs=/host]',
    '    ports: [{containerPort: 9100, hostPort: 9100}]',
    '    volumeMounts: [{name: root, mountPath: /host, readOnly: true}]',
    '  volumes: [{name: root, hostPath: {path: /}}]',
    '',
  ].join('\n');
}

beforeAll(async () => {
  await ensureNamespace(cp, ns);
  await nodes(cp, [n1, n2]);
  for (const node of [n1, n2]) expect((await mirror(cp, node, exporter(ns))).accepted).toBe(true);
  writeFileSync(path.join(dir, 'node-exporter.yaml'), exporter(ns));
  writeFileSync(path.join(dir, 'in-missing-namespace.yaml'), exporter(`${ns}-missing`));
});
afterAll(() => {
  cp.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('to-daemonset from files', () => {
  it('prints the DaemonSet as YAML, the notes on stderr', async () => {
    const r = await runInProcess(['to-daemonset', '-f', path.join(dir, 'node-exporter.yaml')], { env });
    expect(r.code).toBe(0);
    const ds = parse(r.stdout);
    expect(ds).toMatchObject({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'node-exporter', namespace: ns },
    });
    expect(r.stderr).toMatch(/node-exporter\.yaml: (info|warning) [a-z-]+/);
    expect(r.stderr).not.toMatch(/keepKubeletToleration|cutoverGate: false|keepDnsPolicy/);
  });

  it('--dry-run=server: the API server validates and admits it, and stores nothing', async () => {
    const r = await runInProcess(
      ['to-daemonset', '-f', path.join(dir, 'node-exporter.yaml'), '--dry-run=server'],
      { env },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('daemonset.apps/node-exporter created (server dry run)\n');
    const got = await cp
      .client('admin')
      .request('GET', `/apis/apps/v1/namespaces/${ns}/daemonsets/node-exporter`);
    expect(got.status).toBe(404);
  });

  it('--dry-run=server reports a rejection per object (exit 1)', async () => {
    const r = await runInProcess(['to-daemonset', '-f', dir, '--dry-run=server'], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('daemonset.apps/node-exporter created (server dry run)\n');
    expect(r.stderr).toContain(
      `error: daemonset.apps/node-exporter in namespace ${ns}-missing rejected by the API server (404 NotFound): namespaces "${ns}-missing" not found`,
    );
  });

  it('-o json with --dry-run=server prints the object as the server defaulted it', async () => {
    const r = await runInProcess(
      ['to-daemonset', '-f', path.join(dir, 'node-exporter.yaml'), '--dry-run=server', '-o', 'json'],
      { env },
    );
    const ds = JSON.parse(r.stdout);
    expect(ds.metadata.uid).toBeTruthy();
    expect(ds.spec.revisionHistoryLimit).toBe(10);
  });

  it('control-plane components are refused without --force (the bootstrap guard), converted with it', async () => {
    const refused = await runInProcess(['to-daemonset', '-f', 'examples/manifests/etcd.yaml'], {
      env,
      cwd: REPO,
    });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(
      /^examples\/manifests\/etcd\.yaml: error bootstrap-component: "etcd" is the control-plane component etcd\..* Keep it a static Pod\. Pass --force to convert it anyway\.$/m,
    );
    const forced = await runInProcess(
      ['to-daemonset', '-f', 'examples/manifests/etcd.yaml', '--force', '--placement', 'control-plane'],
      { env, cwd: REPO },
    );
    expect(forced.code).toBe(0);
    expect(forced.stderr).toMatch(/warning bootstrap-component-forced/);
    expect(parse(forced.stdout).spec.template.spec.nodeSelector).toMatchObject({
      'node-role.kubernetes.io/control-plane': '',
    });
  });

  it('reads stdin with -f -, and --plan prints the cut-over plan', async () => {
    const r = await runInProcess(['to-daemonset', '-f', '-', '--plan', '--placement', `nodes=${n1},${n2}`], {
      env,
      stdin: exporter(ns),
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Cut-over plan: static Pod → DaemonSet ${ns}/node-exporter$`, 'm'));
    expect(r.stdout).toContain(`Node ${n1}:`);
  });

  it('--output-dir writes one file per DaemonSet atomically, and never overwrites a different file unless asked', async () => {
    const out = path.join(dir, 'out');
    const argv = ['to-daemonset', '-f', path.join(dir, 'node-exporter.yaml'), '--output-dir', out];
    const first = await runInProcess(argv, { env });
    const file = path.join(out, `${ns}.node-exporter.yaml`);
    expect(first.code).toBe(0);
    // One line per file on stdout, as export prints them.
    expect(first.stdout).toBe(`${file} created\n`);
    expect(parse(readFileSync(file, 'utf8')).kind).toBe('DaemonSet');
    expect((await runInProcess(argv, { env })).stdout).toBe(`${file} unchanged\n`);
    writeFileSync(file, '# edited by hand\n');
    const refused = await runInProcess(argv, { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `error: ${file} already exists with other content: pass --overwrite to replace it, or choose another --output-dir`,
    );
    expect(readFileSync(file, 'utf8')).toBe('# edited by hand\n');
    expect((await runInProcess([...argv, '--overwrite'], { env })).stdout).toBe(`${file} replaced\n`);
    expect(readFileSync(file, 'utf8')).toMatch(/^apiVersion: apps\/v1\n/);
  });
});

describe('to-daemonset from mirror Pods', () => {
  it('by name: one DaemonSet for the static Pod on every node it runs on, checked by the server', async () => {
    const r = await runInProcess(['to-daemonset', `pod/node-exporter-${n1}`, '-n', ns], { env });
    expect(r.code).toBe(0);
    const ds = parse(r.stdout);
    expect(ds.metadata).toMatchObject({ name: 'node-exporter', namespace: ns });
    const terms =
      ds.spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution
        .nodeSelectorTerms;
    expect(terms[0].matchExpressions[0]).toEqual({
      key: 'kubernetes.io/hostname',
      operator: 'In',
      values: [n1, n2],
    });
    expect(r.stderr).toContain(`mirror ${ns}/node-exporter (2 nodes):`);
    const dry = await runInProcess(['to-daemonset', `node-exporter-${n2}`, '-n', ns, '--dry-run=server'], {
      env,
    });
    expect(dry).toMatchObject({ code: 0, stdout: 'daemonset.apps/node-exporter created (server dry run)\n' });
  });

  it('-n converts every static Pod of the namespace', async () => {
    const r = await runInProcess(['to-daemonset', '-n', ns, '-o', 'json'], { env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).kind).toBe('DaemonSet');
  });

  it('a name that is not a mirror Pod is an error (exit 2)', async () => {
    const r = await runInProcess(['to-daemonset', 'nope', '-n', ns], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `error: mirror Pod "nope" not found in namespace "${ns}": list mirror Pods with "kubectl staticpods list"\n`,
    );
  });
});

describe('export', () => {
  it('turns a mirror Pod back into a clean manifest that check accepts', async () => {
    const r = await runInProcess(['export', `node-exporter-${n1}`, '-n', ns], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      new RegExp(`^note: pod/node-exporter-${n1} → node-exporter: removed or reset \\d+ fields`),
    );
    const manifest = parse(r.stdout);
    expect(manifest.metadata.name).toBe('node-exporter');
    expect(manifest.spec.nodeName).toBeUndefined();
    expect(JSON.stringify(manifest)).not.toMatch(
      /kubernetes\.io\/config\.|ownerReferences|resourceVersion|"status"/,
    );
    const check = await runInProcess(['check', '-', '--node', n1], { env, stdin: r.stdout });
    expect(check.stdout).not.toMatch(/SP044|SP009/);
  });

  it('writes YAML the kubelet reads back as the same Pod: "yes", "on", "0644" stay strings', async () => {
    const manifest = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: yaml11',
      `  namespace: ${ns}-y`,
      '  labels: {enabled: "yes", mode: "0644", "on": "y"}',
      '  annotations: {retries: "1e3", when: "2026-01-02T03:04:05Z", empty: "~"}',
      'spec:',
      '  containers:',
      '  - name: c',
      '    image: registry.k8s.io/pause:3.10',
      '    args: ["no", "1_000", "0x1F"]',
      '',
    ].join('\n');
    await ensureNamespace(cp, `${ns}-y`);
    expect((await mirror(cp, n1, manifest)).accepted).toBe(true);
    const out = path.join(dir, 'yaml11');
    const r = await runInProcess(['export', `yaml11-${n1}`, '-n', `${ns}-y`, '--output-dir', out], { env });
    expect(r).toMatchObject({ code: 0, stdout: `${path.join(out, 'yaml11.yaml')} created\n` });
    const text = readFileSync(path.join(out, 'yaml11.yaml'), 'utf8');
    expect(text).toContain('enabled: "yes"');
    // The kubelet's own file source reads the exported file and runs the same values.
    const { runKubeletOracle } = await import('@staticpods/testkube');
    const [pod] = (await runKubeletOracle(inject('testkube').binaries, out, n1)).pods;
    expect(pod?.metadata?.labels).toMatchObject({ enabled: 'yes', mode: '0644', on: 'y' });
    expect(pod?.metadata?.annotations).toMatchObject({
      retries: '1e3',
      when: '2026-01-02T03:04:05Z',
      empty: '~',
    });
    expect((pod?.spec as { containers: { args?: string[] }[] } | undefined)?.containers[0]?.args).toEqual([
      'no',
      '1_000',
      '0x1F',
    ]);
    const check = await runInProcess(['check', out, '--node', n1], { env });
    expect(check.stdout).not.toMatch(/SP009|SP038/);
  });

  it('--node writes the manifests of a node into a directory', async () => {
    const out = path.join(dir, 'exported');
    const r = await runInProcess(['export', '--node', n2, '--output-dir', out], { env });
    expect(r.code).toBe(0);
    expect(existsSync(path.join(out, 'node-exporter.yaml'))).toBe(true);
    expect(parseAllDocuments(readFileSync(path.join(out, 'node-exporter.yaml'), 'utf8'))).toHaveLength(1);
  });
});

describe('through the kubectl built for the test control plane (v1.37)', () => {
  it('kubectl staticpods to-daemonset --dry-run=server and list, flags after the plugin name', async () => {
    // The kubectl built with the control plane (what testkube's ensureBinaries() returns).
    const { kubectl } = inject('testkube').binaries;
    const bin = pluginOnPath();
    const kenv = { PATH: `${bin}:${process.env.PATH}`, HOME: '/nonexistent-home', NO_COLOR: '1' };
    const dry = await runProcess(
      [
        'staticpods',
        'to-daemonset',
        '-f',
        path.join(dir, 'node-exporter.yaml'),
        '--dry-run=server',
        '--kubeconfig',
        cp.adminKubeconfig,
      ],
      { command: kubectl, env: kenv },
    );
    expect(dry).toMatchObject({ code: 0, stdout: 'daemonset.apps/node-exporter created (server dry run)\n' });
    const list = await runProcess(
      ['staticpods', 'list', '-n', ns, '--kubeconfig', cp.adminKubeconfig, '-o', 'name'],
      { command: kubectl, env: kenv },
    );
    expect(list).toMatchObject({ code: 0, stdout: `pod/node-exporter-${n1}\npod/node-exporter-${n2}\n` });
    const missing = await runProcess(
      [
        'staticpods',
        'to-daemonset',
        '-f',
        path.join(dir, 'in-missing-namespace.yaml'),
        '--dry-run=server',
        '--kubeconfig',
        cp.adminKubeconfig,
      ],
      { command: kubectl, env: kenv },
    );
    expect(missing.code).toBe(1);
    rmSync(bin, { recursive: true, force: true });
  });
});
