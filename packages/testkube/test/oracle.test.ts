import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, createMirrorPod, registerNode, runKubeletOracle, uniqueName } from '../src/index.js';

const state = inject('testkube');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'testkube-oracle-'));
  await writeFile(
    join(dir, 'web.yaml'),
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: kube-system\nspec:\n  containers:\n  - name: web\n    image: registry.k8s.io/pause:3.10\n',
  );
  await writeFile(join(dir, 'broken.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: [not, a, map]\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('kubelet oracle', () => {
  it('reports the valid pod, defaulted, and logs the invalid file', async () => {
    const result = await runKubeletOracle(state.binaries, dir, 'oracle-node');
    expect(result.pods.map((p) => p.metadata.name)).toEqual(['web-oracle-node']);
    const pod = result.pods[0];
    expect(pod?.spec).toMatchObject({
      nodeName: 'oracle-node',
      tolerations: [{ operator: 'Exists', effect: 'NoExecute' }],
    });
    expect(pod?.metadata.annotations?.['kubernetes.io/config.source']).toBe('file');
    const bad = result.logs.find((l) => l.msg === 'Could not process manifest file');
    console.log(`[testkube] oracle log for the bad file: ${JSON.stringify(bad)}`);
    expect(bad).toBeDefined();
    expect(bad?.isError).toBe(true);
    expect(bad?.values?.path).toBe(join(dir, 'broken.yaml'));
  });

  it('rejects every pod for a mixed-case node name (spec.nodeName must be lowercase RFC 1123)', async () => {
    // applyDefaults lower-cases the node name only in the pod *name*; spec.nodeName keeps it
    // verbatim and then fails validation (pkg/kubelet/config/common.go tryDecodeSinglePod).
    const result = await runKubeletOracle(state.binaries, dir, 'Oracle-Node');
    expect(result.pods).toEqual([]);
    const invalid = result.logs.find((l) => l.values?.path === join(dir, 'web.yaml') && l.isError);
    expect(invalid?.err).toContain('spec.nodeName: Invalid value: "Oracle-Node"');
  });

  it("produces a pod the apiserver accepts as the node's mirror pod", async () => {
    const tk = connect(state);
    const node = uniqueName('oracle');
    await registerNode(tk, node);
    const [pod] = (await runKubeletOracle(state.binaries, dir, node)).pods;
    if (!pod) throw new Error('oracle reported no pod');
    const res = await createMirrorPod(tk, node, pod);
    expect(res).toMatchObject({ accepted: true, status: 201 });
    tk.close();
  });
});
