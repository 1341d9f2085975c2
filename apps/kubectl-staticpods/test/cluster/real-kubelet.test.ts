import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ensureNamespace, type HollowNode, type Pod, uniqueName, waitFor } from '@staticpods/testkube';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { controlPlane, exampleManifest, realNode } from '../helpers/cluster.js';
import { baseEnv, runInProcess } from '../helpers/run.js';

// Everything here is the kubelet's own behaviour, so it runs against a real kubelet (a hollow
// node: k8s.io/kubernetes pkg/kubelet with a fake container runtime) and the real API server.
const cp = controlPlane();
const admin = cp.client('admin');
const kubectl = inject('testkube').binaries.kubectl;
const ns = uniqueName('ksp-real');
const run = ns.slice(-6);
const label = { 'ksp-test': run };
const env = baseEnv({ KUBECONFIG: cp.adminKubeconfig });
let node: HollowNode;

const manifest = (file: string, image?: string) => {
  const text = exampleManifest(file, { namespace: ns, labels: label });
  return image ? text.replace(/image: .*/, `image: ${image}`) : text;
};
const agent = (namespace: string, spec: Record<string, unknown> = {}, name = 'agent') =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: label },
    spec: { containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10' }], ...spec },
  });

async function getPod(name: string): Promise<Pod | undefined> {
  const res = await admin.request('GET', `/api/v1/namespaces/${ns}/pods/${name}`);
  return res.status === 200 ? (res.body as Pod) : undefined;
}
const running = (name: string) =>
  waitFor(`${name} Running`, async () => {
    const p = await getPod(name);
    return p?.status?.phase === 'Running' ? p : undefined;
  });
const gone = (name: string) =>
  waitFor(`${name} deleted`, async () => ((await getPod(name)) === undefined ? true : undefined));
const image = (p: Pod) => (p.spec as { containers: { image: string }[] }).containers[0]?.image;

beforeAll(async () => {
  await ensureNamespace(cp, ns);
  node = await realNode(cp, `real-${run}`, { labels: { 'node-role.kubernetes.io/control-plane': '' } });
  await node.writeManifest('etcd.yaml', manifest('etcd.yaml'));
  await node.writeManifest('kube-apiserver.yaml', manifest('kube-apiserver.yaml'));
  // A backup copy with another image: the kubelet runs only one Pod of a name.
  await node.writeManifest(
    'kube-apiserver.yaml.orig',
    manifest('kube-apiserver.yaml', 'registry.k8s.io/kube-apiserver:v1.33.9'),
  );
  // The kubelet runs these, but the API server refuses their mirror Pods.
  await node.writeManifest('agent.yaml', agent(`${ns}-missing`));
  await node.writeManifest('classy.yaml', agent(ns, { priorityClassName: 'no-such-class' }, 'classy'));
  await Promise.all([running(node.mirrorPodName('etcd')), running(node.mirrorPodName('kube-apiserver'))]);
});
afterAll(async () => {
  await node?.stop();
  cp.close();
});

describe('mirror Pods made by a real kubelet', () => {
  it('are named <static name>-<node>, carry the config annotations, and are owned by the Node', async () => {
    const pod = (await getPod(node.mirrorPodName('etcd'))) as Pod;
    const ann = pod.metadata.annotations ?? {};
    expect(ann['kubernetes.io/config.mirror']).toBe(ann['kubernetes.io/config.hash']);
    expect(ann['kubernetes.io/config.source']).toBe('file');
    expect(Date.parse(ann['kubernetes.io/config.seen'] ?? '')).toBeGreaterThan(0);
    expect(pod.metadata.labels).toMatchObject({ component: 'etcd', tier: 'control-plane', ...label });
    const uid = ((await admin.request('GET', `/api/v1/nodes/${node.name}`)).body as Pod).metadata.uid;
    expect(pod.metadata.ownerReferences).toEqual([
      { apiVersion: 'v1', kind: 'Node', name: node.name, uid, controller: true },
    ]);
  });

  it('list shows them with the status the kubelet reports, and the hash and source it set', async () => {
    const r = await runInProcess(['list', '-n', ns, '-o', 'wide'], { env });
    expect(r.code).toBe(0);
    const etcd = (await getPod(node.mirrorPodName('etcd'))) as Pod;
    const hash = etcd.metadata.annotations?.['kubernetes.io/config.hash'];
    const row = r.stdout.split('\n').find((l) => l.startsWith(`etcd-${node.name} `)) ?? '';
    expect(row.split(/\s+/)).toEqual([
      `etcd-${node.name}`,
      'etcd',
      node.name,
      '1/1',
      'Running',
      '0',
      expect.stringMatching(/^\d+s$/),
      (etcd.status as { podIP: string }).podIP,
      hash,
      'file',
    ]);
  });

  it('of two files defining the same Pod, the one core says wins is the one the kubelet runs', async () => {
    const drift = await runInProcess(
      ['list', '--manifests', node.staticPodPath, '--node', node.name, '--drift', '-o', 'json'],
      { env },
    );
    const rows = JSON.parse(drift.stdout).items as { file?: string; status: string }[];
    const winner = rows.find((i) => i.file?.includes('kube-apiserver') && i.status === 'in-sync')?.file;
    expect(winner).toBe(`${node.staticPodPath}/kube-apiserver.yaml.orig`);
    expect(rows.find((i) => i.file?.endsWith('/kube-apiserver.yaml'))?.status).toBe('shadowed');
    const mirror = (await getPod(node.mirrorPodName('kube-apiserver'))) as Pod;
    expect(image(mirror)).toBe('registry.k8s.io/kube-apiserver:v1.33.9');
  });

  it("a refused mirror Pod: list --drift predicts the API server's answer that the kubelet logged", async () => {
    const drift = await runInProcess(
      ['list', '--manifests', node.staticPodPath, '--node', node.name, '--drift', '-o', 'json'],
      { env },
    );
    const rows = JSON.parse(drift.stdout).items as { staticName: string; status: string; reason: string }[];
    for (const name of ['agent', 'classy']) {
      const row = rows.find((i) => i.staticName === name);
      expect(row?.status).toBe('missing');
      const prefix = 'the API server refuses the mirror Pod: ';
      expect(row?.reason.startsWith(prefix), row?.reason).toBe(true);
      const message = row?.reason.slice(prefix.length) ?? '';
      // The kubelet logs every refusal: "Failed creating a mirror pod" err="<the API server's message>".
      await waitFor(`the kubelet to log the refusal of ${name}`, async () =>
        node.logs().includes(`"Failed creating a mirror pod" err=${JSON.stringify(message)}`)
          ? true
          : undefined,
      );
      expect(await getPod(node.mirrorPodName(name))).toBeUndefined();
    }
  });

  it('the kubelet re-creates a mirror Pod deleted with kubectl', async () => {
    const name = node.mirrorPodName('etcd');
    const before = (await getPod(name)) as Pod;
    await promisify(execFile)(kubectl, ['--kubeconfig', cp.adminKubeconfig, 'delete', 'pod', '-n', ns, name]);
    const after = await waitFor(`${name} re-created`, async () => {
      const p = await getPod(name);
      return p && p.metadata.uid !== before.metadata.uid ? p : undefined;
    });
    expect(after.metadata.annotations?.['kubernetes.io/config.hash']).toBe(
      before.metadata.annotations?.['kubernetes.io/config.hash'],
    );
  });

  it('replaces the mirror Pod when the file changes: new hash, new image, new object', async () => {
    await node.writeManifest('sched.yaml', manifest('kube-scheduler.yaml'));
    const name = node.mirrorPodName('kube-scheduler');
    const before = await running(name);
    await node.writeManifest(
      'sched.yaml',
      manifest('kube-scheduler.yaml', 'registry.k8s.io/kube-scheduler:v1.33.1'),
    );
    const after = await waitFor(`${name} replaced`, async () => {
      const p = await getPod(name);
      return p && image(p) === 'registry.k8s.io/kube-scheduler:v1.33.1' ? p : undefined;
    });
    expect(after.metadata.uid).not.toBe(before.metadata.uid);
    expect(after.metadata.annotations?.['kubernetes.io/config.hash']).not.toBe(
      before.metadata.annotations?.['kubernetes.io/config.hash'],
    );
  });

  it('deletes the mirror Pod when the file is removed, or renamed to a dot-file (which the kubelet ignores)', async () => {
    await node.writeManifest('one.json', agent(ns, {}, 'one'));
    await node.writeManifest('two.json', agent(ns, {}, 'two'));
    await Promise.all([running(node.mirrorPodName('one')), running(node.mirrorPodName('two'))]);
    await node.removeManifest('one.json');
    await node.renameManifest('two.json', '.two.json');
    await Promise.all([gone(node.mirrorPodName('one')), gone(node.mirrorPodName('two'))]);
    // And list --drift agrees: no row for either, the dot-file is listed as ignored.
    const r = await runInProcess(['list', '--manifests', node.staticPodPath, '--node', node.name], { env });
    expect(r.stdout).toMatch(/^\.two\.json\s+.*ignored/m);
  });
});
