import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ensureBinaries,
  ensureNamespace,
  markPodRunning,
  runKubeletOracle,
  uniqueName,
} from '@staticpods/testkube';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { controlPlane, exampleManifest, mirror, nodes, restrictedUser } from '../helpers/cluster.js';
import { baseEnv, normalizeColumns, runInProcess, runProcess } from '../helpers/run.js';

const cp = controlPlane();
const ns = uniqueName('ksp-list');
const run = ns.slice(-6);
const [n1, n2, n3] = [1, 2, 3].map((i) => `cp${i}-${run}`) as [string, string, string];
const label = { 'ksp-test': run };
const env = baseEnv({ KUBECONFIG: cp.adminKubeconfig });
let alice: string;
let manifestsDir: string;
let configMapRefusal: string;

/** Replaces this run's random parts so golden files stay stable. */
const names = (text: string) =>
  text.split(manifestsDir).join('<dir>').split(ns).join('NS').split(run).join('RUN');
const table = (text: string, extra: Record<string, string> = {}) =>
  normalizeColumns(names(text), { AGE: '<age>', IP: '<ip>', 'CONFIG HASH': '<hash>', ...extra });
/** Config hashes in reasons depend on this run's names and paths. */
const hashes = (text: string) => text.replace(/\b[0-9a-f]{32}\b/g, '<hash>');

beforeAll(async () => {
  await ensureNamespace(cp, ns);
  await nodes(cp, [n1, n2, n3]);
  // n1's staticPodPath: etcd in sync; the scheduler's mirror has no file (removed);
  // kube-controller-manager has no mirror; a Pod in a namespace that does not exist; a Pod that
  // references a ConfigMap; and a backup copy of kube-apiserver.yaml that shadows it.
  manifestsDir = mkdtempSync(path.join(tmpdir(), 'ksp-drift-'));
  const put = (name: string, text: string) => writeFileSync(path.join(manifestsDir, name), text);
  put('etcd.yaml', exampleManifest('etcd.yaml', { namespace: ns, labels: label }));
  put('kube-apiserver.yaml', exampleManifest('kube-apiserver.yaml', { namespace: ns, labels: label }));
  put('kube-apiserver.yaml.orig', exampleManifest('kube-apiserver.yaml', { namespace: ns, labels: label }));
  put(
    'kube-controller-manager.yaml',
    exampleManifest('kube-controller-manager.yaml', { namespace: ns, labels: label }),
  );
  put('agent.yaml', agent(`${ns}-missing`, {}));
  put(
    'with-configmap.yaml',
    agent(ns, { volumes: [{ name: 'cfg', configMap: { name: 'settings' } }] }, 'with-configmap'),
  );
  // n1's mirror Pods carry the config hashes the kubelet's own code gives these files (the
  // oracle runs its file source over the directory), as a kubelet reading them there would.
  const oracle = await runKubeletOracle(await ensureBinaries(), manifestsDir, n1);
  const n1Hashes = new Map(oracle.pods.map((p) => [p.metadata?.name, p.metadata?.uid]));
  const manifests = ['etcd.yaml', 'kube-apiserver.yaml', 'kube-scheduler.yaml'];
  for (const node of [n1, n2, n3]) {
    for (const file of manifests) {
      let yaml = exampleManifest(file, { namespace: ns, labels: label });
      // The third node was upgraded first: its kube-apiserver runs a newer image.
      if (node === n3) yaml = yaml.replace('kube-apiserver:v1.33.0', 'kube-apiserver:v1.33.1');
      const name = `${file.replace('.yaml', '')}-${node}`;
      const res = await mirror(cp, node, yaml, node === n1 ? n1Hashes.get(name) : undefined);
      expect(res.accepted, `${file} on ${node}: ${res.message}`).toBe(true);
    }
  }
  // Two nodes run etcd and kube-apiserver; the third is still starting up.
  for (const node of [n1, n2]) {
    await markPodRunning(cp, ns, `etcd-${node}`);
    await markPodRunning(cp, ns, `kube-apiserver-${node}`, { restarts: node === n2 ? 3 : 0 });
  }
  await markPodRunning(cp, ns, `kube-scheduler-${n1}`, { ready: false });
  alice = await restrictedUser(cp, uniqueName('alice'), ns);

  const missing = await mirror(cp, n1, agent(`${ns}-missing`, {}));
  expect(missing).toMatchObject({
    accepted: false,
    status: 404,
    message: `namespaces "${ns}-missing" not found`,
  });
  // What a 1.33 kubelet (which still ran such a Pod) got back when it created the mirror Pod.
  const refused = await mirror(
    cp,
    n1,
    agent(ns, { volumes: [{ name: 'cfg', configMap: { name: 'settings' } }] }, 'with-configmap'),
  );
  expect(refused).toMatchObject({ accepted: false, status: 403 });
  configMapRefusal = refused.message;
});
afterAll(() => {
  cp.close();
  rmSync(manifestsDir, { recursive: true, force: true });
});

function agent(namespace: string, spec: Record<string, unknown>, name = 'agent'): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: label },
    spec: { containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10' }], ...spec },
  });
}

describe('list (cluster)', () => {
  it('prints one row per mirror Pod, like kubectl get pods', async () => {
    const r = await runInProcess(['list', '-l', `ksp-test=${run}`], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    await expect(table(r.stdout)).toMatchFileSnapshot('../golden/list-table.txt');
  });

  it('-o wide adds IP, config hash and source', async () => {
    const r = await runInProcess(['list', '-n', ns, '-o', 'wide'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(
      /^NAME\s+STATIC NAME\s+NODE\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+CONFIG HASH\s+SOURCE$/,
    );
    await expect(table(r.stdout)).toMatchFileSnapshot('../golden/list-wide.txt');
  });

  it('--group shows one row per static Pod across nodes', async () => {
    const r = await runInProcess(['list', '-n', ns, '--group', '-o', 'wide'], { env });
    expect(r.code).toBe(0);
    await expect(table(r.stdout)).toMatchFileSnapshot('../golden/list-group.txt');
    const doc = JSON.parse((await runInProcess(['list', '-n', ns, '--group', '-o', 'json'], { env })).stdout);
    const apiserver = doc.items.find((g: { staticName: string }) => g.staticName === 'kube-apiserver');
    // Node-independent: n1 and n2 run the same content, n3 another (its image was upgraded).
    expect(apiserver.contentVariants.map((v: { nodes: string[] }) => v.nodes)).toEqual([[n1, n2], [n3]]);
    const etcd = doc.items.find((g: { staticName: string }) => g.staticName === 'etcd');
    expect(etcd.contentVariants).toEqual([
      { digest: expect.stringMatching(/^[0-9a-f]{32}$/), nodes: [n1, n2, n3] },
    ]);
    expect(apiserver.differences).toEqual([
      {
        path: 'spec.containers[0].image',
        values: [
          { node: n1, value: 'registry.k8s.io/kube-apiserver:v1.33.0' },
          { node: n2, value: 'registry.k8s.io/kube-apiserver:v1.33.0' },
          { node: n3, value: 'registry.k8s.io/kube-apiserver:v1.33.1' },
        ],
      },
    ]);
  });

  it('-o json prints a v1 List of the Pods with sorted keys', async () => {
    const r = await runInProcess(['list', '-n', ns, '-o', 'json'], { env });
    const doc = JSON.parse(r.stdout) as {
      apiVersion: string;
      kind: string;
      items: { metadata: { name: string; annotations: Record<string, string> } }[];
    };
    expect(Object.keys(doc)).toEqual(['apiVersion', 'items', 'kind', 'metadata']);
    expect(doc.items).toHaveLength(9);
    expect(doc.items.every((p) => p.metadata.annotations['kubernetes.io/config.mirror'])).toBe(true);
    expect(r.stdout).toMatch(/^ {4}"apiVersion": "v1",$/m);
    // As kubectl without --show-managed-fields.
    expect(r.stdout).not.toContain('managedFields');
  });

  it('-o yaml, -o name, jsonpath and custom-columns', async () => {
    const yaml = await runInProcess(['list', '-n', ns, '-o', 'yaml'], { env });
    expect(yaml.stdout).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: v1\n {2}kind: Pod\n/);
    const name = await runInProcess(['list', '-n', ns, '-o', 'name'], { env });
    expect(name.stdout.split('\n').filter(Boolean)).toContain(`pod/etcd-${n1}`);
    const jsonpath = await runInProcess(
      [
        'list',
        '-n',
        ns,
        '-o',
        `jsonpath={range .items[?(@.metadata.labels.component=="etcd")]}{.spec.nodeName}{"\\n"}{end}`,
      ],
      { env },
    );
    expect(jsonpath.stdout).toBe(`${n1}\n${n2}\n${n3}\n`);
    const columns = await runInProcess(
      [
        'list',
        '-n',
        ns,
        '-o',
        'custom-columns=POD:.metadata.name,NODE:.spec.nodeName,PRIORITY:.spec.priorityClassName',
        '-l',
        'component=etcd',
      ],
      { env },
    );
    // Laid out exactly as `kubectl get pods -o custom-columns=…` lays out the same Pods.
    expect(columns.stdout).toBe(
      [
        'POD               NODE         PRIORITY',
        `etcd-${n1}   ${n1}   system-node-critical`,
        `etcd-${n2}   ${n2}   system-node-critical`,
        `etcd-${n3}   ${n3}   system-node-critical`,
        '',
      ].join('\n'),
    );
  });

  it('-o custom-columns and --no-headers lay out like kubectl', async () => {
    const r = await runInProcess(['list', '-n', ns, '--no-headers', '-l', 'component=etcd'], { env });
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(3);
    expect(r.stdout).not.toMatch(/NAME/);
  });

  it('says so when nothing is found', async () => {
    const r = await runInProcess(['list', '-n', ns, '-l', 'nothing=here'], { env });
    expect(r).toEqual({ code: 0, stdout: '', stderr: `No mirror Pods found in namespace ${ns}.\n` });
  });
});

describe('list (restricted user)', () => {
  it('falls back to the context namespace when listing Pods cluster-wide is forbidden', async () => {
    const r = await runInProcess(['list'], { env: baseEnv({ KUBECONFIG: alice }) });
    expect(r.code).toBe(0);
    expect(names(r.stderr)).toBe(
      'warning: cannot list pods at the cluster scope (missing permission: list pods cluster-wide); showing namespace "NS" only — pass -n to choose another\n',
    );
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(10);
  });

  it('-A insists on all namespaces: exit 2 naming the permission', async () => {
    const r = await runInProcess(['list', '-A'], { env: baseEnv({ KUBECONFIG: alice }) });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      'error: cannot list pods at the cluster scope (missing permission: list pods cluster-wide): ask a cluster administrator for that permission, or use a context that has it',
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a namespace without the permission is an error too', async () => {
    const r = await runInProcess(['list', '-n', 'kube-system'], { env: baseEnv({ KUBECONFIG: alice }) });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(
      /^error: cannot list pods in namespace "kube-system" \(missing permission: list pods in namespace kube-system\)/,
    );
  });
});

describe('list --manifests --drift', () => {
  it('explains every gap between the files and the mirror Pods of the node', async () => {
    const r = await runInProcess(['list', '--manifests', manifestsDir, '--node', n1, '--drift'], { env });
    expect(r.code).toBe(0);
    await expect(hashes(table(r.stdout))).toMatchFileSnapshot('../golden/list-drift.txt');
  });

  it('reports an edited file the node does not run yet as stale, and a refused edit with the reason', async () => {
    // A copy of the node's directory, edited: etcd gets a new image, the winning kube-apiserver
    // file a Secret volume (the kubelet refuses it). The node still runs the files as they were.
    const edited = mkdtempSync(path.join(tmpdir(), 'ksp-edited-'));
    try {
      cpSync(manifestsDir, edited, { recursive: true });
      const change = (file: string, edit: (pod: { spec: Record<string, unknown[]> }) => void) => {
        const pod = parse(readFileSync(path.join(edited, file), 'utf8'));
        edit(pod);
        writeFileSync(path.join(edited, file), stringify(pod));
      };
      change('etcd.yaml', (pod) => {
        (pod.spec.containers?.[0] as { image: string }).image = 'registry.k8s.io/etcd:3.5.22-0';
      });
      change('kube-apiserver.yaml.orig', (pod) => {
        pod.spec.volumes?.push({ name: 'token', secret: { secretName: 'apiserver-token' } });
      });
      type Rows = {
        items: { file: string | null; status: string; reason: string; nodePath: string | null }[];
      };
      const drift = async (...extra: string[]) => {
        const r = await runInProcess(
          ['list', '--manifests', edited, '--node', n1, '--drift', '-o', 'json', ...extra],
          { env },
        );
        expect(r.code).toBe(0);
        const rows = (JSON.parse(r.stdout) as Rows).items;
        return (file: string) => rows.find((i) => i.file === path.join(edited, file));
      };
      const row = await drift('--node-path', manifestsDir);
      expect(row('etcd.yaml')).toMatchObject({
        status: 'stale',
        nodePath: path.join(manifestsDir, 'etcd.yaml'),
      });
      expect(row('etcd.yaml')?.reason).toMatch(
        /^the node runs another version: its mirror Pod has config hash [0-9a-f]{32}, this file [0-9a-f]{32} at /,
      );
      expect(row('kube-apiserver.yaml.orig')?.status).toBe('stale');
      expect(row('kube-apiserver.yaml.orig')?.reason).toMatch(
        /^the kubelet refuses this version of the file \(static pods may not reference secrets\), the node runs another version/,
      );
      // With the .orig refused, kube-apiserver.yaml is no longer shadowed: it is what the kubelet
      // will run (from another path, so with another hash) once it reads the directory.
      expect(row('kube-apiserver.yaml')?.status).toBe('stale');
      // Without --node-path, no candidate path matches: the row says which paths were tried.
      const guessed = await drift();
      expect(guessed('etcd.yaml')?.status).toBe('stale');
      expect(guessed('etcd.yaml')?.reason).toContain(
        `at /etc/kubernetes/manifests/etcd.yaml, ${path.join(edited, 'etcd.yaml')};`,
      );
      // Put back, the file is in sync again at the node's path.
      writeFileSync(path.join(edited, 'etcd.yaml'), readFileSync(path.join(manifestsDir, 'etcd.yaml')));
      expect((await drift('--node-path', manifestsDir))('etcd.yaml')?.status).toBe('in-sync');
    } finally {
      rmSync(edited, { recursive: true, force: true });
    }
  });

  it("predicts the API server's refusal word for word (a 1.33 kubelet runs the Pod, its mirror is refused)", async () => {
    const r = await runInProcess(
      [
        'list',
        '--manifests',
        manifestsDir,
        '--node',
        n1,
        '--drift',
        '--kubernetes-version',
        '1.33',
        '-o',
        'json',
      ],
      { env },
    );
    const doc = JSON.parse(r.stdout);
    const row = doc.items.find((i: { staticName: string }) => i.staticName === 'with-configmap');
    expect(row).toMatchObject({
      status: 'missing',
      reason: `the API server refuses the mirror Pod: ${configMapRefusal}`,
    });
    expect(configMapRefusal).toBe(
      `pods "with-configmap-${n1}" is forbidden: node "${n1}" can not create pods that reference configmaps`,
    );
  });

  it('-o json documents each row', async () => {
    const r = await runInProcess(
      ['list', '--manifests', manifestsDir, '--node', n1, '--drift', '-o', 'json'],
      { env },
    );
    const doc = JSON.parse(r.stdout) as {
      kind: string;
      node: string;
      items: { status: string; staticName: string }[];
    };
    expect(doc.kind).toBe('StaticPodDrift');
    expect(doc.node).toBe(n1);
    expect(Object.fromEntries(doc.items.map((i) => [i.staticName || '?', i.status]))).toMatchObject({
      etcd: 'in-sync',
      'kube-controller-manager': 'missing',
      'kube-scheduler': 'mirror-without-file',
      agent: 'missing',
    });
  });
});

describe('as a process', () => {
  it('bin/run.js lists from the cluster (bundle, client code in lazy chunks)', async () => {
    const r = await runProcess(['list', '-n', ns, '-l', 'component=kube-apiserver', '--no-headers'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(3);
  });
  it('dist/run.js gives the same table', async () => {
    const argv = ['list', '-n', ns, '-l', 'component=kube-apiserver'];
    const [a, b] = await Promise.all([runProcess(argv, { env }), runProcess(argv, { env, entry: 'dist' })]);
    expect(table(a.stdout)).toBe(table(b.stdout));
  });
});
