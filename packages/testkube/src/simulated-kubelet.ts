/**
 * A simulated kubelet, for FAULT INJECTION only: it registers Nodes, creates mirror Pods and
 * writes Pod statuses the way the kubelet does, but as our own code, so a test can produce what a
 * real kubelet cannot be made to produce on demand (a mirror Pod an older kubelet made, restarts,
 * a Pod that is not ready, a refusal recorded for an old Kubernetes version). Anything about the
 * kubelet's own behaviour is tested against real kubelets: {@link ./hollow-node.ts startNode}.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ControlPlaneClient } from './cluster-client.js';
import { isStatus, type Node, type Pod, type Taint } from './types.js';

/** Options for {@link registerNode}. */
export interface RegisterNodeOptions {
  /** Extra labels. Those a kubelet may not set on itself are added afterwards by the admin. */
  labels?: Record<string, string>;
  /** Taints, added by the admin after registration (merged with existing ones by key+effect). */
  taints?: Taint[];
}

/**
 * Whether NodeRestriction lets a kubelet set this label on its own Node: not in
 * `node-restriction.kubernetes.io`, and if in a `kubernetes.io`/`k8s.io` namespace then one of
 * the kubelet's well-known labels or under `kubelet.kubernetes.io`/`node.kubernetes.io`
 * (plugin/pkg/admission/noderestriction/admission.go `getForbiddenLabels`,
 * k8s.io/kubelet pkg/apis/well_known_labels.go `IsKubeletLabel`).
 */
export function isKubeletSettableLabel(key: string): boolean {
  const ns = key.includes('/') ? (key.split('/')[0] ?? '') : '';
  const within = (d: string) => ns === d || ns.endsWith(`.${d}`);
  if (within('node-restriction.kubernetes.io')) return false;
  if (!within('kubernetes.io') && !within('k8s.io')) return true;
  return KUBELET_LABELS.has(key) || within('kubelet.kubernetes.io') || within('node.kubernetes.io');
}

const KUBELET_LABELS = new Set([
  'kubernetes.io/hostname',
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region',
  'beta.kubernetes.io/instance-type',
  'node.kubernetes.io/instance-type',
  'kubernetes.io/os',
  'kubernetes.io/arch',
  'beta.kubernetes.io/os',
  'beta.kubernetes.io/arch',
]);

/**
 * Registers `nodeName` the way a kubelet does: as the node itself (`system:node:<name>`),
 * `POST /api/v1/nodes` with the labels of pkg/kubelet/kubelet_node_status.go `initialNode`.
 * Labels the node may not set itself, and all taints, are then patched in as admin. Idempotent:
 * an existing Node is read back (and patched the same way). Returns the Node with its uid.
 */
export async function registerNode(
  cp: ControlPlaneClient,
  nodeName: string,
  opts: RegisterNodeOptions = {},
): Promise<Node> {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  const own: Record<string, string> = {
    'kubernetes.io/hostname': nodeName,
    'kubernetes.io/os': 'linux',
    'kubernetes.io/arch': arch,
  };
  const adminLabels: Record<string, string> = {};
  for (const [k, v] of Object.entries(opts.labels ?? {})) {
    (isKubeletSettableLabel(k) ? own : adminLabels)[k] = v;
  }

  const asNode = cp.client(await cp.nodeKubeconfig(nodeName));
  const created = await asNode.request('POST', '/api/v1/nodes', {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: nodeName, labels: own },
  });
  let node: unknown = created.body;
  if (created.status === 409) {
    node = (await asNode.request('GET', `/api/v1/nodes/${nodeName}`)).body;
  } else if (created.status !== 201) {
    throw new Error(`registering node ${nodeName}: ${describe(created.status, created.body)}`);
  }

  const taints = opts.taints ?? [];
  if (Object.keys(adminLabels).length > 0 || taints.length > 0) {
    const current = node as Node;
    const merged = [...(current.spec?.taints ?? [])];
    for (const t of taints) if (!merged.some((m) => m.key === t.key && m.effect === t.effect)) merged.push(t);
    const patch = {
      metadata: { labels: adminLabels },
      ...(taints.length > 0 ? { spec: { taints: merged } } : {}),
    };
    const res = await cp.client('admin').request('PATCH', `/api/v1/nodes/${nodeName}`, patch);
    if (res.status !== 200) {
      throw new Error(`labelling/tainting node ${nodeName}: ${describe(res.status, res.body)}`);
    }
    node = res.body;
  }
  return node as Node;
}

/** Outcome of a mirror-pod creation, as the apiserver reported it. */
export interface MirrorPodResult {
  accepted: boolean;
  status: number;
  /** The apiserver's `Status.message`, verbatim ('' when accepted). */
  message: string;
  /** The apiserver's `Status.reason`, e.g. `Forbidden`, `Invalid`. */
  reason?: string;
  /** The created mirror pod. */
  pod?: Pod;
}

/** Options for {@link createMirrorPod}. */
export interface CreateMirrorPodOptions {
  /** Attempts after a `nodes "<name>" not found` 404. Default 20. */
  retries?: number;
  retryDelayMs?: number;
}

/**
 * Creates the mirror pod of `pod` exactly as the kubelet's `basicMirrorClient.CreateMirrorPod`
 * does (pkg/kubelet/pod/mirror_client.go, k8s.io/kubernetes v1.37.2), with the node's own
 * credentials. `pod` must be the static pod as the kubelet holds it after `applyDefaults`
 * (pkg/kubelet/config/common.go): name `<name>-<node>`, namespace, `spec.nodeName`, the
 * NoExecute toleration and the `kubernetes.io/config.*` annotations.
 */
export async function createMirrorPod(
  cp: ControlPlaneClient,
  nodeName: string,
  pod: Pod,
  opts: CreateMirrorPodOptions = {},
): Promise<MirrorPodResult> {
  const asNode = cp.client(await cp.nodeKubeconfig(nodeName));
  // The kubelet reads its Node's uid from its node lister (mirror_client.go getNodeUID).
  const got = await asNode.request('GET', `/api/v1/nodes/${nodeName}`);
  const uid = (got.body as Partial<Node>).metadata?.uid;
  if (got.status !== 200 || !uid) {
    throw new Error(`reading node ${nodeName}: ${describe(got.status, got.body)}`);
  }

  const copy = structuredClone(pod);
  // mirror_client.go: config.mirror = getPodHash(pod), i.e. the config.hash annotation (empty
  // if absent; NodeRestriction only checks that the key is present).
  const hash = pod.metadata.annotations?.['kubernetes.io/config.hash'] ?? '';
  copy.metadata.annotations = { ...pod.metadata.annotations, 'kubernetes.io/config.mirror': hash };
  // Exactly one owner reference, to the Node, controller=true (KEP-1314 MirrorPodNodeRestriction).
  copy.metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'Node', name: nodeName, uid, controller: true }];
  const ns = copy.metadata.namespace ?? 'default';

  const retries = opts.retries ?? 20;
  for (let attempt = 0; ; attempt++) {
    const res = await asNode.request('POST', `/api/v1/namespaces/${ns}/pods`, copy);
    if (res.status === 201) return { accepted: true, status: 201, message: '', pod: res.body as Pod };
    const status = isStatus(res.body) ? res.body : undefined;
    const message = status?.message ?? String(res.body);
    // NodeRestriction looks the Node up in an informer cache, which may lag a fresh registration
    // (plugin/pkg/admission/noderestriction/admission.go admitPodCreate: nodesGetter.Get).
    if (res.status === 404 && message === `nodes "${nodeName}" not found` && attempt < retries) {
      await sleep(opts.retryDelayMs ?? 100);
      continue;
    }
    return {
      accepted: false,
      status: res.status,
      message,
      ...(status?.reason === undefined ? {} : { reason: status.reason }),
    };
  }
}

/** Options for {@link markPodRunning}. */
export interface MarkPodRunningOptions {
  /** Every container's `ready`, and the `Ready`/`ContainersReady` conditions. Default true. */
  ready?: boolean;
  /** Every container's `restartCount`. Default 0. */
  restarts?: number;
  /** `hostIP` and `podIP` (the pods this is for run with hostNetwork). Default 10.0.0.10. */
  ip?: string;
}

/**
 * Writes the status a running Pod gets from its kubelet's status manager (PUT `…/status` as
 * admin; a simulated node runs no containers, so nothing else would): phase Running, the
 * conditions, and one running status per container.
 */
export async function markPodRunning(
  cp: ControlPlaneClient,
  namespace: string,
  name: string,
  options: MarkPodRunningOptions = {},
): Promise<void> {
  const client = cp.client('admin');
  const path = `/api/v1/namespaces/${namespace}/pods/${name}`;
  const got = await client.request('GET', path);
  if (got.status !== 200) throw new Error(`reading pod ${name}: ${describe(got.status, got.body)}`);
  const pod = got.body as Pod & { spec: { containers: { name: string; image: string }[] } };
  const ready = options.ready ?? true;
  const ip = options.ip ?? '10.0.0.10';
  const now = new Date().toISOString();
  const condition = (type: string, ok: boolean) => ({
    type,
    status: ok ? 'True' : 'False',
    lastTransitionTime: now,
  });
  pod.status = {
    phase: 'Running',
    hostIP: ip,
    podIP: ip,
    podIPs: [{ ip }],
    startTime: now,
    conditions: [
      condition('Initialized', true),
      condition('Ready', ready),
      condition('ContainersReady', ready),
      condition('PodScheduled', true),
    ],
    containerStatuses: pod.spec.containers.map((c) => ({
      name: c.name,
      image: c.image,
      imageID: '',
      ready,
      started: true,
      restartCount: options.restarts ?? 0,
      state: { running: { startedAt: now } },
    })),
  };
  const res = await client.request('PUT', `${path}/status`, pod);
  if (res.status !== 200) throw new Error(`status of pod ${name}: ${describe(res.status, res.body)}`);
}

function describe(status: number, body: unknown): string {
  return `HTTP ${status}: ${isStatus(body) ? body.message : JSON.stringify(body)}`;
}
