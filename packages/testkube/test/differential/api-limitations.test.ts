import {
  applyKubeletDefaults,
  type ClusterFacts,
  kubeletView,
  NEWEST_KUBERNETES_VERSION,
  predictMirrorAdmission,
} from '@staticpods/core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type ControlPlaneClient,
  connect,
  createMirrorPod,
  createObject,
  registerNode,
} from '../../src/index.js';
import { NAMESPACES, PRIORITIES, REFERENCES, variants } from './api-variants.js';

/**
 * API-side limitations: every generated static Pod is created as a mirror Pod by a node identity,
 * exactly as the kubelet does (name suffix, config annotations, Node owner reference, nodeName,
 * NoExecute toleration), so that NamespaceLifecycle, ServiceAccount, NodeRestriction and Priority
 * admission and pod validation judge it for real. The API server's verdict (status and message)
 * must equal the core library's prediction (`predictMirrorAdmission`) for every variant.
 */
const NODE = 'api-diff-node';
let cp: ControlPlaneClient;
let facts: ClusterFacts;

beforeAll(async () => {
  cp = connect(inject('testkube'));
  await registerNode(cp, NODE);
  await createObject(cp, {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: 'staticpods-diff-custom' },
    value: 1000,
  });
  const admin = cp.client('admin');
  const namespaces = (await admin.request('GET', '/api/v1/namespaces')).body as {
    items: { metadata: { name: string } }[];
  };
  const classes = (await admin.request('GET', '/apis/scheduling.k8s.io/v1/priorityclasses')).body as {
    items: {
      metadata: { name: string };
      value: number;
      globalDefault?: boolean;
      preemptionPolicy?: string;
    }[];
  };
  facts = {
    namespaces: namespaces.items.map((n) => n.metadata.name),
    priorityClasses: classes.items.map((c) => ({
      name: c.metadata.name,
      value: c.value,
      ...(c.globalDefault !== undefined && { globalDefault: c.globalDefault }),
      ...(c.preemptionPolicy !== undefined && { preemptionPolicy: c.preemptionPolicy }),
    })),
  };
}, 120_000);

describe('API-side limitations: the real kube-apiserver vs the library', () => {
  const all = variants();

  it('covers every reference path, namespace case and priority case with at least 500 variants', () => {
    expect(all.length).toBeGreaterThanOrEqual(500);
    for (const ref of Object.keys(REFERENCES))
      expect(all.some((v) => v.id.startsWith(`${ref.toLowerCase()}-`))).toBe(true);
    for (const prio of Object.keys(PRIORITIES)) expect(all.some((v) => v.id.endsWith(`-${prio}`))).toBe(true);
    for (const ns of NAMESPACES) expect(all.some((v) => v.pod.metadata?.namespace === ns)).toBe(true);
  });

  it('agrees on the verdict and the exact message for every variant', async () => {
    const disagreements: string[] = [];
    const verdicts = new Map<string, number>();
    const queue = [...all];
    const worker = async () => {
      for (let v = queue.shift(); v; v = queue.shift()) {
        const view = kubeletView(v.pod, { nodeName: NODE });
        const predicted = predictMirrorAdmission(v.pod, view, {
          kubernetesVersion: NEWEST_KUBERNETES_VERSION,
          clusterFacts: facts,
        });
        const held = applyKubeletDefaults(v.pod, { nodeName: NODE, hash: hashOf(v.id) });
        const real = await createMirrorPod(cp, NODE, held as never);
        const kind = real.accepted
          ? 'accepted'
          : `${real.status} ${real.message.replace(/"[^"]*"/g, '"…"').replace(/\(\d+\)|\d{3,}/g, 'N')}`;
        verdicts.set(kind, (verdicts.get(kind) ?? 0) + 1);
        const ours = predicted.accepted ? 'accepted' : `${predicted.status} ${predicted.message}`;
        const theirs = real.accepted ? 'accepted' : `${real.status} ${real.message}`;
        if (ours !== theirs) disagreements.push(`${v.id}\n  apiserver: ${theirs}\n  library:   ${ours}`);
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    console.log(
      `[api-limitations] ${all.length} variants compared, ${all.length - disagreements.length} agree; the API server's verdicts:\n` +
        [...verdicts]
          .sort((a, b) => b[1] - a[1])
          .map(([k, n]) => `  ${String(n).padStart(4)}  ${k}`)
          .join('\n'),
    );
    // Every admission plugin and validation must have been exercised, or the agreement proves little.
    for (const expected of [
      'namespaces',
      'a mirror pod may not',
      'can not create pods that reference',
      'PriorityClass',
      'is invalid',
      'accepted',
    ]) {
      expect(
        [...verdicts.keys()].some((k) => k.includes(expected)),
        expected,
      ).toBe(true);
    }
    expect(disagreements).toEqual([]);
  }, 300_000);
});

/** A stable 32-hex stand-in for the kubelet's opaque config hash. */
function hashOf(id: string): string {
  let h = 0x811c9dc5;
  for (const c of id) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0').repeat(4);
}
