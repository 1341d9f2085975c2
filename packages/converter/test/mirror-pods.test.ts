import { randomBytes } from 'node:crypto';
import { groupMirrorPods } from '@staticpods/core';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { codes, convertChecked, ok } from './helpers/convert.js';
import { createMirrorPods } from './helpers/mirror-pods.js';

/**
 * Real mirror Pods: created on the test API server by simulated kubelets (each node with its own
 * credentials, as CreateMirrorPod does), read back with every default and server field, then grouped
 * and converted.
 */
const suffix = randomBytes(3).toString('hex');
const nodes = ['a', 'b', 'c'].map((n) => `mirror-${suffix}-${n}`);

const agent: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'log-agent', namespace: 'mirror-tests', labels: { app: 'log-agent', tier: 'node' } },
  spec: {
    priorityClassName: 'system-node-critical',
    priority: 2000001000,
    containers: [
      {
        name: 'agent',
        image: 'fluent/fluent-bit:3.1.9',
        ports: [{ containerPort: 2020, hostPort: 2020 }],
        volumeMounts: [{ name: 'varlog', mountPath: '/var/log', readOnly: true }],
      },
    ],
    volumes: [{ name: 'varlog', hostPath: { path: '/var/log' } }],
  },
};

describe('mirror Pods from a real API server', () => {
  it('become one DaemonSet pinned to the nodes they ran on when they agree', async () => {
    const pods = await createMirrorPods(agent, nodes);
    const groups = groupMirrorPods([...pods].reverse());
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({
      namespace: 'mirror-tests',
      staticName: 'log-agent',
      nodes,
      differences: [],
    });

    const r = ok(await convertChecked({ kind: 'mirror', pods }));
    const spec = r.daemonSet.spec?.template.spec;
    expect(r.daemonSet.metadata?.name).toBe('log-agent');
    expect(
      spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms,
    ).toEqual([{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: nodes }] }]);
    // What the API server and the kubelet added is gone; what the manifest said is back.
    expect(spec?.containers[0]).toEqual(agent.spec?.containers[0]);
    expect(spec?.priority).toBeUndefined();
    expect(spec?.tolerations).toBeUndefined();
    expect(JSON.stringify(r.daemonSet)).not.toMatch(
      /kubernetes\.io\/config\.|"uid"|resourceVersion|managedFields/,
    );
    expect(r.plan.nodes).toEqual(nodes);
    expect(r.plan.manifestPathGuessed).toBe(true);
    expect(r.plan.steps.filter((s) => s.id === 'wait-mirror-deleted').map((s) => s.commands[0])).toEqual(
      nodes.map((n) => `kubectl -n mirror-tests wait --for=delete pod/log-agent-${n} --timeout=110s`),
    );

    // A narrower placement leaves the other static Pods alone, and says so.
    const one = ok(
      await convertChecked(
        { kind: 'mirror', pods },
        { placement: { kind: 'nodes', nodes: [nodes[0] ?? ''] } },
      ),
    );
    expect(one.plan.nodes).toEqual([nodes[0]]);
    expect(one.notes.find((n) => n.code === 'placement' && n.severity === 'warning')?.message).toContain(
      `also runs on ${nodes[1]} and ${nodes[2]}`,
    );
  });

  it('are refused, field by field and node by node, when they differ', async () => {
    const differing = { ...agent, metadata: { ...agent.metadata, name: 'log-agent-2' } };
    const pods = await createMirrorPods(differing, nodes, (p, node) => {
      const c = p.spec?.containers[0];
      if (c && node === nodes[2]) c.image = 'fluent/fluent-bit:3.2.0';
      return p;
    });
    const [group] = groupMirrorPods(pods);
    expect(group?.differences).toEqual([
      {
        path: 'spec.containers[0].image',
        values: [
          { node: nodes[0], value: 'fluent/fluent-bit:3.1.9' },
          { node: nodes[1], value: 'fluent/fluent-bit:3.1.9' },
          { node: nodes[2], value: 'fluent/fluent-bit:3.2.0' },
        ],
      },
    ]);
    const r = await convertChecked({ kind: 'mirror', pods });
    expect(r.ok).toBe(false);
    expect(r.notes[0]?.message).toBe(
      `spec.containers[0].image: ${nodes[0]} "fluent/fluent-bit:3.1.9", ${nodes[1]} "fluent/fluent-bit:3.1.9", ` +
        `${nodes[2]} "fluent/fluent-bit:3.2.0"`,
    );
  });

  it('of several static Pods are grouped apart, and refused together', async () => {
    const other = { ...agent, metadata: { ...agent.metadata, name: 'log-agent-3' } };
    const first = await createMirrorPods(other, nodes.slice(0, 1));
    const second = await createMirrorPods(
      { ...agent, metadata: { ...agent.metadata, name: 'log-agent-4' } },
      nodes.slice(0, 1),
    );
    const all = [...second, ...first];
    expect(groupMirrorPods(all).map((g) => g.staticName)).toEqual(['log-agent-3', 'log-agent-4']);
    expect(codes(await convertChecked({ kind: 'mirror', pods: all }))).toContain('several-static-pods');
  });
});

describe('groupMirrorPods', () => {
  const mirror = (name: string, node: string, extra: Partial<Pod> = {}): Pod => ({
    metadata: {
      name: `${name}-${node}`,
      namespace: 'kube-system',
      annotations: { 'kubernetes.io/config.mirror': 'h', 'kubernetes.io/config.hash': 'h' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node, uid: node, controller: true }],
    },
    spec: { nodeName: node, containers: [{ name: 'c', image: 'i' }] },
    ...extra,
  });

  it('skips Pods that are not mirrors and counts a mirror listed twice once', () => {
    const plain: Pod = { metadata: { name: 'x', namespace: 'kube-system' }, spec: { containers: [] } };
    const groups = groupMirrorPods([mirror('p', 'n2'), plain, mirror('p', 'n1'), mirror('p', 'n1')]);
    expect(groups.map((g) => [g.staticName, g.nodes])).toEqual([['p', ['n1', 'n2']]]);
  });

  it('reports a field present on one node only', () => {
    const withEnv = mirror('p', 'n2');
    const c = withEnv.spec?.containers[0];
    if (c) c.env = [{ name: 'A', value: '1' }];
    expect(groupMirrorPods([mirror('p', 'n1'), withEnv])[0]?.differences).toEqual([
      {
        path: 'spec.containers[0].env',
        values: [
          { node: 'n1', value: undefined },
          { node: 'n2', value: [{ name: 'A', value: '1' }] },
        ],
      },
    ]);
  });

  it('refuses Pods that are not mirrors in a mirror source', async () => {
    const r = await convertChecked({
      kind: 'mirror',
      pods: [{ metadata: { name: 'x' }, spec: { containers: [] } }],
    });
    expect(codes(r)).toEqual(['not-a-mirror-pod']);
  });
});
