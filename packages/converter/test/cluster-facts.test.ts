import type { ClusterFacts } from '@staticpods/core';
import { createObject } from '@staticpods/testkube';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertStaticPod } from '../src/index.js';
import { asKubeObject, controlPlane, dryRun } from './helpers/apiserver.js';

/**
 * Templates that name classes the cluster lacks, against the real kube-apiserver: the DaemonSet is
 * accepted (a template goes through no Pod admission), and a Pod made from it is refused exactly
 * when the converter, given the cluster's facts, warns that it would be. Overheads are dropped, and
 * static names ending in "-" get a DaemonSet name the API server accepts.
 */
const NAMESPACE = 'conv-facts';
let facts: ClusterFacts;

beforeAll(async () => {
  const cp = controlPlane();
  const objects = [
    {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'conv-existing' },
      value: 1000,
    },
    { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'conv-rc' }, handler: 'runc' },
    {
      apiVersion: 'node.k8s.io/v1',
      kind: 'RuntimeClass',
      metadata: { name: 'conv-rc-overhead' },
      handler: 'runc',
      overhead: { podFixed: { cpu: '100m' } },
    },
  ];
  for (const obj of objects) {
    const r = await createObject(cp, asKubeObject(obj));
    if (!r.accepted && r.status !== 409) throw new Error(`${obj.kind} ${obj.metadata.name}: ${r.message}`);
  }
  const admin = cp.client('admin');
  const items = async (path: string) =>
    ((await admin.request('GET', path)).body as { items: Record<string, unknown>[] }).items;
  const name = (o: Record<string, unknown>) => (o.metadata as { name: string }).name;
  facts = {
    priorityClasses: (await items('/apis/scheduling.k8s.io/v1/priorityclasses')).map((c) => ({
      name: name(c),
      value: c.value as number,
    })),
    runtimeClasses: (await items('/apis/node.k8s.io/v1/runtimeclasses')).map((c) => ({
      name: name(c),
      ...((c.overhead as { podFixed?: Record<string, string> } | undefined)?.podFixed && {
        overhead: (c.overhead as { podFixed: Record<string, string> }).podFixed,
      }),
    })),
  };
}, 120_000);

function pod(name: string, spec: Record<string, unknown>): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: NAMESPACE, labels: { app: name.replace(/[-.]+$/, '') } },
    spec: { containers: [{ name: 'agent', image: 'registry.k8s.io/pause:3.10' }], ...spec },
  };
}

const PRIORITY = {
  none: undefined,
  system: 'system-node-critical',
  existing: 'conv-existing',
  missing: 'conv-missing',
};
const RUNTIME = {
  none: undefined,
  plain: 'conv-rc',
  overhead: 'conv-rc-overhead',
  missing: 'conv-rc-missing',
};
const OVERHEAD = { none: undefined, matching: { cpu: '100m' }, other: { cpu: '200m' } };

describe('classes the template names, with the cluster as facts', () => {
  const cases = Object.entries(PRIORITY).flatMap(([p, priorityClassName]) =>
    Object.entries(RUNTIME).flatMap(([r, runtimeClassName]) =>
      Object.entries(OVERHEAD).map(([o, overhead]) => ({
        id: `${p}-${r}-${o}`,
        spec: {
          ...(priorityClassName && { priorityClassName }),
          ...(runtimeClassName && { runtimeClassName }),
          ...(overhead && { overhead }),
        },
      })),
    ),
  );

  it('warns exactly when the API server would refuse every Pod of the DaemonSet', async () => {
    const disagreements: string[] = [];
    let refused = 0;
    for (const c of cases) {
      const result = convertStaticPod(
        { kind: 'file', file: `/etc/kubernetes/manifests/${c.id}.yaml`, pod: pod(`facts-${c.id}`, c.spec) },
        { clusterFacts: facts },
      );
      if (!result.ok) {
        disagreements.push(`${c.id}: not converted: ${result.notes.map((n) => n.message).join('; ')}`);
        continue;
      }
      const warned = result.notes.filter(
        (n) => n.code === 'priority-class-missing' || n.code === 'runtime-class-missing',
      );
      const answer = await dryRun(result.daemonSet);
      if (answer.startsWith('DaemonSet:'))
        disagreements.push(`${c.id}: the DaemonSet itself was refused: ${answer}`);
      const podRefusal = /daemon Pod: .* is forbidden: (.*)$/m.exec(answer)?.[1];
      if (podRefusal) refused++;
      const agrees = podRefusal
        ? warned.some((n) => n.message.includes(`"${podRefusal}"`))
        : warned.length === 0 && !answer.includes('daemon Pod');
      if (!agrees)
        disagreements.push(
          `${c.id}: API server: ${answer || 'accepted'}; notes: ${warned.map((n) => n.message).join(' | ') || 'none'}`,
        );
    }
    console.log(
      `[cluster-facts] ${cases.length} templates, ${cases.length - disagreements.length} agree; ${refused} refused by admission`,
    );
    expect(refused).toBeGreaterThan(0);
    expect(disagreements).toEqual([]);
  }, 300_000);

  it('names the DaemonSet of a static Pod whose name ends in "-" so that the API server accepts it', async () => {
    for (const name of ['agent-', 'agent--', 'node.agent-', 'a-b-c-']) {
      const result = convertStaticPod({
        kind: 'file',
        file: `/etc/kubernetes/manifests/${name}.yaml`,
        pod: pod(name, {}),
      });
      expect(result.ok, name).toBe(true);
      if (!result.ok) continue;
      expect(result.daemonSet.metadata?.name).toBe(name.replace(/-+$/, ''));
      expect(result.notes.map((n) => n.code)).toContain('name-derived');
      expect(await dryRun(result.daemonSet)).toBe('');
    }
  }, 120_000);
});
