import {
  ensureNamespace,
  type HollowNode,
  type Pod,
  registerNode,
  uniqueName,
  waitFor,
} from '@staticpods/testkube';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlPlane, exampleManifest, realNode } from '../helpers/cluster.js';
import { baseEnv, normalizeColumns, runInProcess } from '../helpers/run.js';

// list --kubelet against real kubelets (hollow nodes), through the real API server's node proxy.
const cp = controlPlane();
const admin = cp.client('admin');
const ns = uniqueName('ksp-kubelet');
const run = ns.slice(-6);
const env = baseEnv({ KUBECONFIG: cp.adminKubeconfig });
let node: HollowNode;
let other: HollowNode;
const silent = `kl-silent-${run}`;

const names = (text: string) =>
  text
    .split(node.staticPodPath)
    .join('<dir>')
    .split(other.staticPodPath)
    .join('<dir2>')
    .split(ns)
    .join('NS')
    .split(run)
    .join('RUN');

beforeAll(async () => {
  await ensureNamespace(cp, ns);
  [node, other] = await Promise.all([realNode(cp, `kl1-${run}`), realNode(cp, `kl2-${run}`)]);
  await registerNode(cp, silent); // fault injection: a Node object with no kubelet behind it
  await node.writeManifest('etcd.yaml', exampleManifest('etcd.yaml', { namespace: ns }));
  // The kubelet runs it, but the API server refuses its mirror Pod: only the kubelet can tell.
  await node.writeManifest(
    'agent.json',
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'agent', namespace: ns },
      spec: {
        priorityClassName: 'no-such-class',
        containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10' }],
      },
    }),
  );
  await other.writeManifest('etcd.yaml', exampleManifest('etcd.yaml', { namespace: ns }));
  for (const [n, pod] of [
    [node, 'etcd'],
    [other, 'etcd'],
  ] as const) {
    await waitFor(`${n.mirrorPodName(pod)} Running`, async () => {
      const res = await admin.request('GET', `/api/v1/namespaces/${ns}/pods/${n.mirrorPodName(pod)}`);
      return (res.body as Pod).status?.phase === 'Running' ? true : undefined;
    });
  }
  await waitFor('the kubelet to run agent', async () => {
    const res = await admin.request('GET', `/api/v1/nodes/${node.name}/proxy/pods`);
    const pod = (res.body as { items: Pod[] }).items.find(
      (p) => p.metadata.name === node.mirrorPodName('agent'),
    );
    return pod?.status?.phase === 'Running' ? true : undefined;
  });
});
afterAll(async () => {
  await Promise.all([node?.stop(), other?.stop(), admin.request('DELETE', `/api/v1/nodes/${silent}`)]);
  cp.close();
});

describe('list --kubelet', () => {
  it("shows every static Pod a node's kubelet runs, including one whose mirror Pod was refused", async () => {
    const r = await runInProcess(['list', '--kubelet', '--node', node.name, '-n', ns], { env });
    expect(r.code).toBe(0);
    expect(names(r.stderr)).toBe('node kl1-RUN: staticPodPath <dir> (re-read every 1s)\n');
    expect(normalizeColumns(names(r.stdout), {})).toBe(
      normalizeColumns(
        [
          'NODE       NAME             STATIC NAME   MIRROR   READY   STATUS    RESTARTS',
          'kl1-RUN    agent-kl1-RUN    agent         none     1/1     Running   0',
          'kl1-RUN    etcd-kl1-RUN     etcd          yes      1/1     Running   0',
          '',
        ].join('\n'),
        {},
      ),
    );
  });

  it('-o json documents the nodes (staticPodPath, fileCheckFrequency) and each Pod', async () => {
    const r = await runInProcess(['list', '--kubelet', '-n', ns, '-o', 'json'], { env });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.kind).toBe('KubeletStaticPodList');
    expect(doc.nodes).toEqual(
      expect.arrayContaining([
        { name: node.name, staticPodPath: node.staticPodPath, fileCheckFrequency: '1s' },
        { name: other.name, staticPodPath: other.staticPodPath, fileCheckFrequency: '1s' },
      ]),
    );
    // A Node whose kubelet cannot be reached (here one with no kubelet at all, registered by the
    // simulated kubelet) is named, with why, and the others are still shown.
    const dead = doc.nodes.find((n: { name: string }) => n.name === silent);
    expect(dead.error).toMatch(
      new RegExp(`^the API server could not read /pods of the kubelet on node "${silent}"`),
    );
    expect(r.stderr).toContain(`warning: ${dead.error}; its static Pods are not shown\n`);
    const mine = doc.items.filter((i: { node: string }) => i.node === node.name || i.node === other.name);
    expect(mine.map((i: { name: string; mirror: string }) => `${i.name} ${i.mirror}`).sort()).toEqual([
      `agent-${node.name} no-mirror`,
      `etcd-${node.name} mirrored`,
      `etcd-${other.name} mirrored`,
    ]);
    const etcd = (await admin.request('GET', `/api/v1/namespaces/${ns}/pods/etcd-${node.name}`)).body as Pod;
    expect(mine.find((i: { name: string }) => i.name === `etcd-${node.name}`)).toMatchObject({
      staticName: 'etcd',
      source: 'file',
      configHash: etcd.metadata.annotations?.['kubernetes.io/config.hash'],
      phase: 'Running',
    });
  });

  it('without get nodes/proxy: exit 2, naming the permission and what list shows without it', async () => {
    const user = uniqueName('no-proxy');
    const rbac = 'rbac.authorization.k8s.io/v1';
    const role = {
      apiVersion: rbac,
      kind: 'ClusterRole',
      metadata: { name: user },
      rules: [
        { apiGroups: [''], resources: ['pods', 'nodes'], verbs: ['get', 'list'] },
        { apiGroups: [''], resources: ['nodes/proxy'], verbs: ['create'] },
      ],
    };
    const binding = {
      apiVersion: rbac,
      kind: 'ClusterRoleBinding',
      metadata: { name: user },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: user },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
    };
    expect(
      (await admin.request('POST', '/apis/rbac.authorization.k8s.io/v1/clusterroles', role)).status,
    ).toBe(201);
    expect(
      (await admin.request('POST', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', binding)).status,
    ).toBe(201);
    const kubeconfig = await cp.kubeconfigFor(user, []);
    const r = await runInProcess(['list', '--kubelet', '--node', node.name], {
      env: baseEnv({ KUBECONFIG: kubeconfig }),
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe(
      `error: cannot read the kubelet of node "${node.name}" (missing permission: get nodes/proxy): --kubelet asks each kubelet through the API server for the Pods it runs (GET /api/v1/nodes/${node.name}/proxy/pods): ask a cluster administrator for get on nodes/proxy, or leave out --kubelet: list then shows mirror Pods only, which miss static Pods whose mirror Pod the API server refused`,
    );
    expect(r.stderr).toContain(
      `server: nodes "${node.name}" is forbidden: User "${user}" cannot get resource "nodes/proxy" in API group "" at the cluster scope`,
    );
    // Without --kubelet the same user lists mirror Pods: the refused agent is not among them.
    const plain = await runInProcess(['list', '-n', ns], { env: baseEnv({ KUBECONFIG: kubeconfig }) });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain(`etcd-${node.name}`);
    expect(plain.stdout).not.toContain(`agent-${node.name}`);
  });

  it('refuses combinations it cannot honour', async () => {
    const r = await runInProcess(['list', '--kubelet', '--group'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      'error: --kubelet asks the kubelets themselves and cannot be combined with --group: drop one of the two flags',
    );
  });
});
