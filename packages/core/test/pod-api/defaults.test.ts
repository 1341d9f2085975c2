import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import {
  knownPriorityClassValue,
  parseQuantity,
  pruneUnknownFields,
  quantityString,
  stripPodDefaults,
  withPodDefaults,
} from '../../src/pod-api/index.js';
import { applyKubeletDefaults, FIXTURE_CASES, FIXTURES, type Obj, readManifest } from './helpers.js';

/** Drops what Go's JSON encoding leaves out (`omitempty` zero values) and canonicalizes quantities. */
function normalize(v: unknown, key = ''): unknown {
  if (Array.isArray(v)) {
    const items = v.map((x) => normalize(x));
    return items.length === 0 ? undefined : items;
  }
  if (v !== null && typeof v === 'object') {
    const out: Obj = {};
    for (const [k, x] of Object.entries(v)) {
      const n =
        QUANTITY_MAPS.has(key) || QUANTITIES.has(k) ? quantity(x) : TIMES.has(k) ? time(x) : normalize(x, k);
      if (n !== undefined) out[k] = n;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  if (v === null || v === false || (v === '' && key !== 'type')) return undefined;
  return v;
}

const QUANTITY_MAPS = new Set(['limits', 'requests', 'overhead']);
const QUANTITIES = new Set(['sizeLimit', 'divisor']);
const TIMES = new Set(['creationTimestamp', 'deletionTimestamp']);

/** Go prints `metav1.Time` in UTC with whole seconds. */
function time(v: unknown): unknown {
  return typeof v === 'string' ? new Date(v).toISOString().replace(/\.\d+Z$/, 'Z') : undefined;
}

function quantity(v: unknown): unknown {
  const q = parseQuantity(String(v));
  return typeof q === 'string' ? v : quantityString(q);
}

function load(name: string): Pod {
  const fixture = FIXTURE_CASES.find((f) => f.name === name);
  if (!fixture) throw new Error(name);
  return readManifest(fixture.text).obj as Pod;
}

describe('withPodDefaults against the pods the kubelet holds', () => {
  const accepted = FIXTURE_CASES.filter((f) => existsSync(join(FIXTURES, `${f.name}.kubelet-pod.json`)));

  it('has recorded pods', () => {
    expect(accepted.length).toBeGreaterThanOrEqual(30);
  });

  for (const { name, text } of accepted) {
    it(name, () => {
      const kubelet = JSON.parse(readFileSync(join(FIXTURES, `${name}.kubelet-pod.json`), 'utf8')) as Obj;
      const annotations = (kubelet.metadata as Obj).annotations as Obj;
      delete annotations['kubernetes.io/config.source'];
      const { pod } = pruneUnknownFields(readManifest(text).obj as Obj);
      const ours = applyKubeletDefaults(withPodDefaults(pod as unknown as Pod)) as unknown as Obj;
      const ourAnnotations = (ours.metadata as Obj).annotations as Obj;
      for (const key of [
        'kubernetes.io/config.hash',
        'kubernetes.io/config.seen',
        'kubernetes.io/config.source',
      ]) {
        delete ourAnnotations[key];
      }
      delete (ours.metadata as Obj).uid;
      delete ours.apiVersion;
      delete ours.kind;
      delete ours.status;
      expect(normalize(ours)).toEqual(normalize(kubelet));
    });
  }
});

describe('withPodDefaults', () => {
  const base = (spec: Obj): Pod =>
    ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec }) as unknown as Pod;
  const container = (pod: Pod, i = 0) => (pod.spec?.containers[i] ?? {}) as unknown as Obj;

  it('does not modify its argument', () => {
    const pod = base({ containers: [{ name: 'c', image: 'nginx' }] });
    const before = JSON.stringify(pod);
    withPodDefaults(pod);
    expect(JSON.stringify(pod)).toBe(before);
  });

  it('defaults imagePullPolicy from the image tag', () => {
    const images = {
      nginx: 'Always',
      'nginx:latest': 'Always',
      'nginx:1.25': 'IfNotPresent',
      'registry.k8s.io/pause@sha256:0123456789012345678901234567890123456789012345678901234567890123':
        'IfNotPresent',
      'localhost:5000/app': 'Always',
      'Nginx:latest': 'IfNotPresent',
      'nginx:Latest': 'IfNotPresent',
      '': 'IfNotPresent',
    };
    for (const [image, policy] of Object.entries(images)) {
      const pod = withPodDefaults(base({ containers: [{ name: 'c', image }] }));
      expect(container(pod).imagePullPolicy, image).toBe(policy);
    }
  });

  it('copies hostPort from containerPort with hostNetwork, and fills probe defaults for zeros', () => {
    const pod = withPodDefaults(
      base({
        hostNetwork: true,
        containers: [
          {
            name: 'c',
            image: 'x:1',
            ports: [
              { containerPort: 80 },
              { containerPort: 81, hostPort: 0 },
              { containerPort: 82, hostPort: 8082 },
            ],
            livenessProbe: { httpGet: { port: 80 }, periodSeconds: 0, failureThreshold: 5 },
          },
        ],
      }),
    );
    const c = container(pod);
    expect(c.ports).toEqual([
      { containerPort: 80, hostPort: 80, protocol: 'TCP' },
      { containerPort: 81, hostPort: 81, protocol: 'TCP' },
      { containerPort: 82, hostPort: 8082, protocol: 'TCP' },
    ]);
    expect(c.livenessProbe).toEqual({
      httpGet: { port: 80, path: '/', scheme: 'HTTP' },
      periodSeconds: 10,
      failureThreshold: 5,
      timeoutSeconds: 1,
      successThreshold: 1,
    });
  });

  it('copies limits into missing requests and rounds quantities up to milli units', () => {
    const pod = withPodDefaults(
      base({
        containers: [
          {
            name: 'c',
            image: 'x:1',
            resources: { limits: { cpu: '0.0001', memory: '1Gi' }, requests: { memory: '1Mi' } },
          },
        ],
      }),
    );
    expect(container(pod).resources).toEqual({
      limits: { cpu: '1m', memory: '1Gi' },
      requests: { cpu: '1m', memory: '1Mi' },
    });
  });

  it('gives a volume without a source an emptyDir, and volume sources their modes', () => {
    const pod = withPodDefaults(
      base({
        containers: [{ name: 'c', image: 'x:1' }],
        volumes: [
          { name: 'a' },
          { name: 'b', hostpath: { path: '/x' } },
          { name: 'c', secret: { secretName: 's' } },
          { name: 'd', hostPath: { path: '/d' } },
        ],
      }),
    );
    expect(pod.spec?.volumes).toEqual([
      { name: 'a', emptyDir: {} },
      { name: 'b', hostpath: { path: '/x' }, emptyDir: {} },
      { name: 'c', secret: { secretName: 's', defaultMode: 420 } },
      { name: 'd', hostPath: { path: '/d', type: '' } },
    ]);
  });

  it('sets the pod-level defaults and turns a negative grace period into 1', () => {
    const pod = withPodDefaults(
      base({ containers: [], terminationGracePeriodSeconds: -3, serviceAccount: 'sa' }),
    );
    expect(pod.spec).toMatchObject({
      terminationGracePeriodSeconds: 1,
      enableServiceLinks: true,
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      securityContext: {},
      schedulerName: 'default-scheduler',
      serviceAccountName: 'sa',
      serviceAccount: 'sa',
    });
  });
});

describe('stripPodDefaults', () => {
  /** Whether every field of `sub` is also in `sup` (sub's objects may have fewer keys). */
  function within(sub: unknown, sup: unknown): boolean {
    if (Array.isArray(sub)) return Array.isArray(sup) && sub.every((x, i) => within(x, sup[i]));
    if (sub !== null && typeof sub === 'object') {
      return (
        sup !== null &&
        typeof sup === 'object' &&
        Object.entries(sub).every(([k, v]) => Object.hasOwn(sup, k) && within(v, (sup as Obj)[k]))
      );
    }
    return sub === sup || sup !== undefined;
  }

  const manifests = FIXTURE_CASES.filter(
    (f) => f.golden === '<accepted>' || f.golden.startsWith('static pods may not'),
  );

  for (const { name } of manifests) {
    it(`loses nothing and adds nothing: ${name}`, () => {
      const pod = load(name);
      const defaulted = withPodDefaults(pod);
      const { pod: stripped, stripped: paths } = stripPodDefaults(defaulted);
      // Everything but preemptionPolicy (set by priority admission, not by defaulting) comes back.
      const { preemptionPolicy: _p, ...defaultedSpec } = defaulted.spec ?? { containers: [] };
      expect(withPodDefaults(stripped)).toEqual({ ...defaulted, spec: defaultedSpec });
      // Everything that defaulting added has been removed again (emptyDir volumes are kept on purpose).
      expect(within(stripped, { ...pod, spec: { ...pod.spec, volumes: defaulted.spec?.volumes } })).toBe(
        true,
      );
      expect(paths.length).toBeGreaterThan(0);
    });
  }

  it('keeps values that differ from the defaults and reports what it removed', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        restartPolicy: 'OnFailure',
        dnsPolicy: 'ClusterFirst',
        preemptionPolicy: 'PreemptLowerPriority',
        priority: 2000001000,
        priorityClassName: 'system-node-critical',
        containers: [
          {
            name: 'c',
            image: 'nginx:1',
            imagePullPolicy: 'Always',
            resources: { limits: { cpu: '1' }, requests: { cpu: '1000m' } },
          },
        ],
      },
    } as unknown as Pod;
    const { pod: out, stripped } = stripPodDefaults(pod);
    expect(out.spec).toEqual({
      restartPolicy: 'OnFailure',
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      containers: [
        { name: 'c', image: 'nginx:1', imagePullPolicy: 'Always', resources: { limits: { cpu: '1' } } },
      ],
    });
    expect(stripped).toEqual([
      ['spec', 'dnsPolicy'],
      ['spec', 'preemptionPolicy'],
      ['spec', 'containers', 0, 'resources', 'requests', 'cpu'],
      ['spec', 'containers', 0, 'resources', 'requests'],
    ]);
  });

  it('knows the built-in priority classes', () => {
    expect(knownPriorityClassValue('system-node-critical')).toBe(2000001000);
    expect(knownPriorityClassValue('system-cluster-critical')).toBe(2000000000);
    expect(knownPriorityClassValue('high')).toBeUndefined();
    expect(knownPriorityClassValue('constructor')).toBeUndefined();
  });
});
