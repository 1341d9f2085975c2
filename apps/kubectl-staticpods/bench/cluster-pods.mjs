// The Pods of the cluster benchmark (cluster.bench.mjs): mirror Pods made from real static Pod
// manifests the way a kubelet makes them, and ordinary Pods shaped like a Deployment's, each with
// the status a kubelet reports. Everything is a function of the Pod's index, so a cluster can be
// grown in steps (3,000 Pods, then 27,000 more) and still look like one built in one go.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { applyKubeletDefaults, configHash, decodePod, parseManifest } from '@staticpods/core';
import { parse, stringify } from 'yaml';

/** Static Pods per node: one mirror Pod each. Ten per node, and 40 ordinary Pods: a fifth are mirror Pods. */
const STATIC = [
  ['examples/manifests/etcd.yaml'],
  ['examples/manifests/kube-apiserver.yaml'],
  ['examples/manifests/kube-controller-manager.yaml'],
  ['examples/manifests/kube-scheduler.yaml'],
  ['packages/core/test/corpus/kops/kube-proxy.yaml'],
  ['packages/core/test/corpus/kubeadm-ha-docs/kube-vip-arp.yaml'],
  ['packages/core/test/corpus/kubeadm-ha-docs/keepalived.yaml'],
  ['packages/core/test/corpus/karltrout-k8s-cluster/haproxy.yaml', 'ingress'],
  ['packages/core/test/corpus/k8s-website/static-web.yaml', 'web'],
  ['packages/core/test/corpus/standalone-kubelet-tutorial/app-v0.2.0.yaml', 'edge'],
];
export const STATIC_PER_NODE = STATIC.length;
export const PODS_PER_NODE = 50;

/** Namespaces of the ordinary Pods, one app each (the app names the Pods). */
const APPS = [
  ['default', 'web-frontend'],
  ['shop', 'cart'],
  ['shop', 'checkout'],
  ['payments', 'ledger'],
  ['search', 'indexer'],
  ['auth', 'token-service'],
  ['data', 'kafka-connect'],
  ['monitoring', 'node-metrics'],
];

export const NAMESPACES = [
  ...new Set([...STATIC.map(([, ns]) => ns).filter(Boolean), 'kube-system', ...APPS.map(([ns]) => ns)]),
];
/** Namespaces whose ordinary Pods need the `default` ServiceAccount (no controller-manager makes it). */
export const APP_NAMESPACES = [...new Set(APPS.map(([ns]) => ns))];

/** How a cluster of `pods` Pods is laid out: a fifth mirror Pods, ten per node. */
export function layout(pods) {
  const mirrors = Math.round(pods / 5);
  const nodes = Math.max(1, Math.ceil(mirrors / STATIC_PER_NODE), Math.ceil(pods / PODS_PER_NODE));
  return { pods, mirrors, ordinary: pods - mirrors, nodes };
}

export const nodeName = (k) => `node-${String(k).padStart(4, '0')}`;
export const nodeIp = (k) => `10.${20 + (k >> 16)}.${(k >> 8) & 255}.${k & 255}`;

/** The static Pods as the kubelet decodes them, with their manifest (for the config hash). */
export function loadStaticPods(repo) {
  return STATIC.map(([file, namespace]) => {
    let text = readFileSync(path.join(repo, file), 'utf8');
    if (namespace) {
      const doc = parse(text);
      doc.metadata.namespace = namespace;
      text = stringify(doc);
    }
    const manifest = parseManifest(text, { file });
    const decoded = decodePod(manifest);
    if (!decoded.ok) throw new Error(`${file}: the kubelet cannot decode it: ${decoded.failure.error}`);
    return { file: path.basename(file), manifest, pod: decoded.pod };
  });
}

/**
 * The mirror Pod of static Pod `s` on node `k`, as kubelet/pod/mirror_client.go CreateMirrorPod
 * sends it (k8s.io/kubernetes v1.37.2): the Pod after kubelet/config/common.go applyDefaults
 * (name `<static>-<node>`, spec.nodeName, config.hash/config.source), config.seen from
 * kubelet/config/config.go, config.mirror = the hash, one controller ownerReference to the Node.
 */
export function mirrorPod(s, k, nodeUid, seen) {
  const node = nodeName(k);
  const hash = configHash(s.manifest, { nodeName: node, path: `/etc/kubernetes/manifests/${s.file}` });
  if (!hash.ok) throw new Error(`${s.file}: no config hash: ${hash.reason}`);
  const pod = structuredClone(applyKubeletDefaults(s.pod, { nodeName: node, hash: hash.uid }));
  delete pod.metadata.uid;
  delete pod.status;
  pod.metadata.annotations = {
    ...pod.metadata.annotations,
    'kubernetes.io/config.seen': seen,
    'kubernetes.io/config.mirror': hash.uid,
  };
  pod.metadata.ownerReferences = [
    { apiVersion: 'v1', kind: 'Node', name: node, uid: nodeUid, controller: true },
  ];
  return pod;
}

// utilrand's alphabet (k8s.io/apimachinery/pkg/util/rand): what generated name suffixes use.
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
function suffix(n, length) {
  let s = '';
  for (let i = 0; i < length; i++) {
    s += ALPHABET[n % ALPHABET.length];
    n = Math.floor(n / ALPHABET.length);
  }
  return s;
}

/** Ordinary Pod `i`: a Deployment's Pod (ReplicaSet owner, two containers, an init container) on node `k`. */
export function appPod(i, k) {
  const [namespace, app] = APPS[i % APPS.length];
  const template = `${suffix(app.length * 7_919_337 + app.charCodeAt(0) * 104_729, 9)}${(app.length % 9) + 1}`;
  const name = `${app}-${template}-${suffix(i, 5)}`;
  const env = (prefix) =>
    Array.from({ length: 8 }, (_, j) => ({ name: `${prefix}_SETTING_${j}`, value: `value-${j}-${app}` }));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      generateName: `${app}-${template}-`,
      labels: {
        app: app,
        'app.kubernetes.io/name': app,
        'app.kubernetes.io/part-of': namespace,
        'pod-template-hash': template,
      },
      annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090' },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: `${app}-${template}`,
          uid: `6f1c2b3a-0000-4000-8000-${String(app.length * 1_000_003).padStart(12, '0')}`,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      nodeName: nodeName(k),
      initContainers: [
        {
          name: 'migrate',
          image: `registry.example.com/${app}-migrate:1.8.2`,
          command: ['/bin/migrate', '--wait-for-db', '--timeout=120s'],
          env: env('MIGRATE'),
          volumeMounts: [{ name: 'config', mountPath: '/etc/app', readOnly: true }],
        },
      ],
      containers: [
        {
          name: app,
          image: `registry.example.com/${app}:1.8.2`,
          args: ['--config=/etc/app/config.yaml', '--listen=:8080', '--metrics=:9090'],
          ports: [
            { name: 'http', containerPort: 8080, protocol: 'TCP' },
            { name: 'metrics', containerPort: 9090, protocol: 'TCP' },
          ],
          env: [
            ...env('APP'),
            { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
            { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
          ],
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
          readinessProbe: { httpGet: { path: '/readyz', port: 8080 }, periodSeconds: 10 },
          livenessProbe: { httpGet: { path: '/livez', port: 8080 }, periodSeconds: 20, failureThreshold: 6 },
          volumeMounts: [
            { name: 'config', mountPath: '/etc/app', readOnly: true },
            { name: 'tls', mountPath: '/etc/tls', readOnly: true },
            { name: 'cache', mountPath: '/var/cache/app' },
          ],
        },
        {
          name: 'log-shipper',
          image: 'registry.example.com/fluent-bit:3.1.4',
          args: ['--config=/fluent-bit/etc/fluent-bit.conf'],
          env: env('SHIPPER'),
          resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '64Mi' } },
          volumeMounts: [{ name: 'cache', mountPath: '/var/cache/app', readOnly: true }],
        },
      ],
      volumes: [
        { name: 'config', configMap: { name: `${app}-config` } },
        { name: 'tls', secret: { secretName: `${app}-tls` } },
        { name: 'cache', emptyDir: { sizeLimit: '1Gi' } },
      ],
    },
  };
}

/** Whether Pod number `i` of its kind is ready (nine in ten are), and its restarts. */
export const health = (i) => ({ ready: i % 10 !== 7, restarts: i % 10 === 7 ? 3 + (i % 5) : 0 });

/**
 * The status a kubelet's status manager writes for a running Pod (kubelet/status/status_manager.go):
 * phase Running, the conditions, one status per container (init containers terminated).
 */
export function runningStatus(pod, { ready, restarts, ip, hostIp, started }) {
  const id = (name) =>
    `containerd://${Buffer.from(`${pod.metadata.name}/${name}`).toString('hex').padEnd(64, '0').slice(0, 64)}`;
  const imageId = (image) => `${image.split(':')[0]}@sha256:${'5f'.repeat(32)}`;
  const condition = (type, ok) => ({
    type,
    status: ok ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: started,
  });
  return {
    phase: 'Running',
    hostIP: hostIp,
    hostIPs: [{ ip: hostIp }],
    podIP: ip,
    podIPs: [{ ip }],
    startTime: started,
    conditions: [
      condition('PodReadyToStartContainers', true),
      condition('Initialized', true),
      condition('Ready', ready),
      condition('ContainersReady', ready),
      condition('PodScheduled', true),
    ],
    ...(pod.spec.initContainers && {
      initContainerStatuses: pod.spec.initContainers.map((c) => ({
        name: c.name,
        image: c.image,
        imageID: imageId(c.image),
        containerID: id(c.name),
        ready: true,
        started: false,
        restartCount: 0,
        state: {
          terminated: {
            exitCode: 0,
            reason: 'Completed',
            startedAt: started,
            finishedAt: started,
            containerID: id(c.name),
          },
        },
      })),
    }),
    containerStatuses: pod.spec.containers.map((c) => ({
      name: c.name,
      image: c.image,
      imageID: imageId(c.image),
      containerID: id(c.name),
      ready,
      started: true,
      restartCount: restarts,
      state: { running: { startedAt: started } },
      ...(restarts > 0 && {
        lastState: {
          terminated: {
            exitCode: 137,
            reason: 'OOMKilled',
            startedAt: started,
            finishedAt: started,
            containerID: id(`${c.name}-0`),
          },
        },
      }),
    })),
  };
}
