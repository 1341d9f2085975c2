import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  connect,
  createMirrorPod,
  isKubeletSettableLabel,
  type Node,
  registerNode,
  uniqueName,
} from '../src/index.js';
import { defaultedStaticPod } from './helpers.js';

const tk = connect(inject('testkube'));
const nodeName = uniqueName('node');
const otherNode = uniqueName('other');
let node: Node;

beforeAll(async () => {
  node = await registerNode(tk, nodeName, {
    labels: { 'node-role.kubernetes.io/control-plane': '', 'example.com/rack': 'r1' },
    taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
  });
  await registerNode(tk, otherNode);
});
afterAll(() => tk.close());

describe('registerNode', () => {
  it('registers the node as itself, admin adds restricted labels and taints', async () => {
    expect(node.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(node.metadata.labels).toMatchObject({
      'kubernetes.io/hostname': nodeName,
      'example.com/rack': 'r1',
      'node-role.kubernetes.io/control-plane': '',
    });
    expect(node.spec?.taints).toContainEqual({
      key: 'node-role.kubernetes.io/control-plane',
      effect: 'NoSchedule',
    });
    // Re-registering returns the same object.
    expect((await registerNode(tk, nodeName)).metadata.uid).toBe(node.metadata.uid);
  });

  it('cannot set node-role labels as the node itself (NodeRestriction)', async () => {
    expect(isKubeletSettableLabel('node-role.kubernetes.io/control-plane')).toBe(false);
    expect(isKubeletSettableLabel('node.kubernetes.io/instance-type')).toBe(true);
    const name = uniqueName('selfish');
    const res = await tk.client(await tk.nodeKubeconfig(name)).request('POST', '/api/v1/nodes', {
      metadata: { name, labels: { 'node-role.kubernetes.io/control-plane': '' } },
    });
    expect(res.status).toBe(403);
    expect((res.body as { message: string }).message).toBe(
      `nodes "${name}" is forbidden: node "${name}" is not allowed to set the following labels: node-role.kubernetes.io/control-plane`,
    );
  });
});

describe('createMirrorPod', () => {
  it('accepts a clean mirror pod and marks it as the kubelet does', async () => {
    const pod = defaultedStaticPod('etcd', nodeName);
    const res = await createMirrorPod(tk, nodeName, pod);
    expect(res).toMatchObject({ accepted: true, status: 201, message: '' });
    const annotations = res.pod?.metadata.annotations ?? {};
    expect(annotations['kubernetes.io/config.mirror']).toBe(annotations['kubernetes.io/config.hash']);
    expect(res.pod?.metadata.ownerReferences).toEqual([
      { apiVersion: 'v1', kind: 'Node', name: nodeName, uid: node.metadata.uid, controller: true },
    ]);
    expect(res.pod?.metadata.name).toBe(`etcd-${nodeName}`);
  });

  it('rejects serviceAccountName (ServiceAccount admission)', async () => {
    const pod = defaultedStaticPod('with-sa', nodeName, { serviceAccountName: 'default' });
    const res = await createMirrorPod(tk, nodeName, pod);
    console.log(`[testkube] serviceAccountName: ${res.status} ${res.message}`);
    expect(res).toMatchObject({ accepted: false, status: 403, reason: 'Forbidden' });
    expect(res.message).toBe(
      `pods "with-sa-${nodeName}" is forbidden: a mirror pod may not reference service accounts`,
    );
  });

  it('rejects a ConfigMap reference (NodeRestriction)', async () => {
    const pod = defaultedStaticPod('with-cm', nodeName, {
      volumes: [{ name: 'cfg', configMap: { name: 'settings' } }],
    });
    const res = await createMirrorPod(tk, nodeName, pod);
    console.log(`[testkube] configMap: ${res.status} ${res.message}`);
    expect(res).toMatchObject({ accepted: false, status: 403, reason: 'Forbidden' });
    expect(res.message).toContain('can not create pods that reference configmaps');
  });

  it("rejects a mirror pod for another node's spec.nodeName", async () => {
    const pod = defaultedStaticPod('foreign', otherNode);
    const res = await createMirrorPod(tk, nodeName, pod);
    console.log(`[testkube] other node: ${res.status} ${res.message}`);
    expect(res).toMatchObject({ accepted: false, status: 403 });
    expect(res.message).toContain(`node "${nodeName}" can only create pods with spec.nodeName set to itself`);
  });
});
