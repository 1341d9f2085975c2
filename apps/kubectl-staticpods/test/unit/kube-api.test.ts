import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Io, withIo } from '../../src/io.js';
import { ForbiddenError, METADATA_LIST_ACCEPT, PODS } from '../../src/kube/api.js';
import type { KubeTarget } from '../../src/kube/kubeconfig.js';
import { listAll } from '../../src/kube/list-pages.js';
import { findMirrorPodRows, findMirrorPods } from '../../src/kube/mirror-pods.js';
import type { KubeRequest, KubeResponse, Transport } from '../../src/kube/transport.js';
import { progressLine } from '../../src/list/progress.js';

const target: KubeTarget = {
  files: [],
  contextName: 'test',
  clusterName: 'c',
  userName: 'u',
  cluster: { server: 'https://example.invalid' },
  user: {},
  namespace: 'default',
  namespaceFromFlag: false,
};

/** A transport that answers from a script, and records the requests. */
function scripted(answers: ((req: KubeRequest) => KubeResponse)[]): Transport & { requests: KubeRequest[] } {
  const requests: KubeRequest[] = [];
  return {
    target,
    requests,
    request: async (req) => {
      requests.push(req);
      const next = answers.shift();
      if (!next) throw new Error('unexpected request');
      return next(req);
    },
    watch: async () => {
      throw new Error('unexpected watch');
    },
    close: () => {},
  };
}

const page = (names: string[], cont?: string): KubeResponse => ({
  status: 200,
  body: { items: names.map((name) => ({ metadata: { name } })), metadata: cont ? { continue: cont } : {} },
});

describe('listAll: limit, continue and 410 Gone', () => {
  it('follows continue tokens with limit=500 and the metadata-only Accept header', async () => {
    const t = scripted([() => page(['a', 'b'], 'tok1'), () => page(['c'])]);
    const items = await listAll(t, PODS, { as: 'metadata', labelSelector: 'x=y' });
    expect(items.map((i) => i.metadata?.name)).toEqual(['a', 'b', 'c']);
    expect(t.requests.map((r) => r.query)).toEqual([
      { limit: 500, continue: undefined, labelSelector: 'x=y', fieldSelector: undefined },
      { limit: 500, continue: 'tok1', labelSelector: 'x=y', fieldSelector: undefined },
    ]);
    expect(t.requests[0]?.accept).toBe(METADATA_LIST_ACCEPT);
    expect(t.requests[0]?.path).toBe('/api/v1/pods');
  });

  it('starts again from the beginning when the continue token expired', async () => {
    const gone: KubeResponse = { status: 410, body: { kind: 'Status', reason: 'Expired', code: 410 } };
    const t = scripted([
      () => page(['a'], 'old'),
      () => gone,
      () => page(['a', 'b'], 'new'),
      () => page(['c']),
    ]);
    const items = await listAll(t, PODS, { namespace: 'ns' });
    expect(items.map((i) => i.metadata?.name)).toEqual(['a', 'b', 'c']);
    expect(t.requests.map((r) => r.query?.continue)).toEqual([undefined, 'old', undefined, 'new']);
    expect(t.requests[0]?.path).toBe('/api/v1/namespaces/ns/pods');
  });

  it('gives up after three restarts', async () => {
    const gone: KubeResponse = { status: 410, body: { kind: 'Status', reason: 'Expired', code: 410 } };
    const t = scripted(
      Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? () => page(['a'], 't') : () => gone)),
    );
    await expect(listAll(t, PODS)).rejects.toThrow(/kept expiring \(410 Gone\) after 3 restarts/);
  });

  it('a 403 names the verb, the resource and the scope', async () => {
    const forbidden: KubeResponse = {
      status: 403,
      body: {
        kind: 'Status',
        code: 403,
        reason: 'Forbidden',
        message: 'pods is forbidden: User "x" cannot list resource "pods"',
        details: { kind: 'pods' },
      },
    };
    const error = await listAll(scripted([() => forbidden]), PODS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as ForbiddenError).message).toBe(
      'cannot list pods at the cluster scope (missing permission: list pods cluster-wide)',
    );
  });
});

const pod = (namespace: string, name: string, mirror: boolean) => ({
  metadata: {
    namespace,
    name,
    resourceVersion: '7',
    ...(mirror && { annotations: { 'kubernetes.io/config.mirror': 'h' } }),
  },
});
const pods = (items: object[], cont?: string, resourceVersion = '42'): KubeResponse => ({
  status: 200,
  body: { items, metadata: { resourceVersion, ...(cont && { continue: cont }) } },
});

describe('mirror Pods without a request per Pod', () => {
  it('cluster-wide: a metadata list finds the namespaces, then only those are listed whole', async () => {
    const t = scripted([
      () => pods([pod('a', 'app-1', false), pod('kube-system', 'etcd-n1', true)], 'm1'),
      () => pods([pod('kube-system', 'etcd-n2', true), pod('z', 'web', false)]),
      () => pods([pod('kube-system', 'coredns', false), pod('kube-system', 'etcd-n1', true)], 'p1'),
      () => pods([pod('kube-system', 'etcd-n2', true)]),
    ]);
    const { pods: found, scanned } = await findMirrorPods(t, {});
    expect(found.map((p) => p.metadata?.name)).toEqual(['etcd-n1', 'etcd-n2']);
    expect(found[0]).toMatchObject({ apiVersion: 'v1', kind: 'Pod' });
    expect(scanned).toBe(4);
    expect(t.requests.map((r) => [r.path, r.accept === METADATA_LIST_ACCEPT])).toEqual([
      ['/api/v1/pods', true],
      ['/api/v1/pods', true],
      ['/api/v1/namespaces/kube-system/pods', false],
      ['/api/v1/namespaces/kube-system/pods', false],
    ]);
  });

  it('one pass (for a watch): one snapshot of whole Pods, and its resourceVersion', async () => {
    const t = scripted([() => pods([pod('a', 'x-n1', true), pod('a', 'y', false)], undefined, '99')]);
    const scan = await findMirrorPods(t, { onePass: true });
    expect(scan.pods.map((p) => p.metadata?.name)).toEqual(['x-n1']);
    expect(scan.resourceVersion).toBe('99');
    expect(t.requests).toHaveLength(1);
  });

  it("a namespace's list that starts again drops what it had given, and only that", async () => {
    const gone: KubeResponse = { status: 410, body: { kind: 'Status', reason: 'Expired', code: 410 } };
    const t = scripted([
      () => pods([pod('a', 'x-n1', true), pod('b', 'y-n1', true)]),
      () => pods([pod('a', 'x-n1', true)]),
      () => pods([pod('b', 'old-n1', true)], 'b1'),
      () => gone,
      () => pods([pod('b', 'y-n1', true)]),
    ]);
    const scan = await findMirrorPods(t, {});
    expect(scan.pods.map((p) => p.metadata?.name)).toEqual(['x-n1', 'y-n1']);
  });

  it('rows come from a server-side Table with metadata; only mirror Pods are kept', async () => {
    const columns = ['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node'].map((name) => ({ name }));
    const row = (name: string, mirror: boolean, node: string) => ({
      cells: [name, '1/1', 'Running', '2 (5m ago)', '3d', '10.0.0.1', node],
      object: { kind: 'PartialObjectMetadata', ...pod('kube-system', name, mirror) },
    });
    const t = scripted([
      () => ({
        status: 200,
        body: {
          kind: 'Table',
          columnDefinitions: columns,
          rows: [row('etcd-cp-1', true, 'cp-1'), row('coredns', false, 'cp-1')],
          metadata: { resourceVersion: '5' },
        },
      }),
    ]);
    const { rows, scanned } = await findMirrorPodRows(t, { namespace: 'kube-system', chunkSize: 50 });
    expect(scanned).toBe(2);
    expect(rows).toEqual([
      expect.objectContaining({
        name: 'etcd-cp-1',
        staticName: 'etcd',
        node: 'cp-1',
        ready: '1/1',
        status: 'Running',
        restarts: '2 (5m ago)',
        ip: '10.0.0.1',
        configHash: 'h',
      }),
    ]);
    expect(t.requests[0]?.query).toMatchObject({ limit: 50, includeObject: 'Metadata' });
    expect(t.requests[0]?.accept).toMatch(/^application\/json;as=Table;v=v1;g=meta\.k8s\.io,/);
  });
});

describe('progressLine', () => {
  afterEach(() => vi.useRealTimers());
  const io = (isTTY: boolean): Io & { text: () => string } => {
    let text = '';
    return {
      stdout: { write: () => {} },
      stderr: {
        write: (s: string) => {
          text += s;
        },
        isTTY,
      },
      stdin: process.stdin,
      env: {},
      cwd: '/',
      exitCode: 0,
      text: () => text,
    };
  };

  it('shows on a terminal once the run takes more than a second, and erases itself', async () => {
    vi.useFakeTimers();
    const tty = io(true);
    await withIo(tty, async () => {
      const p = progressLine('listing pods');
      p.update('500 scanned');
      expect(tty.text()).toBe('');
      vi.advanceTimersByTime(1500);
      p.update('1000 scanned');
      p.done();
    });
    expect(tty.text()).toBe('\r\x1b[Klisting pods: 1000 scanned…\r\x1b[K');
  });

  it('never shows when stderr is not a terminal', async () => {
    vi.useFakeTimers();
    const pipe = io(false);
    await withIo(pipe, async () => {
      const p = progressLine('listing pods');
      vi.advanceTimersByTime(5000);
      p.update('1000 scanned');
      p.done();
    });
    expect(pipe.text()).toBe('');
  });
});
