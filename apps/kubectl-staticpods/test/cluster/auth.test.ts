import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureNamespace, uniqueName } from '@staticpods/testkube';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { controlPlane, exampleManifest, mirror, nodes } from '../helpers/cluster.js';
import { baseEnv, runInProcess, runProcess } from '../helpers/run.js';

/**
 * exec credential plugins go through @kubernetes/client-node (loaded only then); the plugin here
 * hands out the client certificate of a user in system:masters, as cloud plugins hand out tokens.
 */
const cp = controlPlane();
const ns = uniqueName('ksp-auth');
const node = `${ns}-n`;
const dir = mkdtempSync(path.join(tmpdir(), 'ksp-auth-'));
let execConfig: string;
let failingConfig: string;

beforeAll(async () => {
  await ensureNamespace(cp, ns);
  await nodes(cp, [node]);
  expect((await mirror(cp, node, exampleManifest('kube-scheduler.yaml', { namespace: ns }))).accepted).toBe(
    true,
  );
  const identity = parse(readFileSync(await cp.kubeconfigFor('exec-user', ['system:masters']), 'utf8')) as {
    users: { user: { 'client-certificate': string; 'client-key': string } }[];
  };
  const user = identity.users[0]?.user;
  const plugin = path.join(dir, 'credential-plugin.mjs');
  writeFileSync(
    plugin,
    `import { readFileSync } from 'node:fs';
const [cert, key] = process.argv.slice(2);
process.stdout.write(JSON.stringify({
  apiVersion: 'client.authentication.k8s.io/v1',
  kind: 'ExecCredential',
  status: { clientCertificateData: readFileSync(cert, 'utf8'), clientKeyData: readFileSync(key, 'utf8') },
}));
`,
  );
  const base = parse(readFileSync(cp.adminKubeconfig, 'utf8')) as {
    users: { name: string; user: unknown }[];
  };
  const withExec = (args: string[]) => {
    const k = structuredClone(base);
    (k.users[0] as { user: unknown }).user = {
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1',
        command: process.execPath,
        args,
        interactiveMode: 'Never',
      },
    };
    return stringify(k);
  };
  execConfig = path.join(dir, 'exec.kubeconfig');
  writeFileSync(
    execConfig,
    withExec([plugin, user?.['client-certificate'] ?? '', user?.['client-key'] ?? '']),
  );
  failingConfig = path.join(dir, 'failing.kubeconfig');
  writeFileSync(
    failingConfig,
    withExec(['-e', 'process.stderr.write("token expired, run login"); process.exit(1)']),
  );
});
afterAll(() => {
  cp.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('exec credential plugins', () => {
  it('list works with credentials from an exec plugin (in-process)', async () => {
    const r = await runInProcess(['list', '-n', ns, '-o', 'name', '--kubeconfig', execConfig], {
      env: baseEnv(),
    });
    expect(r).toEqual({ code: 0, stdout: `pod/kube-scheduler-${node}\n`, stderr: '' });
  });

  it('and from the bundle, where client-node is a lazy chunk', async () => {
    const r = await runProcess(['list', '-n', ns, '-o', 'name', '--kubeconfig', execConfig], {
      env: baseEnv(),
    });
    expect(r).toEqual({ code: 0, stdout: `pod/kube-scheduler-${node}\n`, stderr: '' });
  });

  it('a failing plugin is an error that says so (exit 2)', async () => {
    const r = await runInProcess(['list', '-n', ns, '--kubeconfig', failingConfig], { env: baseEnv() });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(
      /^error: cannot get credentials for user "kube-admin" \(exec plugin ".*"\): .*run the credential plugin by hand/,
    );
  });
});
