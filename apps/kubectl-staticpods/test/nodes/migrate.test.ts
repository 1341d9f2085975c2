import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import { ensureNamespace, uniqueName, waitFor } from '@staticpods/testkube';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlPlane } from '../helpers/cluster.js';
import {
  BACKUPS,
  daemonSetPods,
  files,
  getPod,
  type HollowCluster,
  hollowCluster,
  isReady,
  MANIFESTS,
  mirrorsReady,
  runPrinted,
  runStreaming,
} from '../helpers/hollow.js';
import { baseEnv, EXAMPLES, runInProcess } from '../helpers/run.js';

/**
 * `migrate` end to end on real nodes: hollow kubelets (the kubelet's code, a fake container
 * runtime) with their staticPodPath in a directory of this test, kube-controller-manager (the
 * DaemonSet controller) and kube-scheduler; the nodes are reached with --node-exec for real.
 */
const cp = controlPlane();
const clusters: HollowCluster[] = [];
afterAll(async () => {
  await Promise.all(clusters.map((c) => c.stop()));
  cp.close();
});

/** A node agent with hostNetwork and a host port, as node exporters are. */
function agent(ns: string): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'agent', namespace: ns, labels: { app: 'agent' } },
    spec: {
      hostNetwork: true,
      terminationGracePeriodSeconds: 2,
      containers: [
        {
          name: 'agent',
          image: 'registry.k8s.io/pause:3.10',
          ports: [{ name: 'metrics', containerPort: 9100, hostPort: 9100 }],
        },
      ],
    },
  });
}

/** Three hollow nodes in a new namespace, each running the agent as a static Pod. */
async function setUp(prefix: string) {
  const ns = uniqueName(prefix);
  await ensureNamespace(cp, ns);
  const names = [1, 2, 3].map((i) => uniqueName(`${prefix}${i}`)).sort();
  const c = await hollowCluster(cp, names, { 'agent.yaml': agent(ns) });
  clusters.push(c);
  await mirrorsReady(c, ns, 'agent');
  const env = { KUBECONFIG: c.kubeconfig };
  return { ns, names, c, env };
}

type Event = {
  event: string;
  node?: string;
  step?: string;
  message: string;
  resume?: string;
  rollback?: string;
};
const events = (stdout: string): Event[] =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Event);

async function migrationState(ns: string, name = 'agent') {
  const res = await cp.client('admin').request('GET', `/apis/apps/v1/namespaces/${ns}/daemonsets/${name}`);
  if (res.status === 404) return undefined;
  const ds = res.body as { metadata: { annotations: Record<string, string> } };
  const state = JSON.parse(ds.metadata.annotations['staticpods.io/migration'] ?? '{}') as {
    nodes: Record<string, { status: string; error?: string }>;
  };
  return Object.fromEntries(Object.entries(state.nodes).map(([n, p]) => [n, p.status]));
}

async function nodeLabels(name: string): Promise<Record<string, string>> {
  const res = await cp.client('admin').request('GET', `/api/v1/nodes/${name}`);
  return (res.body as { metadata: { labels: Record<string, string> } }).metadata.labels;
}

describe('migrate on real nodes', () => {
  let s: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    s = await setUp('mig');
  }, 240_000);

  it('migrates a hostNetwork agent with a host port on 3 nodes, one at a time, and reports JSON events', async () => {
    const { ns, names, c, env } = s;
    const r = await runStreaming(
      ['migrate', `agent-${names[0]}`, '-n', ns, '--node-exec', c.nodeExec, '--yes', '-o', 'json'],
      env,
    );
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    const ev = events(r.stdout);
    expect(ev[0]).toMatchObject({ event: 'daemonset-created' });
    expect(ev.at(-1)).toMatchObject({
      event: 'finished',
      message: `migrated: daemonset ${ns}/agent runs on all 3 nodes; each node keeps the manifest at ${BACKUPS}/agent.yaml`,
    });
    // One node at a time, in name order (every static Pod was Ready): each node's four steps in order,
    // and the gate opened only once the mirror Pod was gone (its host port free).
    const done = ev.filter((e) => e.event === 'step-done').map((e) => `${e.node ?? ''}:${e.step}`);
    expect(done).toEqual([
      ...names.flatMap((n) => [
        `${n}:move-manifest`,
        `${n}:wait-mirror-deleted`,
        `${n}:label-node`,
        `${n}:wait-ready`,
      ]),
      ':check-rollout',
    ]);
    for (const n of names) {
      expect(files(c.manifestDir(n))).toEqual([]);
      expect(files(c.backupDir(n))).toEqual(['agent.yaml']);
      expect(readFileSync(`${c.backupDir(n)}/agent.yaml`, 'utf8')).toBe(agent(ns));
      expect(await getPod(cp, ns, `agent-${n}`)).toBeUndefined();
      expect(await nodeLabels(n)).toMatchObject({ [`migrated.staticpods.io/${ns}.agent`]: 'true' });
    }
    const pods = await daemonSetPods(c, ns, 'app=agent');
    expect([...pods.keys()].sort()).toEqual(names);
    for (const p of pods.values()) {
      expect(isReady(p)).toBe(true);
      expect(p.spec?.hostNetwork).toBe(true);
    }
    expect(await migrationState(ns)).toEqual(Object.fromEntries(names.map((n) => [n, 'migrated'])));
  });

  it('a second run finds nothing left to do; on a terminal a step shows while it runs', async () => {
    const { ns, c, env } = s;
    const r = await runInProcess(
      ['migrate', 'daemonset/agent', '-n', ns, '--node-exec', c.nodeExec, '--yes'],
      {
        env: baseEnv(env),
        tty: true,
      },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('resuming: 3 migrated, 0 pending, 0 in between');
    // The running step's line, then erased and replaced by its result.
    const erase = '\r\u001b[K';
    expect(r.stdout).toContain(
      `check-rollout: wait for every Pod of daemonset ${ns}/agent to be updated and Ready (at most 300s) …${erase}check-rollout: 3 of 3 Pods Ready, 3 updated (`,
    );
  });

  it('--rollback restores every manifest in reverse order and deletes the DaemonSet', async () => {
    const { ns, names, c, env } = s;
    const r = await runStreaming(
      [
        'migrate',
        'daemonset/agent',
        '-n',
        ns,
        '--rollback',
        '--node-exec',
        c.nodeExec,
        '--yes',
        '-o',
        'json',
      ],
      env,
    );
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    const back = events(r.stdout)
      .filter((e) => e.event === 'node-rolled-back')
      .map((e) => e.node);
    expect(back).toEqual([...names].reverse());
    expect(events(r.stdout).at(-1)).toMatchObject({
      event: 'finished',
      message: `rolled back: every node runs its static Pod again; daemonset ${ns}/agent is deleted`,
    });
    for (const n of names) {
      expect(files(c.manifestDir(n))).toEqual(['agent.yaml']);
      expect(files(c.backupDir(n))).toEqual([]);
      expect(isReady(await getPod(cp, ns, `agent-${n}`))).toBe(true);
      expect(await nodeLabels(n)).not.toHaveProperty(`migrated.staticpods.io/${ns}.agent`);
    }
    expect(await migrationState(ns)).toBeUndefined();
    expect((await daemonSetPods(c, ns, 'app=agent')).size).toBe(0);
  });
});

describe('migrate stops on a failure and resumes', () => {
  it('a DaemonSet Pod that never becomes Ready: the node goes back, the run stops, the printed command resumes', async () => {
    const { ns, names, c, env } = await setUp('fail');
    const [n1, n2, n3] = names as [string, string, string];
    // The DaemonSet controller places no Pod on a node with a taint the Pods do not tolerate.
    const taint = { key: 'example.com/broken', value: 'true', effect: 'NoSchedule' };
    const patch = (taints: unknown[]) =>
      cp.client('admin').request('PATCH', `/api/v1/nodes/${n2}`, { spec: { taints } }, undefined, {
        contentType: 'application/merge-patch+json',
      });
    expect((await patch([taint])).status).toBe(200);
    const r = await runStreaming(
      [
        'migrate',
        '-f',
        '-',
        '--static-pod-path',
        MANIFESTS,
        '--node-exec',
        c.nodeExec,
        '--yes',
        '--timeout',
        '20s',
      ],
      env,
      undefined,
      agent(ns),
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      new RegExp(
        `${n2} {2}4/4 wait-ready: FAILED: waited 20s for the DaemonSet Pod on node ${n2} to be Ready; last seen: daemonset ${ns}/agent has no Pod on node ${n2} \\(a taint it does not tolerate\\?`,
      ),
    );
    expect(r.stdout).toContain(`node ${n2} runs its static Pod again`);
    // n1 migrated, n2 back to its static Pod, n3 untouched.
    expect(await migrationState(ns)).toEqual({ [n1]: 'migrated', [n2]: 'pending', [n3]: 'pending' });
    expect(r.stdout).toContain(
      'Every node runs either its static Pod (pending) or the DaemonSet Pod (migrated).',
    );
    expect(files(c.manifestDir(n2))).toEqual(['agent.yaml']);
    expect(files(c.backupDir(n2))).toEqual([]);
    expect(isReady(await getPod(cp, ns, `agent-${n2}`))).toBe(true);
    expect(await nodeLabels(n2)).not.toHaveProperty(`migrated.staticpods.io/${ns}.agent`);
    expect(files(c.manifestDir(n3))).toEqual(['agent.yaml']);
    expect([...(await daemonSetPods(c, ns, 'app=agent')).keys()]).toEqual([n1]);

    const resume = /^To resume: {4}(.+)$/m.exec(r.stdout)?.[1] ?? '';
    const rollback = /^To roll back: (.+)$/m.exec(r.stdout)?.[1] ?? '';
    expect(resume).toBe(
      `kubectl staticpods migrate daemonset/agent -n ${ns} --node-exec '${c.nodeExec.replaceAll("'", `'\\''`)}' --timeout 20s`,
    );
    expect(rollback).toContain(`migrate daemonset/agent -n ${ns} --rollback --node-exec`);

    expect((await patch([])).status).toBe(200);
    const again = await runPrinted(`${resume} --yes`, env);
    expect(again.stderr).not.toMatch(/error:/);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('resuming: 1 migrated, 2 pending, 0 in between');
    expect(again.stdout).not.toContain(`${n1}  1/4`);
    expect(await migrationState(ns)).toEqual({ [n1]: 'migrated', [n2]: 'migrated', [n3]: 'migrated' });
    expect([...(await daemonSetPods(c, ns, 'app=agent')).keys()].sort()).toEqual(names);
  });

  it('Ctrl-C in the middle brings the node at hand back, exits 130, and the same command resumes', async () => {
    const { ns, names, c, env } = await setUp('int');
    const [n1, n2, n3] = names as [string, string, string];
    const argv = ['migrate', `agent-${n1}`, '-n', ns, '--node-exec', c.nodeExec, '--yes', '-o', 'json'];
    let sent = false;
    const r = await runStreaming(argv, env, (line, child) => {
      const e = JSON.parse(line) as Event;
      // The second node's manifest has just moved: the node is between its two Pods.
      if (!sent && e.event === 'step-done' && e.node === n2 && e.step === 'move-manifest') {
        sent = true;
        child.kill('SIGINT');
      }
    });
    expect(sent).toBe(true);
    expect(r.code).toBe(130);
    const ev = events(r.stdout);
    expect(ev.find((e) => e.event === 'interrupted')?.message).toMatch(
      /^interrupted: bringing the node at hand/,
    );
    expect(ev.filter((e) => e.event === 'node-rolled-back').map((e) => e.node)).toEqual([n2]);
    expect(ev.at(-1)).toMatchObject({
      event: 'stopped',
      message: `stopped after Ctrl-C: node ${n2}: interrupted`,
      resume: expect.stringContaining(`migrate daemonset/agent -n ${ns} --node-exec`),
    });
    expect(await migrationState(ns)).toEqual({ [n1]: 'migrated', [n2]: 'pending', [n3]: 'pending' });
    expect(files(c.manifestDir(n2))).toEqual(['agent.yaml']);
    expect(isReady(await getPod(cp, ns, `agent-${n2}`))).toBe(true);
    expect([...(await daemonSetPods(c, ns, 'app=agent')).keys()]).toEqual([n1]);

    // The same command again: the mirror Pods left (n2, n3) make the same DaemonSet, whose state resumes.
    const again = await runStreaming(
      [...argv.map((a) => (a === `agent-${n1}` ? `agent-${n2}` : a)), '--max-unavailable', '2'],
      env,
    );
    expect(again.code).toBe(0);
    // Both nodes left at once: the second started before the first was done.
    const order = events(again.stdout)
      .filter((e) => e.event === 'step-started' || e.event === 'node-migrated')
      .map((e) => `${e.event}:${e.node ?? ''}:${e.step ?? ''}`);
    expect(order.indexOf(`step-started:${n3}:move-manifest`)).toBeLessThan(
      order.indexOf(`node-migrated:${n2}:`),
    );
    expect(await migrationState(ns)).toEqual({ [n1]: 'migrated', [n2]: 'migrated', [n3]: 'migrated' });
  });
});

describe('migrate refuses and asks', () => {
  let c: HollowCluster;
  let node: string;
  let ns: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    ns = uniqueName('ask');
    await ensureNamespace(cp, ns);
    node = uniqueName('ask');
    const scheduler = readFileSync(`${EXAMPLES}/kube-scheduler.yaml`, 'utf8').replace(
      'namespace: kube-system',
      `namespace: ${ns}`,
    );
    const probe = agent(ns).replaceAll('agent', 'probe').replace('9100', '9101').replace('9100', '9101');
    c = await hollowCluster(cp, [node], {
      'kube-scheduler.yaml': scheduler,
      'agent.yaml': agent(ns),
      'probe.yaml': probe,
    });
    clusters.push(c);
    for (const name of ['kube-scheduler', 'agent', 'probe']) await mirrorsReady(c, ns, name);
    env = { KUBECONFIG: c.kubeconfig };
  }, 240_000);

  it('refuses a control-plane bootstrap component and changes nothing', async () => {
    const r = await runStreaming(
      ['migrate', `kube-scheduler-${node}`, '-n', ns, '--node-exec', c.nodeExec, '--yes'],
      env,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error bootstrap-component.*--force/);
    expect(r.stderr).toContain('not migrated (see the error above); nothing was changed');
    expect(files(c.manifestDir(node))).toEqual(['agent.yaml', 'kube-scheduler.yaml', 'probe.yaml']);
    expect(await migrationState(ns, 'kube-scheduler')).toBeUndefined();
  });

  it('--dry-run prints every step with the exact node command and changes nothing', async () => {
    const r = await runStreaming(
      ['migrate', `agent-${node}`, '-n', ns, '--node-exec', c.nodeExec, '--dry-run'],
      env,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `  1. create daemonset ${ns}/agent with the migration state in annotation staticpods.io/migration (server dry run: accepted)`,
    );
    expect(r.stdout).toContain(
      `  2. [${node}] move ${MANIFESTS}/agent.yaml to ${BACKUPS}/agent.yaml on node ${node}`,
    );
    expect(r.stdout).toContain(`       ${c.nodeExec.replace('{node}', node)} <<'EOF'`);
    expect(r.stdout).toContain(`  4. [${node}] label node ${node} migrated.staticpods.io/${ns}.agent=true`);
    expect(r.stdout).toContain(
      `  5. [${node}] wait for the DaemonSet Pod on node ${node} to be Ready (at most 300s)`,
    );
    expect(r.stdout).toContain(
      `  6. wait for every Pod of daemonset ${ns}/agent to be updated and Ready (at most 300s)`,
    );
    expect(files(c.manifestDir(node))).toEqual(['agent.yaml', 'kube-scheduler.yaml', 'probe.yaml']);
    expect(await migrationState(ns)).toBeUndefined();
  });

  it('asks before acting; anything but yes changes nothing', async () => {
    const r = await runStreaming(
      ['migrate', `agent-${node}`, '-n', ns, '--node-exec', c.nodeExec],
      env,
      undefined,
      'n\n',
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Proceed? [y/N] Not confirmed; nothing was changed.');
    expect(await migrationState(ns)).toBeUndefined();
  });

  it('--manual prints the exact commands for the node and goes on once a person has run them', async () => {
    const asked: string[][] = [];
    const r = await runStreaming(
      ['migrate', `agent-${node}`, '-n', ns, '--manual', '--yes', '-o', 'json'],
      env,
      (line) => {
        const e = JSON.parse(line) as Event & { commands?: string[] };
        if (e.event !== 'manual-action') return;
        asked.push(e.commands ?? []);
        // The person on the node: what the commands do, in the node's directory.
        mkdirSync(c.backupDir(node), { recursive: true, mode: 0o700 });
        renameSync(`${c.manifestDir(node)}/agent.yaml`, `${c.backupDir(node)}/agent.yaml`);
      },
    );
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    expect(asked).toEqual([
      [
        `sudo install -d -m 0700 ${BACKUPS}`,
        `sudo mv -n ${MANIFESTS}/agent.yaml ${BACKUPS}/agent.yaml`,
        `sudo test '!' -e ${MANIFESTS}/agent.yaml`,
      ],
    ]);
    expect(await migrationState(ns)).toEqual({ [node]: 'migrated' });
    expect(isReady([...(await daemonSetPods(c, ns, 'app=agent')).values()][0])).toBe(true);
  });

  it('--node-pod in a namespace whose Pod Security level refuses it: the node is left as it was', async () => {
    const restricted = uniqueName('baseline');
    const res = await cp.client('admin').request('POST', '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: restricted, labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } },
    });
    expect(res.status).toBe(201);
    const r = await runStreaming(
      ['migrate', `probe-${node}`, '-n', ns, '--node-pod', '--node-pod-namespace', restricted, '--yes'],
      env,
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      new RegExp(
        `1/4 move-manifest: FAILED: the node-access Pod was not created in namespace ${restricted}: pods "staticpods-move-${node}-\\w+" is forbidden: violates PodSecurity "baseline:latest": .*privileged`,
      ),
    );
    expect(r.stdout).not.toContain('rolling');
    expect(await migrationState(ns, 'probe')).toEqual({ [node]: 'pending' });
    expect(files(c.manifestDir(node))).toEqual(['kube-scheduler.yaml', 'probe.yaml']);
  });

  it('--node-pod: a privileged Pod bound to the node, removed afterwards; a hollow node never runs its script', async () => {
    const r = await runStreaming(
      ['migrate', `probe-${node}`, '-n', ns, '--node-pod', '--timeout', '10s', '--yes', '-o', 'json'],
      env,
    );
    expect(r.code).toBe(1);
    const failed = events(r.stdout).filter((e) => e.event === 'step-failed');
    // The kubelet admitted and "ran" the Pod, but a fake runtime runs no process: the Pod never ends.
    expect(failed[0]?.message).toMatch(
      new RegExp(
        `^Pod ${ns}/staticpods-move-${node}-\\w+ was still Running after 10s; its container had started, so whether the script ran is not known$`,
      ),
    );
    const pods = await cp
      .client('admin')
      .request('GET', `/api/v1/namespaces/${ns}/pods?labelSelector=staticpods.io/node-access`);
    await waitFor('node-access Pods deleted', async () => {
      const left = await cp
        .client('admin')
        .request('GET', `/api/v1/namespaces/${ns}/pods?labelSelector=staticpods.io/node-access`);
      return (left.body as { items: unknown[] }).items.length === 0 ? true : undefined;
    });
    expect(pods.status).toBe(200);
    expect(files(c.manifestDir(node))).toEqual(['kube-scheduler.yaml', 'probe.yaml']);
  });
});
