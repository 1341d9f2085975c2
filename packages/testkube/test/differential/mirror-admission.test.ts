import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ClusterFacts,
  NEWEST_KUBERNETES_VERSION,
  predictMirrorAdmission,
  readStaticPodPath,
} from '@staticpods/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type ControlPlaneClient,
  connect,
  createMirrorPod,
  createObject,
  ensureBinaries,
  registerNode,
  runKubeletOracle,
} from '../../src/index.js';
import { mirrorAdmissionVariants, RUNTIME_CLASSES } from './mirror-admission-variants.js';

/**
 * Mirror Pods of manifests the real kubelet runs: each generated manifest is read by the kubelet's
 * own file source (the oracle), and the Pod it holds — decoded, defaulted, with its config
 * annotations — is created as a mirror Pod by a node identity, as the kubelet does. The API
 * server's answer must equal `predictMirrorAdmission` for the library's reading of the same file,
 * with the cluster's RuntimeClasses and PriorityClasses as facts.
 */
const NODE = 'mirror-diff-node';
const root = mkdtempSync(join(tmpdir(), 'staticpods-mirror-'));
let cp: ControlPlaneClient;
let facts: ClusterFacts;

afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(async () => {
  cp = connect(inject('testkube'));
  await registerNode(cp, NODE);
  for (const rc of RUNTIME_CLASSES) {
    const made = await createObject(cp, {
      apiVersion: 'node.k8s.io/v1',
      kind: 'RuntimeClass',
      metadata: { name: rc.name },
      handler: 'runc',
      ...(rc.overhead && { overhead: { podFixed: rc.overhead } }),
      ...(rc.scheduling && { scheduling: rc.scheduling }),
    } as never);
    if (!made.accepted && made.status !== 409) throw new Error(`RuntimeClass ${rc.name}: ${made.message}`);
  }
  const admin = cp.client('admin');
  const list = async <T>(path: string) => ((await admin.request('GET', path)).body as { items: T[] }).items;
  const namespaces = await list<{ metadata: { name: string } }>('/api/v1/namespaces');
  const classes = await list<{
    metadata: { name: string };
    value: number;
    globalDefault?: boolean;
    preemptionPolicy?: string;
  }>('/apis/scheduling.k8s.io/v1/priorityclasses');
  const runtimeClasses = await list<{
    metadata: { name: string };
    overhead?: { podFixed?: Record<string, string> };
    scheduling?: { nodeSelector?: Record<string, string>; tolerations?: never[] };
  }>('/apis/node.k8s.io/v1/runtimeclasses');
  facts = {
    namespaces: namespaces.map((n) => n.metadata.name),
    priorityClasses: classes.map((c) => ({
      name: c.metadata.name,
      value: c.value,
      ...(c.globalDefault !== undefined && { globalDefault: c.globalDefault }),
      ...(c.preemptionPolicy !== undefined && { preemptionPolicy: c.preemptionPolicy }),
    })),
    runtimeClasses: runtimeClasses.map((rc) => ({
      name: rc.metadata.name,
      ...(rc.overhead?.podFixed && { overhead: rc.overhead.podFixed }),
      ...(rc.scheduling && { scheduling: rc.scheduling }),
    })),
  };
}, 120_000);

describe('mirror Pods of what the kubelet runs: the real kube-apiserver vs the library', () => {
  it('agrees on the verdict and the exact message for every variant', async () => {
    const variants = mirrorAdmissionVariants();
    for (const v of variants) writeFileSync(join(root, v.file), v.text);
    const [ours, oracle] = await Promise.all([
      readStaticPodPath(root, { nodeName: NODE }),
      runKubeletOracle(await ensureBinaries(), root, NODE),
    ]);
    const held = new Map(oracle.pods.map((p) => [p.metadata.name, p]));
    const disagreements: string[] = [];
    const groups = new Map<string, { cases: number; agree: number }>();
    const verdicts = new Map<string, number>();
    for (const v of variants) {
      const entry = ours.entries.find((e) => e.name === v.file);
      const verdict = entry?.verdict;
      const g = groups.get(v.group) ?? { cases: 0, agree: 0 };
      groups.set(v.group, g);
      g.cases++;
      if (!verdict?.runs) {
        disagreements.push(
          `${v.file}: the library does not run it (${verdict && !verdict.runs ? verdict.error : 'no verdict'})`,
        );
        continue;
      }
      const pod = held.get(verdict.view.mirrorName);
      if (!pod) {
        disagreements.push(`${v.file}: the kubelet does not run ${verdict.view.mirrorName}`);
        continue;
      }
      const predicted = predictMirrorAdmission(verdict.pod, verdict.view, {
        kubernetesVersion: NEWEST_KUBERNETES_VERSION,
        clusterFacts: facts,
      });
      const real = await createMirrorPod(cp, NODE, pod);
      const theirs = real.accepted ? 'accepted' : `${real.status} ${real.message}`;
      const mine = predicted.accepted ? 'accepted' : `${predicted.status} ${predicted.message}`;
      verdicts.set(
        theirs.replace(/"[^"]*"/g, '"…"'),
        (verdicts.get(theirs.replace(/"[^"]*"/g, '"…"')) ?? 0) + 1,
      );
      if (theirs === mine) g.agree++;
      else disagreements.push(`${v.file}\n  apiserver: ${theirs}\n  library:   ${mine}`);
    }
    console.log(
      `[mirror-admission] ${variants.length} variants:\n` +
        [...groups].map(([group, g]) => `  ${group.padEnd(16)} ${g.agree}/${g.cases} agree`).join('\n') +
        "\n  the API server's verdicts:\n" +
        [...verdicts]
          .sort((a, b) => b[1] - a[1])
          .map(([k, n]) => `  ${String(n).padStart(4)}  ${k}`)
          .join('\n'),
    );
    for (const expected of [
      'accepted',
      'RuntimeClass',
      'Overhead',
      'resourceVersion should not be set',
      'conflict:',
    ]) {
      expect(
        [...verdicts.keys()].some((k) => k.includes(expected)),
        expected,
      ).toBe(true);
    }
    expect(disagreements).toEqual([]);
  }, 300_000);
});
