import {
  applyKubeletDefaults,
  type ClusterFacts,
  kubeletView,
  NEWEST_KUBERNETES_VERSION,
  predictMirrorAdmission,
} from '@staticpods/core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { type ControlPlaneClient, connect, createObject, registerNode } from '../../src/index.js';
import { CUSTOM_PRIORITY_CLASS, NAMESPACES, PRIORITIES, REFERENCES, variants } from './api-variants.js';
import { MirrorVerdicts, readClusterFacts } from './mirror-verdicts.js';

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
  await createObject(cp, CUSTOM_PRIORITY_CLASS);
  facts = await readClusterFacts(cp);
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
    const verdicts = new MirrorVerdicts(cp, NODE);
    const queue = [...all];
    const worker = async () => {
      for (let v = queue.shift(); v; v = queue.shift()) {
        const view = kubeletView(v.pod, { nodeName: NODE });
        const predicted = predictMirrorAdmission(v.pod, view, {
          kubernetesVersion: NEWEST_KUBERNETES_VERSION,
          clusterFacts: facts,
        });
        const held = applyKubeletDefaults(v.pod, { nodeName: NODE, hash: hashOf(v.id) });
        await verdicts.compare(v.id, held as never, predicted);
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    console.log(`[api-limitations] ${all.length} variants: ${verdicts.summary()}`);
    // Every admission plugin and validation must have been exercised, or the agreement proves little.
    verdicts.expectVerdictsInclude([
      'namespaces',
      'a mirror pod may not',
      'can not create pods that reference',
      'PriorityClass',
      'is invalid',
      'accepted',
    ]);
    expect(verdicts.disagreements).toEqual([]);
  }, 300_000);
});

/** A stable 32-hex stand-in for the kubelet's opaque config hash. */
function hashOf(id: string): string {
  let h = 0x811c9dc5;
  for (const c of id) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0').repeat(4);
}
