import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureNamespace, uniqueName } from '@staticpods/testkube';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlPlane, nodes } from '../helpers/cluster.js';
import { baseEnv, runInProcess } from '../helpers/run.js';

/** check --cluster: the rules that need cluster facts, against a real API server. */
const cp = controlPlane();
const ns = uniqueName('ksp-check');
const node = `${ns}-node`;
const dir = mkdtempSync(path.join(tmpdir(), 'ksp-check-cluster-'));
const env = baseEnv({ KUBECONFIG: cp.adminKubeconfig });

function pod(name: string, meta: Record<string, unknown>, spec: Record<string, unknown>): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, ...meta },
    spec: { containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10' }], ...spec },
  });
}

beforeAll(async () => {
  await ensureNamespace(cp, ns);
  await nodes(cp, [node], { 'example.com/disk': 'ssd' });
  writeFileSync(
    path.join(dir, 'in-missing-namespace.yaml'),
    pod('collector', { namespace: `${ns}-missing` }, {}),
  );
  writeFileSync(
    path.join(dir, 'unknown-priority.yaml'),
    pod('agent', { namespace: ns }, { priorityClassName: 'node-agents', priority: 1000 }),
  );
  writeFileSync(
    path.join(dir, 'wrong-node.yaml'),
    pod('gpu-agent', { namespace: ns }, { nodeSelector: { 'example.com/gpu': 'true' } }),
  );
  writeFileSync(
    path.join(dir, 'fine.yaml'),
    pod('fine', { namespace: ns }, { nodeSelector: { 'example.com/disk': 'ssd' } }),
  );
});
afterAll(() => {
  cp.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('check --cluster', () => {
  it('finds the missing namespace (SP025), the unknown PriorityClass (SP026) and the node mismatch (SP033)', async () => {
    const r = await runInProcess(['check', dir, '--cluster', '--node', node, '-o', 'json'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    expect(doc.cluster).toBe(true);
    const found = doc.findings
      .filter((f: { ruleId: string }) => ['SP025', 'SP026', 'SP033'].includes(f.ruleId))
      .map((f: { ruleId: string; file: string; message: string }) => [
        f.ruleId,
        path.basename(f.file),
        f.message,
      ]);
    expect(found).toEqual([
      [
        'SP025',
        'in-missing-namespace.yaml',
        `namespace "${ns}-missing" does not exist: the Pod runs, but its mirror Pod is refused, so kubectl never shows it`,
      ],
      [
        'SP026',
        'unknown-priority.yaml',
        'PriorityClass "node-agents" does not exist: the mirror Pod is refused',
      ],
      [
        'SP033',
        'wrong-node.yaml',
        `node "${node}" does not match the Pod's nodeSelector/affinity: the kubelet rejects the Pod there`,
      ],
    ]);
    expect(
      doc.findings.some(
        (f: { file: string; ruleId: string }) => f.file.endsWith('fine.yaml') && f.ruleId !== 'SP027',
      ),
    ).toBe(false);
  });

  it('without --cluster those rules do not run', async () => {
    const r = await runInProcess(['check', dir, '--node', node, '-o', 'json'], { env });
    const ids = JSON.parse(r.stdout).findings.map((f: { ruleId: string }) => f.ruleId);
    expect(ids).not.toContain('SP025');
    expect(ids).not.toContain('SP033');
  });

  it('a PriorityClass that exists is no finding', async () => {
    const res = await cp.client('admin').request('POST', '/apis/scheduling.k8s.io/v1/priorityclasses', {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: `${ns}-agents` },
      value: 1000,
    });
    expect(res.status).toBe(201);
    writeFileSync(
      path.join(dir, 'unknown-priority.yaml'),
      pod('agent', { namespace: ns }, { priorityClassName: `${ns}-agents`, priority: 1000 }),
    );
    const r = await runInProcess(
      ['check', path.join(dir, 'unknown-priority.yaml'), '--cluster', '--node', node],
      { env },
    );
    expect(r.stdout).not.toMatch(/SP026/);
    expect(r.code).toBe(0);
  });

  it('a --node that is not in the cluster is a warning, and the node rule is skipped', async () => {
    const r = await runInProcess(['check', dir, '--cluster', '--node', 'no-such-node'], { env });
    expect(r.stderr).toBe(
      'warning: node "no-such-node" is not in the cluster; the node checks (SP033) are skipped\n',
    );
    expect(r.stdout).not.toMatch(/SP033/);
  });
});
