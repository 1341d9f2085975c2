import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type Controllers,
  connect,
  type HollowNode,
  type Pod,
  startControllers,
  startNode,
  uniqueName,
  waitFor,
} from '../src/index.js';

const state = inject('testkube');
const tk = connect(state);
const admin = tk.client('admin');
const cluster = { ...tk, binaries: state.binaries };
const ns = uniqueName('ctrl');
let controllers: Controllers;
let nodes: HollowNode[] = [];

beforeAll(async () => {
  controllers = await startControllers(cluster);
  nodes = await Promise.all(
    [uniqueName('ds-a'), uniqueName('ds-b')].map((name) => startNode(cluster, { name })),
  );
  const res = await admin.request('POST', '/api/v1/namespaces', { metadata: { name: ns } });
  expect(res.status).toBe(201);
});
afterAll(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
  await admin.request('DELETE', `/api/v1/namespaces/${ns}`);
  tk.close();
});

async function podsOf(labelSelector: string): Promise<Pod[]> {
  const res = await admin.request('GET', `/api/v1/namespaces/${ns}/pods`, undefined, { labelSelector });
  return (res.body as { items: Pod[] }).items;
}

describe('startControllers', () => {
  it('is shared: a second call reuses the running processes', async () => {
    const again = await startControllers(cluster);
    expect(again.reused).toBe(true);
    expect(again.state.kubeControllerManager.pid).toBe(controllers.state.kubeControllerManager.pid);
    expect(controllers.rssKib().kubeControllerManager).toBeGreaterThan(0);
  });

  it('the serviceaccount controller creates the default ServiceAccount of a new namespace', async () => {
    await waitFor('ServiceAccount default', async () => {
      const res = await admin.request('GET', `/api/v1/namespaces/${ns}/serviceaccounts/default`);
      return res.status === 200 ? true : undefined;
    });
  });

  it('the DaemonSet controller and the scheduler put a Pod on every hollow node, which runs it', async () => {
    const ds = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: ns },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: {
            // Only our two nodes: other test files' nodes come and go.
            affinity: {
              nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                  nodeSelectorTerms: [
                    {
                      matchExpressions: [
                        { key: 'kubernetes.io/hostname', operator: 'In', values: nodes.map((n) => n.name) },
                      ],
                    },
                  ],
                },
              },
            },
            containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10' }],
          },
        },
      },
    };
    const res = await admin.request('POST', `/apis/apps/v1/namespaces/${ns}/daemonsets`, ds);
    expect(res.status).toBe(201);
    const running = await waitFor('DaemonSet Pods running on both nodes', async () => {
      const pods = await podsOf('app=agent');
      const ok = pods.filter((p) => p.status?.phase === 'Running');
      return ok.length === 2 ? ok : undefined;
    });
    expect(running.map((p) => p.spec?.nodeName).sort()).toEqual(nodes.map((n) => n.name).sort());
    await waitFor('DaemonSet status numberReady 2', async () => {
      const got = await admin.request('GET', `/apis/apps/v1/namespaces/${ns}/daemonsets/agent`);
      return (got.body as { status?: { numberReady?: number } }).status?.numberReady === 2 ? true : undefined;
    });
  });

  it("the garbage collector deletes a deleted Node's mirror Pods (they are owned by the Node)", async () => {
    const node = await startNode(cluster, { name: uniqueName('gc') });
    const manifest = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'static', namespace: ns },
      spec: { containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10' }] },
    };
    await node.writeManifest('static.json', JSON.stringify(manifest));
    const mirror = node.mirrorPodName('static');
    await waitFor(`mirror Pod ${mirror}`, async () => {
      const r = await admin.request('GET', `/api/v1/namespaces/${ns}/pods/${mirror}`);
      return r.status === 200 ? true : undefined;
    });
    // The kubelet stops first, so only the garbage collector can delete the mirror Pod. Its
    // delete is graceful: with no kubelet left to confirm it, the Pod stays Terminating until
    // PodGC force-deletes Pods of Nodes that are gone (after its 40 s quarantine).
    await node.stop();
    const deleting = await waitFor(`mirror Pod ${mirror} deleted by the garbage collector`, async () => {
      const r = await admin.request('GET', `/api/v1/namespaces/${ns}/pods/${mirror}`);
      const meta = (r.body as Pod).metadata;
      return r.status === 200 && meta.deletionTimestamp ? meta : undefined;
    });
    expect(deleting.deletionGracePeriodSeconds).toBe(30);
  });
});
