import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect as netConnect, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureNamespace, uniqueName } from '@staticpods/testkube';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { controlPlane, exampleManifest, mirror, nodes } from '../helpers/cluster.js';
import { baseEnv, runInProcess, runProcess } from '../helpers/run.js';

/**
 * kubectl's connection flags against the real API server: --server, --token, --as/--as-group,
 * --insecure-skip-tls-verify, -v, HTTPS_PROXY/NO_PROXY and the in-cluster config. The identity
 * is a ServiceAccount allowed to read Pods in one namespace, with a token from the TokenRequest API.
 */
const cp = controlPlane();
const ns = uniqueName('ksp-conn');
const node = `${ns}-n`;
const sa = `system:serviceaccount:${ns}:reader`;
const dir = mkdtempSync(path.join(tmpdir(), 'ksp-conn-'));
const admin = baseEnv({ KUBECONFIG: cp.adminKubeconfig });
const port = new URL(cp.server).port;
let token = '';

/** A CONNECT proxy on 127.0.0.1 that sends every tunnel to 127.0.0.1 and records what was asked. */
let proxy: Server;
const tunnels: string[] = [];

beforeAll(async () => {
  await ensureNamespace(cp, ns);
  await nodes(cp, [node]);
  expect((await mirror(cp, node, exampleManifest('kube-scheduler.yaml', { namespace: ns }))).accepted).toBe(
    true,
  );
  const client = cp.client();
  const rbac = '/apis/rbac.authorization.k8s.io/v1';
  for (const [p, body] of [
    [
      `/api/v1/namespaces/${ns}/serviceaccounts`,
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'reader' } },
    ],
    [
      `${rbac}/namespaces/${ns}/roles`,
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: 'pod-reader' },
        rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }],
      },
    ],
    [
      `${rbac}/namespaces/${ns}/rolebindings`,
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'reader' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
        subjects: [{ kind: 'ServiceAccount', name: 'reader', namespace: ns }],
      },
    ],
  ] as const) {
    const res = await client.request('POST', p, body);
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  }
  const tr = await client.request('POST', `/api/v1/namespaces/${ns}/serviceaccounts/reader/token`, {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'TokenRequest',
    spec: { expirationSeconds: 3600 },
  });
  token = (tr.body as { status: { token: string } }).status.token;
  expect(token).toMatch(/^ey/);
  proxy = createServer((socket) => {
    socket.once('data', (head) => {
      const line = head.toString('latin1').split('\r\n')[0] ?? '';
      tunnels.push(line);
      const m = /^CONNECT [^:]+:(\d+) HTTP\/1\.1$/.exec(line);
      if (!m) return socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      const upstream = netConnect(Number(m[1]), '127.0.0.1', () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
});
afterAll(() => {
  proxy?.close();
  cp.close();
  rmSync(dir, { recursive: true, force: true });
});

const mirrorPod = `pod/kube-scheduler-${node}\n`;

describe('--server, --token, --insecure-skip-tls-verify', () => {
  it('--server and --token need no kubeconfig; without a CA the certificate cannot be checked', async () => {
    const argv = ['list', '-n', ns, '-o', 'name', '--server', cp.server, '--token', token];
    const refused = await runInProcess(argv, { env: baseEnv() });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error: cannot verify the API server's certificate/);
    const r = await runInProcess([...argv, '--insecure-skip-tls-verify'], { env: baseEnv() });
    expect(r).toMatchObject({ code: 0, stdout: mirrorPod });
    expect(r.stderr).toMatch(
      /^warning: --insecure-skip-tls-verify: the API server's certificate is not checked/,
    );
  });

  it("--token replaces the kubeconfig user's token: the service account may read its namespace only", async () => {
    const k = parse(readFileSync(cp.adminKubeconfig, 'utf8')) as {
      users: { user: Record<string, unknown> }[];
    };
    for (const u of k.users) u.user = { token: 'not-a-valid-token' };
    const file = path.join(dir, 'bad-token.kubeconfig');
    writeFileSync(file, stringify(k));
    const env = baseEnv({ KUBECONFIG: file });
    const refused = await runInProcess(['list', '-n', ns], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error: .*(401|[Uu]nauthorized)/);
    const own = await runInProcess(['list', '-n', ns, '-o', 'name', '--token', token], { env });
    expect(own).toMatchObject({ code: 0, stdout: mirrorPod });
    const other = await runInProcess(['list', '-n', 'kube-system', '--token', token], { env });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain(sa);
  });

  it('--server overrides the kubeconfig cluster', async () => {
    const wrong = await runInProcess(['list', '-n', ns, '--server', 'https://127.0.0.1:1'], { env: admin });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^error: cannot reach the API server at https:\/\/127\.0\.0\.1:1/);
  });
});

describe('--as, --as-group', () => {
  it('impersonates a user: what the admin may do as the service account', async () => {
    const asSa = await runInProcess(['list', '-n', ns, '-o', 'name', '--as', sa], { env: admin });
    expect(asSa).toMatchObject({ code: 0, stdout: mirrorPod });
    const forbidden = await runInProcess(['list', '-n', 'kube-system', '--as', sa], { env: admin });
    expect(forbidden.code).toBe(2);
    expect(forbidden.stderr).toContain(sa);
  });

  it('impersonates groups with a user, and refuses groups alone as kubectl does', async () => {
    const masters = await runInProcess(
      [
        ...['list', '-n', ns, '-o', 'name', '--as', 'someone', '--as-group', 'system:masters'],
        ...['--server', cp.server, '--token', token, '--insecure-skip-tls-verify'],
      ],
      { env: baseEnv() },
    );
    // The service account may not impersonate: the API server says so.
    expect(masters.code).toBe(2);
    expect(masters.stderr).toMatch(/impersonate/);
    const asMasters = await runInProcess(
      ['list', '-n', 'kube-system', '--as', 'someone', '--as-group', 'system:masters', '--as-group', 'x'],
      { env: admin },
    );
    expect(asMasters.code).toBe(0);
    const alone = await runInProcess(['list', '--as-group', 'system:masters'], { env: admin });
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(
      /^error: requesting uid, groups or user-extra for \S+ without impersonating a user: pass --as/,
    );
  });
});

describe('-v', () => {
  it('6 logs every request with its status and time on stderr; 7 the headers, credentials masked', async () => {
    const six = await runInProcess(['list', '-n', ns, '-o', 'name', '-v', '6'], { env: admin });
    expect(six).toMatchObject({ code: 0, stdout: mirrorPod });
    expect(six.stderr).toMatch(
      new RegExp(`^GET ${cp.server}/api/v1/namespaces/${ns}/pods\\?\\S+ 200 OK in \\d+ milliseconds$`, 'm'),
    );
    const seven = await runProcess(['list', '-n', ns, '-o', 'name', '--v=7', '--token', token], {
      env: admin,
    });
    expect(seven.code).toBe(0);
    expect(seven.stderr).toContain('    Authorization: Bearer <masked>');
    expect(seven.stderr).not.toContain(token);
    const quiet = await runInProcess(['list', '-n', ns, '-o', 'name'], { env: admin });
    expect(quiet.stderr).toBe('');
    expect((await runInProcess(['list', '-v', 'lots'], { env: admin })).stderr).toMatch(
      /^error: invalid -v "lots"/,
    );
  });
});

describe('HTTPS_PROXY and NO_PROXY', () => {
  /** The admin kubeconfig, with the server named by a host only the proxy can reach. */
  function viaName(): string {
    const k = parse(readFileSync(cp.adminKubeconfig, 'utf8')) as {
      clusters: { cluster: { server: string } }[];
    };
    for (const c of k.clusters) c.cluster.server = `https://kubernetes.default.svc:${port}`;
    const file = path.join(dir, 'by-name.kubeconfig');
    writeFileSync(file, stringify(k));
    return file;
  }

  it('tunnels through HTTPS_PROXY with CONNECT, and NO_PROXY or a loopback server goes direct', async () => {
    const kubeconfig = viaName();
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
    tunnels.length = 0;
    const through = await runProcess(['list', '-n', ns, '-o', 'name', '--kubeconfig', kubeconfig], {
      env: baseEnv({ HTTPS_PROXY: proxyUrl }),
    });
    expect(through).toMatchObject({ code: 0, stdout: mirrorPod });
    expect(tunnels).toContain(`CONNECT kubernetes.default.svc:${port} HTTP/1.1`);
    tunnels.length = 0;
    const noProxy = await runInProcess(['list', '-n', ns, '--kubeconfig', kubeconfig], {
      env: baseEnv({ https_proxy: proxyUrl, NO_PROXY: '.svc' }),
    });
    expect(noProxy.code).toBe(2);
    expect(noProxy.stderr).toMatch(/^error: cannot resolve the API server host kubernetes\.default\.svc/);
    const loopback = await runInProcess(['list', '-n', ns, '-o', 'name'], {
      env: baseEnv({ KUBECONFIG: cp.adminKubeconfig, HTTPS_PROXY: proxyUrl }),
    });
    expect(loopback).toMatchObject({ code: 0, stdout: mirrorPod });
    expect(tunnels).toEqual([]);
  });
});

describe('in-cluster config', () => {
  it('without a kubeconfig, in a Pod: the service account token, the cluster CA and its namespace', async () => {
    const accountDir = mkdtempSync(path.join(dir, 'sa-'));
    writeFileSync(path.join(accountDir, 'token'), token);
    writeFileSync(path.join(accountDir, 'ca.crt'), readFileSync(cp.caFile));
    writeFileSync(path.join(accountDir, 'namespace'), ns);
    const env = baseEnv({ KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: port });
    const r = await runInProcess(['list', '-n', ns, '-o', 'name'], { env, serviceAccountDir: accountDir });
    expect(r).toMatchObject({ code: 0, stdout: mirrorPod });
    // Listing every namespace is forbidden to it: kubectl's fallback to the context (here: the Pod's) namespace.
    const all = await runInProcess(['list', '-o', 'name'], { env, serviceAccountDir: accountDir });
    expect(all).toMatchObject({ code: 0, stdout: mirrorPod });
    expect(all.stderr).toContain(`showing namespace "${ns}" only`);
    // Not in a Pod: still no guessing.
    const outside = await runInProcess(['list'], { env: baseEnv(), serviceAccountDir: accountDir });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/^error: no kubeconfig/);
  });
});
