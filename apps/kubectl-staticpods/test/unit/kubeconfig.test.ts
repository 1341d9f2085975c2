import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { UserError } from '../../src/errors.js';
import { loadKubeTarget } from '../../src/kube/kubeconfig.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ksp-kubeconfig-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, text: string): string {
  const p = path.join(dir, name);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
}

const first = file(
  'a/config',
  `apiVersion: v1
kind: Config
current-context: alpha
clusters:
- name: shared
  cluster: {server: https://first.example:6443, certificate-authority: pki/ca.crt}
- name: only-a
  cluster: {server: https://a.example:6443}
users:
- name: admin
  user: {client-certificate: pki/admin.crt, client-key: /abs/admin.key}
contexts:
- name: alpha
  context: {cluster: shared, user: admin, namespace: team-a}
- name: no-ns
  context: {cluster: only-a, user: admin}
`,
);
const second = file(
  'b/config',
  `current-context: beta
clusters:
- name: shared
  cluster: {server: https://second.example:6443}
- name: only-b
  cluster: {server: https://b.example:6443}
users:
- name: admin
  user: {token: from-second}
- name: robot
  user: {tokenFile: token}
contexts:
- name: alpha
  context: {cluster: only-b, user: robot}
- name: beta
  context: {cluster: only-b, user: robot}
- name: ghost
  context: {cluster: nowhere, user: robot}
`,
);
const noCurrent = file('c/config', 'clusters: []\ncontexts: []\nusers: []\n');
const env = (KUBECONFIG?: string) => ({ HOME: path.join(dir, 'home'), KUBECONFIG });

describe('loadKubeTarget: kubectl loading rules', () => {
  it('merges KUBECONFIG files: the first file to define a name wins, and the first current-context', () => {
    const t = loadKubeTarget({}, env(`${first}:${second}`));
    expect(t.contextName).toBe('alpha');
    expect(t.cluster.server).toBe('https://first.example:6443');
    expect(t.user).toEqual({
      'client-certificate': path.join(dir, 'a/pki/admin.crt'),
      'client-key': '/abs/admin.key',
    });
    expect(t.namespace).toBe('team-a');
    expect(t.files).toEqual([first, second]);
  });
  it('resolves relative paths against the file that holds them', () => {
    expect(loadKubeTarget({}, env(`${first}:${second}`)).cluster['certificate-authority']).toBe(
      path.join(dir, 'a/pki/ca.crt'),
    );
    expect(loadKubeTarget({ context: 'beta' }, env(`${first}:${second}`)).user.tokenFile).toBe(
      path.join(dir, 'b/token'),
    );
  });
  it('takes later files for names the first one does not define', () => {
    const t = loadKubeTarget({ context: 'beta' }, env(`${first}:${second}`));
    expect(t.cluster.server).toBe('https://b.example:6443');
    expect(t.namespace).toBe('default');
  });
  it('skips KUBECONFIG entries that do not exist, and empty ones', () => {
    expect(loadKubeTarget({}, env(`${path.join(dir, 'missing')}::${second}`)).contextName).toBe('beta');
  });
  it('--kubeconfig replaces KUBECONFIG', () => {
    expect(loadKubeTarget({ kubeconfig: second }, env(first)).contextName).toBe('beta');
  });
  it('--context, --cluster, --user and -n override the context', () => {
    const t = loadKubeTarget(
      { context: 'no-ns', cluster: 'only-b', user: 'robot', namespace: 'x' },
      env(`${first}:${second}`),
    );
    expect([t.cluster.server, t.userName, t.namespace, t.namespaceFromFlag]).toEqual([
      'https://b.example:6443',
      'robot',
      'x',
      true,
    ]);
  });
});

describe('loadKubeTarget: no guessing', () => {
  const error = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return e as UserError;
    }
    throw new Error('no error');
  };
  it('no kubeconfig at all', () => {
    const e = error(() => loadKubeTarget({}, env()));
    expect(e.code).toBe('E_NO_KUBECONFIG');
    expect(`${e.message}: ${e.hint}`).toBe('no kubeconfig: pass --kubeconfig or set KUBECONFIG');
  });
  it('--kubeconfig that does not exist', () => {
    expect(error(() => loadKubeTarget({ kubeconfig: '/nope' }, env())).message).toBe(
      'kubeconfig "/nope" does not exist',
    );
  });
  it('KUBECONFIG whose files all do not exist', () => {
    expect(error(() => loadKubeTarget({}, env('/nope1:/nope2'))).code).toBe('E_NO_KUBECONFIG');
  });
  it('an unknown context names the ones there are', () => {
    const e = error(() => loadKubeTarget({ context: 'prod' }, env(first)));
    expect(e.code).toBe('E_CONTEXT_NOT_FOUND');
    expect(e.message).toBe(`context "prod" not found in kubeconfig "${first}"`);
    expect(e.hint).toBe('pass --context with one of: alpha, no-ns');
  });
  it('no current context', () => {
    expect(error(() => loadKubeTarget({}, env(noCurrent))).message).toMatch(
      /^no current context in kubeconfig/,
    );
  });
  it('a context whose cluster is missing', () => {
    expect(error(() => loadKubeTarget({ context: 'ghost' }, env(second))).message).toMatch(
      /^cluster "nowhere" not found/,
    );
  });
  it('a file that is not YAML', () => {
    const bad = file('bad', 'clusters: [\n');
    expect(error(() => loadKubeTarget({}, env(bad))).message).toMatch(/is not valid YAML/);
  });
});
