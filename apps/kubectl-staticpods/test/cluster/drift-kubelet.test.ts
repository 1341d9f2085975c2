import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect, type HollowNode, type Pod, startNode, uniqueName } from '@staticpods/testkube';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { baseEnv, EXAMPLES, runInProcess } from '../helpers/run.js';

/**
 * `list --drift` against a real kubelet (a hollow node: the kubelet's own code, a fake container
 * runtime): its mirror Pods carry the config hashes it computed, and it tells where it reads its
 * files through /configz. A local copy of its directory with one edited file: the edit is not
 * running, the rest is.
 */
const state = inject('testkube');
const cp = connect(state);
const env = baseEnv({ KUBECONFIG: cp.adminKubeconfig });
const files = ['etcd.yaml', 'kube-apiserver.yaml', 'kube-scheduler.yaml'];
let node: HollowNode;
let copy: string;

beforeAll(async () => {
  node = await startNode({ ...cp, binaries: state.binaries }, { name: uniqueName('drift') });
  for (const f of files) await node.writeManifest(f, readFileSync(path.join(EXAMPLES, f), 'utf8'));
  const admin = cp.client('admin');
  const deadline = Date.now() + 120_000;
  for (;;) {
    const res = await admin.request(
      'GET',
      `/api/v1/namespaces/kube-system/pods?fieldSelector=spec.nodeName=${node.name}`,
    );
    const mirrors = (res.body as { items: Pod[] }).items.filter(
      (p) => p.metadata?.annotations?.['kubernetes.io/config.mirror'],
    );
    if (mirrors.length === files.length) break;
    if (Date.now() > deadline)
      throw new Error(`the kubelet made ${mirrors.length} of ${files.length} mirror Pods`);
    await new Promise((r) => setTimeout(r, 250));
  }
  copy = mkdtempSync(path.join(tmpdir(), 'ksp-node-copy-'));
  cpSync(node.staticPodPath, copy, { recursive: true });
}, 180_000);
afterAll(async () => {
  await node?.stop();
  cp.close();
  if (copy) rmSync(copy, { recursive: true, force: true });
});

type Row = { file: string | null; status: string; reason: string; nodePath: string | null };
async function drift(...extra: string[]): Promise<Map<string, Row>> {
  const r = await runInProcess(
    ['list', '--manifests', copy, '--node', node.name, '--drift', '-o', 'json', ...extra],
    {
      env,
    },
  );
  expect(r.code, r.stderr).toBe(0);
  const items = (JSON.parse(r.stdout) as { items: Row[] }).items;
  return new Map(items.map((i) => [i.file ? path.basename(i.file) : `<none>:${i.status}`, i]));
}

it("finds every file in sync with the kubelet's mirror Pods, at the path its /configz reports", async () => {
  const rows = await drift();
  for (const f of files) {
    expect(rows.get(f)).toMatchObject({ status: 'in-sync', nodePath: path.join(node.staticPodPath, f) });
  }
});

it('reports an edited file the kubelet does not run as stale', async () => {
  const etcd = path.join(copy, 'etcd.yaml');
  writeFileSync(etcd, readFileSync(etcd, 'utf8').replace('etcd:3.5.21-0', 'etcd:3.5.22-0'));
  const rows = await drift();
  expect(rows.get('etcd.yaml')?.status).toBe('stale');
  expect(rows.get('etcd.yaml')?.reason).toMatch(
    /^the node runs another version: its mirror Pod has config hash/,
  );
  expect(rows.get('kube-apiserver.yaml')?.status).toBe('in-sync');
  // A --node-path that is not where the kubelet reads them: nothing matches, and the rows say where they looked.
  const wrong = await drift('--node-path', '/srv/manifests');
  expect(wrong.get('kube-scheduler.yaml')?.status).toBe('stale');
  expect(wrong.get('kube-scheduler.yaml')?.reason).toContain('at /srv/manifests/kube-scheduler.yaml');
});
