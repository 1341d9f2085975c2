import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Io, withIo } from '../../src/io.js';
import { ForbiddenError, listAll, METADATA_LIST_ACCEPT, PODS } from '../../src/kube/api.js';
import type { KubeTarget } from '../../src/kube/kubeconfig.js';
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
    const items = await listAll(t, PODS, { metadataOnly: true, labelSelector: 'x=y' });
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
