import { parseManifest } from '@staticpods/core';
import fc from 'fast-check';
import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { type ConvertOptions, convertStaticPod, toJson, toYaml } from '../src/index.js';
import { dryRun } from './helpers/apiserver.js';
import { convertOptions, staticPod } from './helpers/arbitraries.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 100);

function convert(pod: Pod, options: ConvertOptions) {
  return convertStaticPod(
    { kind: 'file', file: `/etc/kubernetes/manifests/${pod.metadata?.name}.yaml`, pod },
    options,
  );
}

/** The same object through JSON: what any reader of the output should get back. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

function assertInvariants(pod: Pod, options: ConvertOptions, ds: DaemonSet): void {
  const template = ds.spec?.template;
  const spec = template?.spec;
  // The selector is not empty and matches the template's labels (ValidateDaemonSetSpec).
  const selector = ds.spec?.selector.matchLabels ?? {};
  expect(Object.keys(selector).length).toBeGreaterThan(0);
  for (const [k, v] of Object.entries(selector)) expect(template?.metadata?.labels?.[k]).toBe(v);
  for (const volatile of ['pod-template-hash', 'controller-revision-hash', 'version', 'revision']) {
    expect(selector).not.toHaveProperty(volatile);
  }
  // A DaemonSet only runs restartPolicy Always.
  expect(spec?.restartPolicy ?? 'Always').toBe('Always');
  expect(spec?.activeDeadlineSeconds).toBeUndefined();
  // Nothing the kubelet or the API server wrote leaks into the output.
  const json = JSON.stringify(ds);
  expect(json).not.toContain('kubernetes.io/config.');
  expect(spec?.nodeName).toBeUndefined();
  expect(ds.metadata?.uid).toBeUndefined();
  expect(template?.metadata?.uid).toBeUndefined();
  expect(ds).not.toHaveProperty('status');
  expect(ds.metadata?.ownerReferences).toBeUndefined();
  expect(template?.metadata?.ownerReferences).toBeUndefined();
  expect(spec?.priority).toBeUndefined();
  const wildcard = (spec?.tolerations ?? []).filter(
    (t) => t.operator === 'Exists' && t.effect === 'NoExecute' && !t.key,
  );
  expect(wildcard.length).toBe(options.keepKubeletToleration ? 1 : 0);
  // No empty leftovers.
  expect(json).not.toMatch(/"(resources|securityContext|status|labels|annotations|nodeSelector)":\{\}|:null/);
  if (options.serviceAccountName) expect(spec?.serviceAccountName).toBe(options.serviceAccountName);
  else expect(spec?.serviceAccountName).toBe(pod.spec?.serviceAccountName);
}

describe('convertStaticPod over generated static Pods', () => {
  it('keeps its invariants, is byte-stable, round-trips and is accepted by the API server', async () => {
    await fc.assert(
      fc.asyncProperty(staticPod, convertOptions, async (pod, options) => {
        const before = JSON.stringify(pod);
        const result = convert(pod, options);
        expect(JSON.stringify(pod), 'the input must not be modified').toBe(before);
        if (!result.ok) throw new Error(result.notes.map((n) => `${n.code}: ${n.message}`).join('\n'));
        expect(result.notes.every((n) => n.severity !== 'error')).toBe(true);
        assertInvariants(pod, options, result.daemonSet);

        // Same input, same bytes.
        const yaml = toYaml([result.daemonSet]);
        const again = convert(structuredClone(pod), options);
        expect(again.ok && toYaml([again.daemonSet])).toBe(yaml);
        expect(again.ok && toJson([again.daemonSet])).toBe(toJson([result.daemonSet]));

        // What YAML 1.2 readers, go-yaml v2 (the kubelet, kubectl) and JSON readers get back.
        const expected = plain(result.daemonSet);
        const docs = parseAllDocuments(yaml);
        expect(docs).toHaveLength(1);
        expect(docs[0]?.errors).toEqual([]);
        expect(docs[0]?.toJS()).toEqual(expected);
        expect(parseManifest(yaml).value).toEqual(expected);
        expect(JSON.parse(toJson([result.daemonSet]))).toEqual(expected);

        expect(await dryRun(result.daemonSet), 'the API server refused the DaemonSet').toBe('');
      }),
      { numRuns: RUNS },
    );
    // Alone it takes about 20 s; in a full parallel run on 2 cores the API server's dry runs queue.
  }, 240_000);

  it('writes several objects as one stream that splits back into them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(staticPod, { minLength: 1, maxLength: 4 }), async (pods) => {
        const objects = pods.map((p) => {
          const r = convert(p, { rewriteRestartPolicy: true, force: true });
          if (!r.ok) throw new Error(r.notes.map((n) => n.message).join('\n'));
          return r.daemonSet;
        });
        for (const ds of objects) expect(await dryRun(ds), 'the API server refused the DaemonSet').toBe('');
        const docs = parseAllDocuments(toYaml(objects));
        expect(docs.map((d) => d.toJS())).toEqual(objects.map(plain));
        const list = JSON.parse(toJson(objects));
        expect(objects.length === 1 ? [list] : list.items).toEqual(objects.map(plain));
      }),
      { numRuns: 30 },
    );
  });
});
