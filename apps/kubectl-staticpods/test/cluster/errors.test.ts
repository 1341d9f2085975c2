import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureNamespace, issueClientCert, uniqueName } from '@staticpods/testkube';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { controlPlane, restrictedUser } from '../helpers/cluster.js';
import { baseEnv, runInProcess, runProcess } from '../helpers/run.js';

/**
 * Each way of not reaching the cluster has its own first line, exit code 2, and no stack trace
 * unless --verbose.
 */
const cp = controlPlane();
const dir = mkdtempSync(path.join(tmpdir(), 'ksp-errors-'));
const ns = uniqueName('ksp-errors');
let silent: Server;
let silentPort = 0;
const sockets: import('node:net').Socket[] = [];

type Kubeconfig = {
  clusters: { cluster: Record<string, unknown> }[];
  users: { user: Record<string, unknown> }[];
  contexts: { name: string }[];
  'current-context': string;
};

/** A copy of the admin kubeconfig, changed. */
function kubeconfig(name: string, change: (k: Kubeconfig) => void): string {
  const k = parse(readFileSync(cp.adminKubeconfig, 'utf8')) as Kubeconfig;
  change(k);
  const file = path.join(dir, name);
  writeFileSync(file, stringify(k));
  return file;
}

/** A self-signed certificate that no CA of the test cluster knows; returns the path without extension. */
function selfSigned(cn: string): string {
  const base = path.join(dir, cn);
  // biome-ignore format: flag/value pairs read better on shared lines
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
    '-keyout', `${base}.key`, '-out', `${base}.crt`, '-subj', `/CN=${cn}`,
  ], { stdio: 'ignore' });
  return base;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

beforeAll(async () => {
  await ensureNamespace(cp, ns);
  // A server that accepts connections and never answers.
  silent = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  silentPort = (silent.address() as { port: number }).port;
});
afterAll(async () => {
  cp.close();
  rmSync(dir, { recursive: true, force: true });
  for (const s of sockets) s.destroy();
  await new Promise((r) => silent.close(r));
});

const first = (r: { stderr: string }) => r.stderr.split('\n')[0];

describe('cluster errors: one clear first line, exit 2, no stack trace', () => {
  it('no kubeconfig', async () => {
    const r = await runInProcess(['list'], { env: baseEnv() });
    expect(r.code).toBe(2);
    expect(first(r)).toBe('error: no kubeconfig: pass --kubeconfig or set KUBECONFIG');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('an unknown context', async () => {
    const r = await runInProcess(['list', '--context', 'production'], {
      env: baseEnv({ KUBECONFIG: cp.adminKubeconfig }),
    });
    expect(r.code).toBe(2);
    expect(first(r)).toBe(
      `error: context "production" not found in kubeconfig "${cp.adminKubeconfig}": pass --context with one of: kube-admin@testkube`,
    );
  });

  it('an unreachable server (a closed port)', async () => {
    const port = await freePort();
    const file = kubeconfig('closed.yaml', (k) => {
      (k.clusters[0] as { cluster: Record<string, unknown> }).cluster.server = `https://127.0.0.1:${port}`;
    });
    const r = await runInProcess(['list', '--kubeconfig', file], { env: baseEnv() });
    expect(r.code).toBe(2);
    expect(first(r)).toBe(
      `error: cannot reach the API server at https://127.0.0.1:${port} (context "kube-admin@testkube"): connection refused: is the cluster running, and is "kube-admin@testkube" the right context? (kubectl config get-contexts)`,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a server that does not answer within --request-timeout', async () => {
    const file = kubeconfig('silent.yaml', (k) => {
      (k.clusters[0] as { cluster: Record<string, unknown> }).cluster.server =
        `https://127.0.0.1:${silentPort}`;
    });
    const r = await runInProcess(['list', '--kubeconfig', file, '--request-timeout', '300ms'], {
      env: baseEnv(),
    });
    expect(r.code).toBe(2);
    expect(first(r)).toMatch(
      /^error: the API server at https:\/\/127\.0\.0\.1:\d+ \(context "kube-admin@testkube"\) did not answer within 0\.3s: raise --request-timeout, or is the cluster running/,
    );
  });

  it('an expired client certificate', async () => {
    const { cert, key } = await issueClientCert(
      { caCert: cp.caFile, caKey: cp.caKeyFile },
      path.join(dir, 'expired'),
      'expired-user',
      [],
      { days: -1 },
    );
    const file = kubeconfig('expired.yaml', (k) => {
      (k.users[0] as { user: Record<string, unknown> }).user = {
        'client-certificate': cert,
        'client-key': key,
      };
    });
    const r = await runInProcess(['list', '--kubeconfig', file], { env: baseEnv() });
    expect(r.code).toBe(2);
    expect(first(r)).toMatch(
      /^error: the client certificate of user "kube-admin" \(context "kube-admin@testkube"\) expired on \d{4}-\d\d-\d\dT[\d:.]+Z: renew it \(kubeadm: "kubeadm certs renew admin.conf"\) or get a new kubeconfig$/,
    );
  });

  it('credentials the server does not accept (a certificate from another CA)', async () => {
    const base = selfSigned('stranger');
    const file = kubeconfig('stranger.yaml', (k) => {
      (k.users[0] as { user: Record<string, unknown> }).user = {
        'client-certificate': `${base}.crt`,
        'client-key': `${base}.key`,
      };
    });
    const r = await runInProcess(['list', '--kubeconfig', file], { env: baseEnv() });
    expect(r.code).toBe(2);
    expect(first(r)).toMatch(
      /^error: the API server at https:\/\/127\.0\.0\.1:\d+ \(context "kube-admin@testkube"\) rejected the credentials of user "kube-admin" \(401 Unauthorized\)/,
    );
  });

  it("a server certificate the kubeconfig's CA did not sign", async () => {
    const base = selfSigned('other-ca');
    const file = kubeconfig('other-ca.yaml', (k) => {
      (k.clusters[0] as { cluster: Record<string, unknown> }).cluster['certificate-authority'] =
        `${base}.crt`;
    });
    const r = await runInProcess(['list', '--kubeconfig', file], { env: baseEnv() });
    expect(r.code).toBe(2);
    expect(first(r)).toMatch(
      /^error: cannot verify the API server's certificate at https:\/\/127\.0\.0\.1:\d+ \(context "kube-admin@testkube"\): it is not signed by the kubeconfig's certificate-authority/,
    );
  });

  it('a missing permission names it (403), for check --cluster too', async () => {
    const bob = await restrictedUser(cp, uniqueName('bob'), ns);
    const r = await runInProcess(['check', 'examples/manifests', '--cluster', '--kubeconfig', bob], {
      env: baseEnv(),
      cwd: path.resolve('../..'),
    });
    expect(r.code).toBe(2);
    expect(first(r)).toMatch(
      /^error: cannot list (namespaces|priorityclasses\.scheduling\.k8s\.io) at the cluster scope \(missing permission: list (namespaces|priorityclasses\.scheduling\.k8s\.io) cluster-wide\)/,
    );
    expect(r.stderr).toMatch(/^ {2}server: .+ is forbidden: User "bob-[0-9a-f]+" cannot list resource/m);
  });

  it('--verbose adds the stack trace', async () => {
    const port = await freePort();
    const file = kubeconfig('closed-verbose.yaml', (k) => {
      (k.clusters[0] as { cluster: Record<string, unknown> }).cluster.server = `https://127.0.0.1:${port}`;
    });
    const r = await runInProcess(['list', '--kubeconfig', file, '--verbose'], { env: baseEnv() });
    expect(r.code).toBe(2);
    expect(first(r)).toMatch(/^error: cannot reach the API server/);
    expect(r.stderr).toMatch(/\n\s+at /);
  });

  it('the same messages from the real process', async () => {
    const r = await runProcess(['list', '--context', 'production'], {
      env: baseEnv({ KUBECONFIG: cp.adminKubeconfig }),
    });
    expect(r.code).toBe(2);
    expect(first(r)).toMatch(/^error: context "production" not found/);
  });
});
