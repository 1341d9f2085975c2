// Compares decode → withPodDefaults → the kubelet's applyDefaults → validatePodCreate with what the real
// kubelet (v1.37.2, its own file source) said about each fixture, recorded by record-kubelet-messages.mjs.
import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import {
  checkPodDecodes,
  formatErrorList,
  pruneUnknownFields,
  validatePodCreate,
  withPodDefaults,
} from '../../src/pod-api/index.js';
import {
  ACCEPTED,
  applyKubeletDefaults,
  FIXTURE_CASES,
  MANIFESTS,
  type Obj,
  readManifest,
} from './helpers.js';

/**
 * Cases whose errors come from Go iterating a map (resource lists, labels) with more than one bad entry: Go's
 * order is random from run to run, so the golden is one of the orders. Checked as: the same errors, in some
 * order.
 */
const MAP_ORDER_CASES = new Set(['pod-level-resources-invalid', 'resources-fractional-cpu-message']);

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  return items.flatMap((x, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]),
  );
}

/** The Pod the decoder holds: unknown fields gone, `null` items and values at their Go zero value. */
function decoded(obj: Obj): Pod {
  return pruneUnknownFields(obj).pod as unknown as Pod;
}

/** What our pipeline says about a manifest, in the kubelet's words. */
function ourVerdict(file: string, obj: Obj, json: boolean): string {
  const decodeError = checkPodDecodes(obj, { jsonInput: json });
  if (decodeError)
    return `${MANIFESTS}/${file}: couldn't parse as pod(${decodeError.message}), please check config file`;
  const meta = obj.metadata as Obj | null | undefined;
  if (!meta?.name) return 'invalid pod: name is needed for the pod';
  const pod = applyKubeletDefaults(withPodDefaults(decoded(obj)));
  const errors = validatePodCreate(pod);
  return errors.length > 0 ? `invalid pod: ${formatErrorList(errors)}` : ACCEPTED;
}

const cases = FIXTURE_CASES;

/** Decoder messages that come from the typed Pod decode (what checkPodDecodes reproduces). */
const TYPED_DECODE =
  /^couldn't parse as pod\((json: cannot unmarshal|quantities must|unable to parse|parsing time|couldn't get version\/kind; json parse error: json: cannot unmarshal (number|bool|object|string) into Go struct field \.)/;

describe('kubelet parity (goldens recorded from kubelet v1.37.2)', () => {
  it('has enough recorded cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(80);
  });

  for (const { file, name, golden, text } of cases) {
    it(name, () => {
      const { obj, json, yamlError } = readManifest(text);
      const inner = golden.startsWith(`${MANIFESTS}/${file}: `)
        ? golden.slice(MANIFESTS.length + file.length + 3)
        : undefined;
      if (inner !== undefined && !TYPED_DECODE.test(inner)) {
        // Rejected before the typed decode (YAML syntax, kind/apiVersion, not a Pod): outside pod-api.
        const isPod =
          typeof obj === 'object' &&
          obj !== null &&
          (obj as Obj).kind === 'Pod' &&
          (obj as Obj).apiVersion === 'v1';
        expect(yamlError || !isPod, golden).toBe(true);
        return;
      }
      expect(yamlError).toBe(false);
      const ours = ourVerdict(file, obj as Obj, json);
      if (
        golden.startsWith('static pods may not ') ||
        golden.startsWith('unknown source for projected volume')
      ) {
        // Rejected after validation (API object references): decode and validation must pass.
        expect(ours).toBe(ACCEPTED);
        return;
      }
      if (MAP_ORDER_CASES.has(name)) {
        const pod = applyKubeletDefaults(withPodDefaults(decoded(obj as Obj)));
        const messages = validatePodCreate(pod).map((e) => e.message);
        expect(messages.length).toBeGreaterThan(1);
        const orders = permutations(messages).map((p) => `invalid pod: [${p.join(' ')}]`);
        expect(orders).toContain(golden);
        return;
      }
      expect(ours).toBe(golden);
    });
  }
});

describe('kubelet settings that differ from the oracle', () => {
  it('allows privileged containers by default, as the kubelet does', () => {
    const pod = applyKubeletDefaults(
      withPodDefaults({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p', namespace: 'kube-system' },
        spec: { containers: [{ name: 'c', image: 'busybox', securityContext: { privileged: true } }] },
      }),
    );
    expect(validatePodCreate(pod)).toEqual([]);
    expect(validatePodCreate(pod, { allowPrivileged: false }).map((e) => e.message)).toEqual([
      'spec.containers[0].securityContext.privileged: Forbidden: disallowed by cluster policy',
    ]);
  });
});
