import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildCutoverPlan,
  decodeMigrationState,
  encodeMigrationState,
  forwardSteps,
  type NodeAction,
  newMigrationState,
  nodeScript,
  planOf,
  SCRIPT_REFUSED,
  safeNodeOrder,
  withNode,
} from '../src/index.js';
import { convertChecked, file, ok, pod } from './helpers/convert.js';

const agent = pod('agent', {
  hostNetwork: true,
  terminationGracePeriodSeconds: 5,
  containers: [{ name: 'a', image: 'busybox:1.37', ports: [{ containerPort: 9100, hostPort: 9100 }] }],
});

async function plan3() {
  return ok(
    await convertChecked(file(agent, '/etc/kubernetes/manifests/agent.yaml'), {
      placement: { kind: 'nodes', nodes: ['n1', 'n2', 'n3'] },
    }),
  ).plan;
}

describe('the cut-over plan as data', () => {
  it('gives each forward step its action, wait and rollback', async () => {
    const plan = await plan3();
    const steps = forwardSteps(plan, 'n2');
    expect(
      steps.map((s) => [s.id, s.action?.kind, s.wait?.kind, s.rollback?.map((r) => r.action?.kind)]),
    ).toEqual([
      ['move-manifest', 'move-manifest', undefined, ['restore-manifest']],
      ['wait-mirror-deleted', undefined, 'mirror-pod-deleted', undefined],
      ['label-node', 'label-node', undefined, ['unlabel-node']],
      ['wait-ready', undefined, 'daemonset-pod-ready', undefined],
    ]);
    expect(steps[0]?.action).toEqual({
      kind: 'move-manifest',
      node: 'n2',
      manifestPath: '/etc/kubernetes/manifests/agent.yaml',
      backupPath: '/etc/kubernetes/manifests-backup/agent.yaml',
    });
    // 20 s fileCheckFrequency + 5 s grace + 60 s.
    expect(steps[1]?.wait).toEqual({
      kind: 'mirror-pod-deleted',
      namespace: 'kube-system',
      pod: 'agent-n2',
      node: 'n2',
      timeoutSeconds: 85,
    });
    expect(steps[2]?.action).toEqual({
      kind: 'label-node',
      node: 'n2',
      key: 'migrated.staticpods.io/kube-system.agent',
      value: 'true',
    });
    expect(steps[3]?.wait).toMatchObject({ kind: 'daemonset-pod-ready', selector: 'app=agent', node: 'n2' });
    expect(plan.steps[0]?.action).toEqual({ kind: 'apply-daemonset' });
  });

  it('undoes a node with the same operations the printed rollback steps carry, DaemonSet Pod first', async () => {
    const plan = await plan3();
    for (const node of ['n1', 'n2', 'n3']) {
      const printed = plan.steps
        .filter((s) => s.phase === 'rollback' && s.node === node)
        .map((s) => ({ ...(s.action && { action: s.action }), ...(s.wait && { wait: s.wait }) }));
      // Undoing a node: the rollback of each forward step, last step first.
      const undo = forwardSteps(plan, node)
        .reverse()
        .flatMap((s) => s.rollback ?? []);
      expect(undo.map((o) => [o.action?.kind, o.wait?.kind])).toEqual([
        ['unlabel-node', 'daemonset-pod-deleted'],
        ['restore-manifest', 'mirror-pod-ready'],
      ]);
      // The printed rollback splits "restore" and "wait for the mirror" into two steps; same operations.
      expect(printed.flatMap((p) => [p.action, p.wait].filter(Boolean))).toEqual(
        undo.flatMap((o) => [o.action, o.wait]),
      );
    }
  });

  it('is rebuilt from its input, which survives JSON', async () => {
    const plan = await plan3();
    const again = buildCutoverPlan(JSON.parse(JSON.stringify(plan.input)));
    expect(again).toEqual(plan);
  });

  it('waits for the mirror Pod in the static Pod namespace when the DaemonSet goes elsewhere', async () => {
    const r = ok(
      await convertChecked(file(agent), {
        namespace: 'monitoring',
        placement: { kind: 'nodes', nodes: ['n1'] },
      }),
    );
    const wait = forwardSteps(r.plan, 'n1').find((s) => s.wait?.kind === 'mirror-pod-deleted');
    expect(wait?.wait).toMatchObject({ namespace: 'kube-system', pod: 'agent-n1' });
    expect(wait?.commands[0]).toContain('-n kube-system wait --for=delete pod/agent-n1');
    expect(forwardSteps(r.plan, 'n1').find((s) => s.id === 'wait-ready')?.wait).toMatchObject({
      namespace: 'monitoring',
    });
  });
});

describe('the migration state', () => {
  it('round-trips through the annotation text and rebuilds the plan', async () => {
    const plan = await plan3();
    const state = withNode(newMigrationState(plan), 'n1', { status: 'migrated', step: 'wait-ready' });
    const decoded = decodeMigrationState(encodeMigrationState(state));
    expect(decoded).toEqual({ ok: true, state });
    if (decoded.ok) expect(planOf(decoded.state)).toEqual(plan);
  });

  it('refuses what it did not write, saying why', () => {
    expect(decodeMigrationState('{')).toMatchObject({
      ok: false,
      error: expect.stringContaining('not JSON'),
    });
    expect(decodeMigrationState('{"version":2}')).toEqual({ ok: false, error: 'version 2, expected 1' });
    const input = {
      staticName: 'a',
      namespace: 'ns',
      name: 'a',
      podSelector: 'app=a',
      nodes: ['n1'],
      terminationGracePeriodSeconds: 30,
    };
    expect(
      decodeMigrationState(JSON.stringify({ version: 1, input, nodes: { n1: { status: 'done' } } })),
    ).toEqual({
      ok: false,
      error: 'nodes.n1.status must be one of pending, migrating, migrated, rolling-back',
    });
  });

  it('orders nodes whose static Pod is not Ready first, then by name', () => {
    expect(safeNodeOrder(['c', 'a', 'b', 'd'], new Set(['d', 'b']))).toEqual(['b', 'd', 'a', 'c']);
  });
});

/** Runs a node script with the real sh, in a directory standing for the node's root. */
function run(action: NodeAction, root: string) {
  const r = spawnSync('sh', ['-s'], { input: nodeScript(action, { root }), encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout.trim(), stderr: r.stderr.trim() };
}

describe('the node script', () => {
  const paths = {
    node: 'n1',
    manifestPath: '/etc/kubernetes/manifests/agent.yaml',
    backupPath: '/etc/kubernetes/manifests-backup/agent.yaml',
  };
  const move: NodeAction = { kind: 'move-manifest', ...paths };
  const restore: NodeAction = { kind: 'restore-manifest', ...paths };
  function node(): string {
    const root = mkdtempSync(join(tmpdir(), 'node-script-'));
    mkdirSync(`${root}/etc/kubernetes/manifests`, { recursive: true });
    writeFileSync(`${root}${paths.manifestPath}`, 'kind: Pod\n');
    return root;
  }

  it('moves the manifest out of staticPodPath, and again is a no-op', () => {
    const root = node();
    expect(run(move, root)).toEqual({
      code: 0,
      stdout: `moved ${paths.manifestPath} to ${paths.backupPath}`,
      stderr: '',
    });
    expect(readdirSync(`${root}/etc/kubernetes/manifests`)).toEqual([]);
    expect(readFileSync(`${root}${paths.backupPath}`, 'utf8')).toBe('kind: Pod\n');
    expect(run(move, root)).toMatchObject({
      code: 0,
      stdout: `${paths.manifestPath} was already moved to ${paths.backupPath}`,
    });
  });

  it('never overwrites an older backup, and refuses a missing manifest', () => {
    const root = node();
    mkdirSync(`${root}/etc/kubernetes/manifests-backup`);
    writeFileSync(`${root}${paths.backupPath}`, 'older\n');
    const r = run(move, root);
    expect(r.code).toBe(SCRIPT_REFUSED);
    expect(r.stderr).toBe(
      `refusing to move ${paths.manifestPath}: the backup ${paths.backupPath} already exists; move one of them away by hand`,
    );
    expect(readFileSync(`${root}${paths.backupPath}`, 'utf8')).toBe('older\n');
    const empty = mkdtempSync(join(tmpdir(), 'node-script-'));
    expect(run(move, empty)).toMatchObject({
      code: SCRIPT_REFUSED,
      stderr: expect.stringContaining('neither it nor'),
    });
  });

  it('restores through a dot-file and one rename, and again is a no-op', () => {
    const root = node();
    run(move, root);
    expect(run(restore, root)).toMatchObject({
      code: 0,
      stdout: `restored ${paths.manifestPath} from ${paths.backupPath}`,
    });
    expect(readdirSync(`${root}/etc/kubernetes/manifests`)).toEqual(['agent.yaml']);
    expect(existsSync(`${root}${paths.backupPath}`)).toBe(false);
    expect(run(restore, root)).toMatchObject({
      code: 0,
      stdout: `${paths.manifestPath} is already in place`,
    });
    // The restore writes the temporary copy under a dot name, which the kubelet skips.
    expect(nodeScript(restore)).toContain('t=/etc/kubernetes/manifests/.agent.yaml.staticpods-restore');
  });

  it('after a crash between rename and removal, removes the equal backup; refuses a different one', () => {
    const root = node();
    mkdirSync(`${root}/etc/kubernetes/manifests-backup`);
    writeFileSync(`${root}${paths.backupPath}`, 'kind: Pod\n');
    expect(run(restore, root)).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('removed the copy'),
    });
    expect(existsSync(`${root}${paths.backupPath}`)).toBe(false);
    writeFileSync(`${root}${paths.backupPath}`, 'edited\n');
    expect(run(restore, root)).toMatchObject({
      code: SCRIPT_REFUSED,
      stderr: expect.stringContaining('differs'),
    });
    expect(readFileSync(`${root}${paths.manifestPath}`, 'utf8')).toBe('kind: Pod\n');
  });

  it('quotes paths for the shell', () => {
    const odd: NodeAction = { ...move, manifestPath: "/etc/k8s/it's here.yaml" };
    expect(nodeScript(odd)).toContain(`m='/etc/k8s/it'\\''s here.yaml'`);
  });
});
