import { YAML_LOOK_ALIKES } from '@staticpods/core/testing';
import fc from 'fast-check';
import type { Container, Pod, Toleration } from 'kubernetes-types/core/v1.js';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import type { ConvertOptions, Placement } from '../../src/index.js';

const LABEL_VALUES = ['y', 'n', 'on', 'off', '0644', '1e3', 'true', '1.0', 'v1', '', 'a_b.c', 'x-1', '12'];
const dnsLabel = fc.stringMatching(/^[a-z][a-z0-9-]{0,14}[a-z0-9]$/);
const text = fc.oneof(
  fc.constantFrom(...YAML_LOOK_ALIKES),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
);

const labels = fc.dictionary(
  fc.constantFrom(
    'app',
    'tier',
    'k8s-app',
    'app.kubernetes.io/name',
    'example.com/role',
    'pod-template-hash',
    'controller-revision-hash',
    'version',
    'revision',
  ),
  fc.constantFrom(...LABEL_VALUES),
  { maxKeys: 4 },
);

const annotations = fc.dictionary(
  fc.constantFrom(
    'example.com/a',
    'example.com/b',
    'note',
    'kubernetes.io/config.hash',
    'kubernetes.io/config.source',
    'kubernetes.io/config.seen',
  ),
  text,
  { maxKeys: 4 },
);

const container = (name: string, hostNetwork: boolean, port: number): fc.Arbitrary<Container> =>
  fc
    .record(
      {
        image: fc.constantFrom(
          'registry.k8s.io/pause:3.10',
          'busybox',
          `example.com/a/b@sha256:${'a'.repeat(64)}`,
        ),
        command: fc.array(text, { maxLength: 3 }),
        args: fc.array(text, { maxLength: 3 }),
        env: fc.uniqueArray(fc.record({ name: fc.stringMatching(/^[A-Z][A-Z0-9_]{0,8}$/), value: text }), {
          selector: (e) => e.name,
          maxLength: 3,
        }),
        ports: fc
          .boolean()
          .map((on) =>
            on ? [{ containerPort: port, ...(hostNetwork ? {} : { hostPort: port + 20000 }) }] : [],
          ),
        resources: fc.constantFrom({}, { requests: { cpu: '10m' } }, { limits: { memory: '64Mi' } }),
      },
      { requiredKeys: ['image'] },
    )
    .map((c) => ({ name, ...c }));

const tolerations = fc.subarray<Toleration>([
  { operator: 'Exists', effect: 'NoExecute' },
  { key: 'example.com/dedicated', operator: 'Equal', value: 'agents', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
]);

const priority = fc.constantFrom<Record<string, unknown>>(
  {},
  { priorityClassName: 'system-node-critical' },
  { priority: 2000001000 },
  { priority: 2000001000, priorityClassName: 'system-node-critical' },
  { priority: 7 },
  { priority: 0 },
  { priority: 5, priorityClassName: 'system-cluster-critical', preemptionPolicy: 'Never' },
  { preemptionPolicy: 'PreemptLowerPriority' },
);

/** A valid static Pod manifest, with the odd leftovers people copy from `kubectl get -o yaml`. */
export const staticPod: fc.Arbitrary<Pod> = fc
  .record({
    name: dnsLabel,
    namespace: fc.constantFrom(undefined, 'default', 'kube-system', 'prop-tests'),
    labels,
    annotations,
    hostNetwork: fc.boolean(),
    restartPolicy: fc.constantFrom(undefined, 'Always', 'OnFailure', 'Never'),
    dnsPolicy: fc.constantFrom(undefined, 'ClusterFirst', 'Default', 'ClusterFirstWithHostNet'),
    priority,
    tolerations,
    leftovers: fc.record(
      {
        uid: fc.uuid(),
        nodeName: dnsLabel,
        status: fc.constant({ phase: 'Running' }),
        ownerReferences: fc.constant<OwnerReference[]>([
          { apiVersion: 'v1', kind: 'Node', name: 'n1', uid: 'u', controller: true },
        ]),
        nodeSelector: fc.constant({ 'kubernetes.io/os': 'linux' }),
      },
      { requiredKeys: [] },
    ),
    containerCount: fc.integer({ min: 1, max: 2 }),
  })
  .chain((p) =>
    fc
      .tuple(
        ...Array.from({ length: p.containerCount }, (_, i) => container(`c${i}`, p.hostNetwork, 8000 + i)),
      )
      .map((containers): Pod => {
        const l = p.leftovers;
        return {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            name: p.name,
            ...(p.namespace && { namespace: p.namespace }),
            labels: p.labels,
            annotations: p.annotations,
            ...(l.uid && { uid: l.uid }),
            ...(l.ownerReferences && { ownerReferences: l.ownerReferences }),
          },
          spec: {
            containers,
            ...(p.hostNetwork && { hostNetwork: true }),
            ...(p.restartPolicy && { restartPolicy: p.restartPolicy }),
            ...(p.dnsPolicy && { dnsPolicy: p.dnsPolicy }),
            ...p.priority,
            ...(p.tolerations.length > 0 && { tolerations: p.tolerations }),
            ...(l.nodeName && { nodeName: l.nodeName }),
            ...(l.nodeSelector && { nodeSelector: l.nodeSelector }),
          },
          ...(l.status && { status: l.status }),
        };
      }),
  );

const placement = fc.oneof(
  fc.constant<Placement>({ kind: 'all-nodes' }),
  fc.constant<Placement>({ kind: 'control-plane' }),
  fc.constant<Placement>({ kind: 'node-selector', selector: { 'example.com/pool': 'agents' } }),
  fc
    .uniqueArray(dnsLabel, { minLength: 1, maxLength: 3 })
    .map((nodes): Placement => ({ kind: 'nodes', nodes })),
);

/** Options that never make a valid Pod fail (the refusals have their own fixtures). */
export const convertOptions: fc.Arbitrary<ConvertOptions> = fc
  .record(
    {
      placement,
      keepKubeletToleration: fc.boolean(),
      serviceAccountName: fc.constantFrom('agent', 'node-agent'),
      cutoverGate: fc.boolean(),
      keepDnsPolicy: fc.boolean(),
      toolVersion: fc.constantFrom('1.2.3', '0.0.0-dev'),
    },
    { requiredKeys: [] },
  )
  .map((o) => ({ ...o, rewriteRestartPolicy: true, force: true }));
