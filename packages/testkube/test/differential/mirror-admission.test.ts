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
  createObject,
  ensureBinaries,
  registerNode,
  runKubeletOracle,
} from '../../src/index.js';
import { mirrorAdmissionVariants, RUNTIME_CLASSES } from './mirror-admission-variants.js';
import { MirrorVerdicts, readClusterFacts } from './mirror-verdicts.js';

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
  facts = await readClusterFacts(cp, { runtimeClasses: true });
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
    const verdicts = new MirrorVerdicts(cp, NODE);
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
      if (await verdicts.compare(v.file, pod, predicted)) g.agree++;
    }
    console.log(
      `[mirror-admission] ${variants.length} variants:\n` +
        [...groups].map(([group, g]) => `  ${group.padEnd(16)} ${g.agree}/${g.cases} agree`).join('\n') +
        `\n  ${verdicts.summary()}`,
    );
    verdicts.expectVerdictsInclude([
      'accepted',
      'RuntimeClass',
      'Overhead',
      'resourceVersion should not be set',
      'conflict:',
    ]);
    expect([...disagreements, ...verdicts.disagreements]).toEqual([]);
  }, 300_000);
});
