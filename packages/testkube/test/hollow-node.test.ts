import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  connect,
  type HollowNode,
  NODE_ADDRESS,
  type Node,
  type Pod,
  startNode,
  uniqueName,
  waitFor,
} from '../src/index.js';

const state = inject('testkube');
const tk = connect(state);
const admin = tk.client('admin');
let node: HollowNode;

const manifest = (name: string, image = 'registry.k8s.io/pause:3.10') =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'kube-system', labels: { app: name } },
    spec: { containers: [{ name: 'main', image }] },
  });

async function getPod(name: string): Promise<Pod | undefined> {
  const res = await admin.request('GET', `/api/v1/namespaces/kube-system/pods/${name}`);
  return res.status === 200 ? (res.body as Pod) : undefined;
}

beforeAll(async () => {
  node = await startNode(
    { ...tk, binaries: state.binaries },
    {
      name: uniqueName('hollow'),
      labels: { 'node-role.kubernetes.io/control-plane': '', 'example.com/rack': 'r1' },
      taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
    },
  );
});
afterAll(async () => {
  await node?.stop();
  tk.close();
});

describe('startNode', () => {
  it('registers a Ready Node as itself; its only address is the one the egress proxy serves', async () => {
    const res = await admin.request('GET', `/api/v1/nodes/${node.name}`);
    const n = res.body as Node & {
      status: { addresses: unknown[]; daemonEndpoints: { kubeletEndpoint: { Port: number } } };
    };
    expect(n.metadata.labels).toMatchObject({
      'kubernetes.io/hostname': node.name,
      'example.com/rack': 'r1',
      'node-role.kubernetes.io/control-plane': '',
    });
    expect(n.spec?.taints).toContainEqual({
      key: 'node-role.kubernetes.io/control-plane',
      effect: 'NoSchedule',
    });
    expect(n.status.addresses).toEqual([{ type: 'InternalIP', address: NODE_ADDRESS }]);
    expect(n.status.daemonEndpoints.kubeletEndpoint.Port).toBe(node.port);
    expect(node.startupMs).toBeGreaterThan(0);
    expect(node.rssKib()).toBeGreaterThan(0);
  });

  it('the kubelet creates the mirror Pod of a manifest, owned by its Node, and runs it', async () => {
    await node.writeManifest('web.yaml', manifest('web'));
    const name = node.mirrorPodName('web');
    const pod = await waitFor(`mirror Pod ${name} running`, async () => {
      const p = await getPod(name);
      return p?.status?.phase === 'Running' ? p : undefined;
    });
    const ann = pod.metadata.annotations ?? {};
    expect(ann['kubernetes.io/config.mirror']).toBe(ann['kubernetes.io/config.hash']);
    expect(ann['kubernetes.io/config.source']).toBe('file');
    expect(ann['kubernetes.io/config.seen']).toMatch(/^\d{4}-\d\d-\d\dT/);
    const nodeObj = (await admin.request('GET', `/api/v1/nodes/${node.name}`)).body as Node;
    expect(pod.metadata.ownerReferences).toEqual([
      { apiVersion: 'v1', kind: 'Node', name: node.name, uid: nodeObj.metadata.uid, controller: true },
    ]);
    expect(pod.spec?.nodeName).toBe(node.name);
    expect((pod.status as { hostIP?: string }).hostIP).toBe(NODE_ADDRESS);
  });

  it("serves the kubelet's own view through nodes/proxy: /pods and /configz", async () => {
    const pods = await admin.request('GET', `/api/v1/nodes/${node.name}/proxy/pods`);
    expect(pods.status).toBe(200);
    const names = (pods.body as { items: Pod[] }).items.map((p) => p.metadata.name);
    expect(names).toContain(node.mirrorPodName('web'));
    const configz = await admin.request('GET', `/api/v1/nodes/${node.name}/proxy/configz`);
    expect(configz.status).toBe(200);
    const config = (configz.body as { kubeletconfig: Record<string, unknown> }).kubeletconfig;
    expect(config).toMatchObject({
      staticPodPath: node.staticPodPath,
      fileCheckFrequency: '1s',
      address: '127.0.0.1',
    });
    expect(config.readOnlyPort).toBeUndefined(); // 0 (off) is omitted
  });

  it('refuses nodes/proxy to a user without that permission (403 from the apiserver)', async () => {
    const nobody = tk.client(await tk.kubeconfigFor('hollow-test-nobody'));
    const res = await nobody.request('GET', `/api/v1/nodes/${node.name}/proxy/pods`);
    expect(res.status).toBe(403);
    expect((res.body as { message: string }).message).toBe(
      `nodes "${node.name}" is forbidden: User "hollow-test-nobody" cannot get resource "nodes/proxy" in API group "" at the cluster scope`,
    );
  });

  it('the kubelet deletes the mirror Pod when the file goes', async () => {
    await node.writeManifest('gone.yaml', manifest('gone'));
    const name = node.mirrorPodName('gone');
    await waitFor(`mirror Pod ${name}`, () => getPod(name));
    await node.removeManifest('gone.yaml');
    await waitFor(`mirror Pod ${name} deleted`, async () => (await getPod(name)) === undefined || undefined);
  });

  it('stop() stops the kubelet and deletes the Node', async () => {
    const other = await startNode({ ...tk, binaries: state.binaries }, { name: uniqueName('short') });
    await other.stop();
    expect(other.isRunning()).toBe(false);
    expect((await admin.request('GET', `/api/v1/nodes/${other.name}`)).status).toBe(404);
  });
});
