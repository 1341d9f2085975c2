import fc from 'fast-check';
import { Pod as PodModel } from 'kubernetes-models/v1/Pod';
import { describe, expect, it } from 'vitest';
import { checkPodDecodes, pruneUnknownFields } from '../../src/pod-api/index.js';
import { FIXTURE_CASES, type Obj, readManifest } from './helpers.js';

const base = (spec: Obj, metadata: Obj = { name: 'p' }): Obj => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata,
  spec,
});

describe('checkPodDecodes', () => {
  it('accepts valid pods, nulls and unknown fields', () => {
    expect(
      checkPodDecodes(
        base({
          containers: [
            {
              name: 'c',
              image: 'x',
              ports: null,
              Ports: 'ignored',
              resources: { limits: { cpu: 1, memory: '1Gi' } },
            },
          ],
          volumes: null,
          unknown: { deeply: ['anything'] },
        }),
      ),
    ).toBeUndefined();
  });

  it('reports the path and the Go message of a type mismatch', () => {
    expect(
      checkPodDecodes(
        base({ containers: [{ name: 'c', ports: [{ containerPort: 80 }, { containerPort: '81' }] }] }),
      ),
    ).toEqual({
      path: ['spec', 'containers', 0, 'ports', 1, 'containerPort'],
      message:
        'json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
    });
  });

  it('visits keys sorted for YAML files and in document order for JSON files', () => {
    const pod = base({ containers: [{ ports: [{ containerPort: '80' }], env: [{ name: 'A', value: 1 }] }] });
    expect(checkPodDecodes(pod)?.path).toEqual(['spec', 'containers', 0, 'env', 0, 'value']);
    expect(checkPodDecodes(pod, { jsonInput: true })?.path).toEqual([
      'spec',
      'containers',
      0,
      'ports',
      0,
      'containerPort',
    ]);
  });

  it('lets custom unmarshaler errors win over earlier type mismatches', () => {
    const pod = base({
      containers: [{ env: [{ name: 'A', value: 1 }], resources: { requests: { cpu: '1 core' } } }],
    });
    expect(checkPodDecodes(pod)).toEqual({
      path: ['spec', 'containers', 0, 'resources', 'requests', 'cpu'],
      message: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    });
  });

  it('checks int32 and int64 ranges, also for bigints', () => {
    expect(checkPodDecodes(base({ activeDeadlineSeconds: 2 ** 40 }))).toBeUndefined();
    expect(checkPodDecodes(base({ activeDeadlineSeconds: 2n ** 63n }))?.message).toBe(
      'json: cannot unmarshal number 9223372036854775808 into Go struct field PodSpec.spec.activeDeadlineSeconds of type int64',
    );
    expect(checkPodDecodes(base({ priority: 2n ** 31n }))?.message).toBe(
      'json: cannot unmarshal number 2147483648 into Go struct field PodSpec.spec.priority of type int32',
    );
  });

  it('reports IntOrString and time errors with the decoder context', () => {
    expect(
      checkPodDecodes(base({ containers: [{ startupProbe: { tcpSocket: { port: true } } }] }))?.message,
    ).toBe(
      'json: cannot unmarshal bool into Go struct field TCPSocketAction.spec.containers.startupProbe.ProbeHandler.tcpSocket.port of type int32',
    );
    expect(checkPodDecodes(base({}, { name: 'p', creationTimestamp: 5 }))?.message).toBe(
      'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string',
    );
  });
});

describe('pruneUnknownFields', () => {
  it('drops what the decoder ignores and says where', () => {
    const { pod, dropped } = pruneUnknownFields(
      base({
        containers: [{ name: 'c', image: 'x', ImagePullPolicy: 'Always' }],
        volumes: [{ name: 'v', hostpath: { path: '/x' } }],
        nodeSelector: { anyKey: 'kept' },
      }),
    );
    expect(pod).toEqual(
      base({
        containers: [{ name: 'c', image: 'x' }],
        volumes: [{ name: 'v' }],
        nodeSelector: { anyKey: 'kept' },
      }),
    );
    expect(dropped).toEqual([
      ['spec', 'containers', 0, 'ImagePullPolicy'],
      ['spec', 'volumes', 0, 'hostpath'],
    ]);
  });
});

/**
 * Cross-check with the OpenAPI schema of kubernetes-models (v1 Pod, precompiled ajv): wherever the schema
 * finds a JSON type error (or an int32/int64 range error), the kubelet's decoder fails too, so
 * checkPodDecodes must report something. Required fields and enums are validation's business, not the
 * decoder's; the schema does not allow null where Go does, so no nulls are generated.
 */
describe('agreement with the kubernetes-models Pod schema', () => {
  // The schema has no null; the decoder accepts it anywhere (the null-* fixtures), so those are left out.
  const valid = FIXTURE_CASES.filter(
    (f) => f.golden === '<accepted>' && !f.file.endsWith('.json') && !f.name.startsWith('null-'),
  ).map((f) => readManifest(f.text).obj as Obj);

  function leaves(
    v: unknown,
    path: (string | number)[] = [],
    out: (string | number)[][] = [],
  ): (string | number)[][] {
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) leaves(v[i], [...path, i], out);
    } else if (v !== null && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) leaves(x, [...path, k], out);
    if (path.length > 0) out.push(path);
    return out;
  }

  function setAt(obj: Obj, path: (string | number)[], value: unknown): Obj {
    const copy = structuredClone(obj);
    let cur: Record<string | number, unknown> = copy;
    for (const key of path.slice(0, -1)) cur = cur[key] as Record<string | number, unknown>;
    cur[path[path.length - 1] as string | number] = value;
    return copy;
  }

  function schemaTypeErrors(obj: Obj): string[] {
    try {
      new PodModel(obj as never).validate();
      return [];
    } catch (e) {
      const errors =
        (e as { errors?: { instancePath: string; keyword: string; params: { format?: string } }[] }).errors ??
        [];
      const oneOfPaths = new Set(errors.filter((x) => x.keyword === 'oneOf').map((x) => x.instancePath));
      return errors
        .filter(
          (x) =>
            x.keyword === 'type' || (x.keyword === 'format' && /^int(32|64)$/.test(x.params.format ?? '')),
        )
        .filter((x) => !oneOfPaths.has(x.instancePath))
        .map((x) => x.instancePath);
    }
  }

  const replacement = fc.oneof(
    fc.constant('text'),
    fc.constant('80'),
    fc.integer({ min: -5, max: 100000 }),
    fc.constant(1.5),
    fc.constant(2 ** 33),
    fc.boolean(),
    fc.constant({ a: 1 }),
    fc.constant([1]),
    fc.constant([]),
    fc.constant({}),
  );

  it('reports a decode error wherever the schema finds a type error', () => {
    let hits = 0;
    fc.assert(
      fc.property(fc.nat(), fc.nat(), replacement, (i, j, value) => {
        const pod = valid[i % valid.length] as Obj;
        const paths = leaves(pod).filter((p) => p[0] !== 'apiVersion' && p[0] !== 'kind');
        const mutated = setAt(pod, paths[j % paths.length] as (string | number)[], value);
        if (schemaTypeErrors(mutated).length > 0) {
          hits++;
          expect(checkPodDecodes(mutated)).toBeDefined();
        }
      }),
      { numRuns: 2000, seed: 42 },
    );
    // Most mutations must actually break the schema, or the property proves little.
    expect(hits).toBeGreaterThan(1000);
  });

  it('finds nothing in the valid fixtures', () => {
    expect(valid.length).toBeGreaterThan(20);
    for (const pod of valid) expect(checkPodDecodes(pod)).toBeUndefined();
  });
});
