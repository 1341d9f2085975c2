// Generated static Pod manifests for the config-hash differential suite: every quantity notation,
// every volume type, probes, security contexts, empty vs absent vs null lists and maps, unicode,
// and the defaults that fill nested structs. Deterministic (seeded), so a failure reproduces.

type Json = null | boolean | number | string | Json[] | { [k: string]: Json } | Raw;

/** A scalar written as it is into YAML (`1e3`, `0x10`, `~`), or as a JSON number literal. */
export class Raw {
  constructor(readonly text: string) {}
}

type Obj = { [k: string]: Json };

export interface Variant {
  readonly label: string;
  readonly format: 'yaml' | 'json';
  readonly text: string;
}

/** Quantities in every notation the parser takes: each goes through a different Go code path. */
// biome-ignore format: a table
export const QUANTITY_NOTATIONS: readonly (string | Raw)[] = [
  '0', '00', '0.0', '-0', '+1', '1', '1.0', '1.5', '0.5', '.5', '1.', '100m', '1000m', '1500m', '0.1m', '1n',
  '1.5n', '0.0000000001', '0.0000000000', '0e-20', '1u', '2k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi',
  '1.5Gi', '1024Mi', '0.5Ki', '3Ei', '8Ei', '9Ei', '1e3', '1E3', '1e-3', '1e-10', '1.5e2', '500e-3', '1e19',
  '123456789012345678901', '9223372036854775807', '9223372036854775808', '99999999999999999999999999999999999',
  '12345678901234567.5', '-1', '-1.5n', '-100m', '0.000000001', '7Ki', '8Ki', '2048Ki', '1000000000000000000000Ki',
  ' 2 ', '250m', '128974848', '129e6', '129M', '123Mi', '0.1', '100Gi', '1.25', '3000000n', '64Mi',
  new Raw('1'), new Raw('1.0'), new Raw('0.5'), new Raw('1e3'), new Raw('2.5e-7'), new Raw('100000000000000000000'),
  new Raw('12345678.9'), new Raw('0'), new Raw('-2'), new Raw('0x10'), new Raw('1_000'),
];

/** Strings that exercise UTF-8 encoding and Go's byte-wise map key order. */
// biome-ignore format: a table
const UNICODE = [
  'café', 'naïve-Ω', '日本語', 'emoji-🚀-x', 'צבע', 'e\u0301', '\uE000private', '\uFFFD', 'zero\u200Bwidth',
  'Zebra', 'apple', 'Äpfel', '𝔘nicode', '\uFF21fullwidth', 'tab\there', 'line\nbreak', 'quote"s', "it's",
];

const IMAGES = [
  'nginx',
  'nginx:latest',
  'nginx:1.27',
  'registry.k8s.io/etcd:3.5.9-0',
  'registry.k8s.io/pause@sha256:7031c1b283388d2c2e09b57badb803c05ebed362dc88d84b480cc47f72a21097',
  'localhost:5000/app',
  'localhost:5000/app:v1',
];

/** One volume of every type the v1 API has, with the fields that have defaults. */
function volumeOfType(type: string, rnd: Rng): Obj {
  const q = () => quantity(rnd);
  const items = rnd.bool()
    ? { items: [{ key: 'k', path: 'p', ...(rnd.bool() ? { mode: 0o400 } : {}) }] }
    : {};
  const sources: Record<string, Json> = {
    hostPath: {
      path: '/etc/kubernetes/pki',
      ...(rnd.bool() ? { type: rnd.pick(['', 'Directory', 'File', 'DirectoryOrCreate']) } : {}),
    },
    emptyDir: rnd.bool()
      ? {}
      : { medium: rnd.pick(['', 'Memory']), ...(rnd.bool() ? { sizeLimit: q() } : {}) },
    gcePersistentDisk: { pdName: 'pd', fsType: 'ext4', partition: 1, readOnly: rnd.bool() },
    awsElasticBlockStore: { volumeID: 'vol-1', ...(rnd.bool() ? { fsType: 'ext4' } : {}) },
    gitRepo: {
      repository: 'https://example.com/r.git',
      ...(rnd.bool() ? { revision: 'main', directory: '.' } : {}),
    },
    secret: {
      secretName: 's',
      ...items,
      ...(rnd.bool() ? { defaultMode: 0o600 } : {}),
      ...(rnd.bool() ? { optional: true } : {}),
    },
    nfs: { server: 'nfs.example.com', path: '/exports', readOnly: rnd.bool() },
    iscsi: {
      targetPortal: '10.0.0.1:3260',
      iqn: 'iqn.2001-04.com.example:storage',
      lun: 0,
      ...(rnd.bool() ? { iscsiInterface: 'eth0' } : {}),
      ...(rnd.bool() ? { portals: ['10.0.0.2:3260'] } : {}),
    },
    glusterfs: { endpoints: 'ep', path: 'vol', readOnly: rnd.bool() },
    persistentVolumeClaim: { claimName: 'c', ...(rnd.bool() ? { readOnly: true } : {}) },
    rbd: {
      monitors: ['10.0.0.1:6789'],
      image: 'img',
      ...(rnd.bool() ? { pool: 'p', user: 'u', keyring: '/k' } : {}),
    },
    flexVolume: { driver: 'example.com/drv', ...(rnd.bool() ? { options: { a: 'b', B: 'c' } } : {}) },
    cinder: { volumeID: 'v' },
    cephfs: {
      monitors: ['10.0.0.1:6789'],
      ...(rnd.bool() ? { path: '/', user: 'admin', secretFile: '/etc/ceph/s' } : {}),
    },
    flocker: { datasetName: 'd' },
    downwardAPI: {
      items: [
        {
          path: 'labels',
          fieldRef: rnd.bool()
            ? { fieldPath: 'metadata.labels' }
            : { apiVersion: 'v1', fieldPath: 'metadata.labels' },
        },
        {
          path: 'cpu',
          resourceFieldRef: {
            containerName: 'main',
            resource: 'limits.cpu',
            ...(rnd.bool() ? { divisor: q() } : {}),
          },
        },
      ],
      ...(rnd.bool() ? { defaultMode: 0o444 } : {}),
    },
    fc: { targetWWNs: ['500a0982991b8dc5'], lun: 2, ...(rnd.bool() ? { wwids: [] } : {}) },
    azureFile: { secretName: 's', shareName: 'sh' },
    configMap: { name: 'cm', ...items, ...(rnd.bool() ? { optional: false } : {}) },
    vsphereVolume: { volumePath: '[ds] v.vmdk' },
    quobyte: { registry: 'r:7861', volume: 'v' },
    azureDisk: {
      diskName: 'd',
      diskURI: 'https://example.com/d.vhd',
      ...(rnd.bool() ? { cachingMode: 'None', fsType: 'xfs', readOnly: true, kind: 'Managed' } : {}),
    },
    photonPersistentDisk: { pdID: 'p' },
    projected: {
      sources: [
        {
          serviceAccountToken: {
            path: 'token',
            ...(rnd.bool() ? { expirationSeconds: 7200 } : {}),
            ...(rnd.bool() ? { audience: 'api' } : {}),
          },
        },
        { downwardAPI: { items: [{ path: 'n', fieldRef: { fieldPath: 'metadata.name' } }] } },
        ...(rnd.bool() ? [{ configMap: { name: 'cm' } }] : []),
      ],
      ...(rnd.bool() ? { defaultMode: 0o640 } : {}),
    },
    portworxVolume: { volumeID: 'v' },
    scaleIO: {
      gateway: 'https://g',
      system: 's',
      secretRef: { name: 's' },
      ...(rnd.bool() ? { storageMode: 'ThickProvisioned', fsType: 'ext4' } : {}),
    },
    storageos: { volumeName: 'v' },
    csi: { driver: 'csi.example.com', ...(rnd.bool() ? { volumeAttributes: { z: '1', a: '2' } } : {}) },
    ephemeral: {
      volumeClaimTemplate: {
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: q() }, ...(rnd.bool() ? { limits: { storage: q() } } : {}) },
          ...(rnd.bool() ? { volumeMode: 'Block' } : {}),
        },
      },
    },
    image: { reference: rnd.pick(IMAGES), ...(rnd.bool() ? { pullPolicy: 'Never' } : {}) },
  };
  const src = sources[type];
  if (src === undefined) throw new Error(`no volume type ${type}`);
  return { name: `v-${type.toLowerCase()}`, [type]: src };
}

export const VOLUME_TYPES = [
  'hostPath',
  'emptyDir',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'persistentVolumeClaim',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'downwardAPI',
  'fc',
  'azureFile',
  'configMap',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'projected',
  'portworxVolume',
  'scaleIO',
  'storageos',
  'csi',
  'ephemeral',
  'image',
] as const;

class Rng {
  constructor(private state: number) {}
  next(): number {
    // mulberry32
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  bool(): boolean {
    return this.next() < 0.5;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)] as T;
  }
}

function quantity(rnd: Rng): Json {
  return rnd.pick(QUANTITY_NOTATIONS);
}

/** Absent, null, empty or filled: the four shapes of an optional list or map. */
function shape(rnd: Rng, filled: () => Json, empty: Json): Json | undefined {
  switch (rnd.int(4)) {
    case 0:
      return undefined;
    case 1:
      return null;
    case 2:
      return empty;
    default:
      return filled();
  }
}

function set(o: Obj, key: string, v: Json | undefined): void {
  if (v !== undefined) o[key] = v;
}

function probe(rnd: Rng): Obj {
  const port = rnd.bool() ? rnd.pick([8080, 10257, 2381]) : rnd.pick(['http', 'metrics', '8080']);
  const handlers: Obj[] = [
    { exec: { command: ['/bin/sh', '-c', 'true'] } },
    {
      httpGet: {
        port,
        ...(rnd.bool() ? { path: '/healthz', host: '127.0.0.1', scheme: rnd.pick(['HTTP', 'HTTPS']) } : {}),
        ...(rnd.bool() ? { httpHeaders: [{ name: 'X', value: 'y' }] } : {}),
      },
    },
    { tcpSocket: { port, ...(rnd.bool() ? { host: 'localhost' } : {}) } },
    { grpc: { port: 2379, ...(rnd.bool() ? { service: 'etcd' } : {}) } },
  ];
  const p: Obj = { ...rnd.pick(handlers) };
  for (const f of [
    'initialDelaySeconds',
    'timeoutSeconds',
    'periodSeconds',
    'successThreshold',
    'failureThreshold',
  ]) {
    if (rnd.int(3) === 0) p[f] = rnd.pick([0, 1, 3, 15]);
  }
  if (rnd.int(4) === 0) p.terminationGracePeriodSeconds = 10;
  return p;
}

function containerSecurityContext(rnd: Rng): Obj {
  const sc: Obj = {};
  if (rnd.bool()) sc.privileged = rnd.bool();
  if (rnd.bool()) sc.runAsUser = rnd.pick([0, 1000, 65534]);
  if (rnd.bool()) sc.runAsNonRoot = rnd.bool();
  if (rnd.bool()) sc.readOnlyRootFilesystem = true;
  if (rnd.bool()) sc.allowPrivilegeEscalation = false;
  if (rnd.bool())
    sc.capabilities = {
      ...(rnd.bool() ? { add: ['NET_ADMIN', 'SYS_TIME'] } : {}),
      drop: rnd.bool() ? ['ALL'] : [],
    };
  if (rnd.bool())
    sc.seccompProfile = rnd.bool()
      ? { type: 'RuntimeDefault' }
      : { type: 'Localhost', localhostProfile: 'p.json' };
  if (rnd.bool()) sc.seLinuxOptions = { level: 's0:c123,c456', ...(rnd.bool() ? { type: 'spc_t' } : {}) };
  if (rnd.int(4) === 0) sc.procMount = 'Default';
  return sc;
}

function podSecurityContext(rnd: Rng): Obj {
  const sc: Obj = {};
  if (rnd.bool()) sc.runAsUser = 0;
  if (rnd.bool()) sc.runAsGroup = 0;
  if (rnd.bool()) sc.fsGroup = 2000;
  if (rnd.bool()) sc.supplementalGroups = rnd.bool() ? [] : [1, 2];
  if (rnd.bool()) sc.sysctls = [{ name: 'net.ipv4.ip_forward', value: '1' }];
  if (rnd.bool()) sc.seccompProfile = { type: 'RuntimeDefault' };
  if (rnd.int(4) === 0) sc.fsGroupChangePolicy = 'OnRootMismatch';
  return sc;
}

function container(rnd: Rng, name: string): Obj {
  const c: Obj = { name, image: rnd.pick(IMAGES) };
  if (rnd.int(3) === 0) c.imagePullPolicy = rnd.pick(['Always', 'IfNotPresent', 'Never']);
  set(
    c,
    'command',
    shape(rnd, () => ['kube-apiserver', `--advertise-address=10.0.0.${rnd.int(255)}`], []),
  );
  set(
    c,
    'args',
    shape(rnd, () => ['--v=2'], []),
  );
  set(
    c,
    'env',
    shape(rnd, () => envVars(rnd), []),
  );
  set(
    c,
    'ports',
    shape(
      rnd,
      () => [
        {
          containerPort: 6443,
          ...(rnd.bool() ? { name: 'https', protocol: 'TCP' } : {}),
          ...(rnd.bool() ? { hostPort: 6443 } : {}),
        },
        { containerPort: 53, protocol: 'UDP' },
      ],
      [],
    ),
  );
  set(
    c,
    'volumeMounts',
    shape(rnd, () => [{ name: 'v', mountPath: '/v', ...(rnd.bool() ? { readOnly: true } : {}) }], []),
  );
  if (rnd.bool()) c.resources = resources(rnd);
  if (rnd.int(3) === 0) c.livenessProbe = probe(rnd);
  if (rnd.int(3) === 0) c.readinessProbe = probe(rnd);
  if (rnd.int(3) === 0) c.startupProbe = probe(rnd);
  if (rnd.int(3) === 0) c.securityContext = containerSecurityContext(rnd);
  if (rnd.int(4) === 0) {
    c.lifecycle = rnd.bool()
      ? { preStop: { exec: { command: ['sleep', '5'] } } }
      : {
          postStart: { httpGet: { port: 80 } },
          ...(rnd.bool() ? { preStop: { sleep: { seconds: 3 } } } : {}),
        };
  }
  if (rnd.int(5) === 0) c.terminationMessagePolicy = 'FallbackToLogsOnError';
  if (rnd.int(5) === 0) c.terminationMessagePath = '/tmp/term';
  if (rnd.int(6) === 0) c.workingDir = '/work';
  if (rnd.int(6) === 0) Object.assign(c, { stdin: true, tty: rnd.bool() });
  if (rnd.int(6) === 0) c.resizePolicy = [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }];
  return c;
}

function resources(rnd: Rng): Obj {
  const r: Obj = {};
  const list = () => {
    const l: Obj = {};
    for (const k of ['cpu', 'memory', 'ephemeral-storage', 'hugepages-2Mi', 'example.com/gpu']) {
      if (rnd.int(3) === 0) l[k] = quantity(rnd);
    }
    return l;
  };
  set(r, 'limits', shape(rnd, list, {}));
  set(r, 'requests', shape(rnd, list, {}));
  return r;
}

function envVars(rnd: Rng): Json {
  const vars: Json[] = [{ name: 'PLAIN', value: rnd.pick(UNICODE) }];
  if (rnd.bool()) vars.push({ name: 'EMPTY' });
  if (rnd.bool())
    vars.push({
      name: 'POD_IP',
      valueFrom: {
        fieldRef: rnd.bool()
          ? { fieldPath: 'status.podIP' }
          : { apiVersion: 'v1', fieldPath: 'status.podIP' },
      },
    });
  if (rnd.bool())
    vars.push({
      name: 'CPU',
      valueFrom: {
        resourceFieldRef: { resource: 'limits.cpu', ...(rnd.bool() ? { divisor: quantity(rnd) } : {}) },
      },
    });
  if (rnd.int(4) === 0) vars.push({ name: 'CM', valueFrom: { configMapKeyRef: { name: 'cm', key: 'k' } } });
  if (rnd.int(4) === 0)
    vars.push({
      name: 'F',
      valueFrom: {
        fileKeyRef: { volumeName: 'v', path: 'f.env', key: 'K', ...(rnd.bool() ? { optional: true } : {}) },
      },
    });
  return vars;
}

/** Features a variant can combine; each mutates the Pod. */
const FEATURES: Record<string, (pod: Obj, spec: Obj, rnd: Rng) => void> = {
  quantities: (_pod, spec, rnd) => {
    const c = (spec.containers as Obj[])[0] as Obj;
    c.resources = {
      limits: { cpu: quantity(rnd), memory: quantity(rnd) },
      ...(rnd.bool() ? { requests: { cpu: quantity(rnd) } } : {}),
    };
    if (rnd.bool()) spec.overhead = { cpu: quantity(rnd) };
    if (rnd.int(3) === 0)
      spec.resources = {
        limits: { memory: quantity(rnd) },
        ...(rnd.bool() ? { requests: { memory: quantity(rnd) } } : {}),
      };
  },
  volumes: (_pod, spec, rnd) => {
    const n = 1 + rnd.int(3);
    spec.volumes = Array.from({ length: n }, () => volumeOfType(rnd.pick(VOLUME_TYPES), rnd));
  },
  probes: (_pod, spec, rnd) => {
    const c = (spec.containers as Obj[])[0] as Obj;
    c.livenessProbe = probe(rnd);
    if (rnd.bool()) c.readinessProbe = probe(rnd);
    if (rnd.bool()) c.startupProbe = probe(rnd);
  },
  security: (_pod, spec, rnd) => {
    spec.securityContext = podSecurityContext(rnd);
    ((spec.containers as Obj[])[0] as Obj).securityContext = containerSecurityContext(rnd);
  },
  emptiness: (pod, spec, rnd) => {
    const meta = pod.metadata as Obj;
    set(
      meta,
      'labels',
      shape(rnd, () => ({ component: 'etcd', tier: 'control-plane' }), {}),
    );
    set(
      meta,
      'annotations',
      shape(rnd, () => ({ 'kubeadm.kubernetes.io/etcd.advertise-client-urls': 'https://10.0.0.1:2379' }), {}),
    );
    set(
      meta,
      'finalizers',
      shape(rnd, () => ['example.com/f'], []),
    );
    set(
      spec,
      'nodeSelector',
      shape(rnd, () => ({ 'kubernetes.io/os': 'linux' }), {}),
    );
    set(
      spec,
      'tolerations',
      shape(rnd, () => [{ operator: 'Exists', effect: 'NoSchedule' }], []),
    );
    set(
      spec,
      'initContainers',
      shape(rnd, () => [container(rnd, 'init')], []),
    );
    set(
      spec,
      'volumes',
      shape(rnd, () => [{ name: 'v', emptyDir: {} }], []),
    );
    set(
      spec,
      'imagePullSecrets',
      shape(rnd, () => [{ name: 'pull' }], []),
    );
    set(
      spec,
      'hostAliases',
      shape(rnd, () => [{ ip: '127.0.0.1', hostnames: ['a', 'b'] }], []),
    );
    set(
      spec,
      'readinessGates',
      shape(rnd, () => [{ conditionType: 'example.com/ready' }], []),
    );
    if (rnd.bool()) spec.securityContext = rnd.bool() ? null : {};
    if (rnd.bool()) pod.status = rnd.bool() ? {} : null;
  },
  unicode: (pod, spec, rnd) => {
    const meta = pod.metadata as Obj;
    const labels: Obj = {};
    const annotations: Obj = {};
    for (let i = 0; i < 4; i++) {
      labels[rnd.pick(UNICODE)] = rnd.pick(UNICODE);
      annotations[`${rnd.pick(UNICODE)}/${i}`] = rnd.pick(UNICODE);
    }
    meta.labels = labels;
    meta.annotations = annotations;
    const c = (spec.containers as Obj[])[0] as Obj;
    c.command = [rnd.pick(UNICODE), rnd.pick(UNICODE)];
    c.env = [{ name: 'U', value: rnd.pick(UNICODE) }];
  },
  nestedDefaults: (_pod, spec, rnd) => {
    spec.hostNetwork = true;
    spec.containers = [container(rnd, 'main'), container(rnd, 'sidecar')];
    ((spec.containers as Obj[])[0] as Obj).ports = [
      { containerPort: 2379 },
      { containerPort: 2380, hostPort: 0 },
      { containerPort: 9090, hostPort: 19090 },
    ];
    if (rnd.bool()) spec.initContainers = [{ ...container(rnd, 'init'), restartPolicy: 'Always' }];
    spec.volumes = [
      volumeOfType('downwardAPI', rnd),
      volumeOfType('projected', rnd),
      volumeOfType(
        rnd.pick(['rbd', 'iscsi', 'azureDisk', 'scaleIO', 'ephemeral', 'image', 'secret', 'configMap']),
        rnd,
      ),
    ];
  },
  podFields: (_pod, spec, rnd) => {
    if (rnd.bool())
      spec.priorityClassName = rnd.pick(['system-node-critical', 'system-cluster-critical', 'custom']);
    if (rnd.bool()) spec.priority = rnd.pick([2000001000, 0, -5]);
    if (rnd.bool()) spec.dnsPolicy = rnd.pick(['ClusterFirstWithHostNet', 'Default', 'None']);
    if (spec.dnsPolicy === 'None' || rnd.int(4) === 0)
      spec.dnsConfig = {
        nameservers: ['1.1.1.1'],
        ...(rnd.bool() ? { options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] } : {}),
      };
    if (rnd.bool()) spec.restartPolicy = rnd.pick(['Always', 'OnFailure', 'Never']);
    if (rnd.bool()) spec.terminationGracePeriodSeconds = rnd.pick([0, -1, 30, 120]);
    if (rnd.int(4) === 0) spec.activeDeadlineSeconds = 600;
    if (rnd.bool()) spec.serviceAccount = rnd.pick(['legacy', '']);
    if (rnd.bool()) spec.serviceAccountName = rnd.pick(['sa', '']);
    if (rnd.int(4) === 0) spec.automountServiceAccountToken = false;
    if (rnd.int(4) === 0) spec.enableServiceLinks = rnd.bool();
    if (rnd.int(4) === 0) Object.assign(spec, { hostPID: true, hostIPC: rnd.bool() });
    if (rnd.int(4) === 0) spec.shareProcessNamespace = rnd.bool();
    if (rnd.int(4) === 0) spec.hostUsers = rnd.bool();
    if (rnd.int(4) === 0) spec.nodeName = 'ignored-node';
    if (rnd.int(4) === 0)
      Object.assign(spec, { hostname: 'h', subdomain: 's', setHostnameAsFQDN: rnd.bool() });
    if (rnd.int(4) === 0) spec.runtimeClassName = 'gvisor';
    if (rnd.int(4) === 0) spec.os = { name: rnd.pick(['linux', 'windows']) };
    if (rnd.int(4) === 0) spec.preemptionPolicy = 'Never';
    if (rnd.int(4) === 0) spec.schedulerName = 'custom-scheduler';
    if (rnd.int(4) === 0) spec.schedulingGates = [{ name: 'example.com/gate' }];
    if (rnd.int(3) === 0) {
      spec.tolerations = [
        { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
        {
          key: 'k',
          operator: 'Equal',
          value: 'v',
          effect: 'NoExecute',
          ...(rnd.bool() ? { tolerationSeconds: 300 } : {}),
        },
      ];
    }
    if (rnd.int(3) === 0) {
      spec.affinity = {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' }] },
            ],
          },
        },
        ...(rnd.bool()
          ? {
              podAntiAffinity: {
                preferredDuringSchedulingIgnoredDuringExecution: [
                  {
                    weight: 10,
                    podAffinityTerm: {
                      topologyKey: 'kubernetes.io/hostname',
                      labelSelector: { matchLabels: { a: 'b' } },
                    },
                  },
                ],
              },
            }
          : {}),
      };
    }
    if (rnd.int(4) === 0)
      spec.topologySpreadConstraints = [
        {
          maxSkew: 1,
          topologyKey: 'zone',
          whenUnsatisfiable: 'ScheduleAnyway',
          ...(rnd.bool() ? { labelSelector: { matchLabels: { a: 'b' } } } : {}),
        },
      ];
  },
  metadata: (pod, _spec, rnd) => {
    const meta = pod.metadata as Obj;
    if (rnd.bool()) meta.namespace = rnd.pick(['kube-system', 'default', '', 'monitoring']);
    if (rnd.int(4) === 0) meta.generateName = 'gen-';
    if (rnd.int(4) === 0) meta.resourceVersion = '12345';
    if (rnd.int(4) === 0) meta.generation = 3;
    if (rnd.int(4) === 0) meta.deletionGracePeriodSeconds = 30;
    if (rnd.int(5) === 0)
      meta.ownerReferences = [
        { apiVersion: 'v1', kind: 'Node', name: 'n', uid: 'u', ...(rnd.bool() ? { controller: true } : {}) },
      ];
    if (rnd.int(3) === 0) meta.creationTimestamp = null;
    if (rnd.int(8) === 0) meta.uid = 'a1b2c3d4-0000-4000-8000-000000000001';
    if (rnd.int(3) === 0)
      meta.annotations = { 'kubernetes.io/config.hash': 'ignored', 'kubernetes.io/config.seen': 'x' };
  },
  status: (pod, _spec, rnd) => {
    const s: Obj = {};
    switch (rnd.int(5)) {
      case 0:
        s.podIP = '10.0.0.1';
        break;
      case 1:
        s.podIPs = [{ ip: '10.0.0.2' }, { ip: 'fd00::2' }];
        break;
      case 2:
        Object.assign(s, { podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.9' }] });
        break;
      case 3:
        Object.assign(s, { podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.1' }] });
        break;
    }
    if (rnd.bool()) s.phase = rnd.pick(['Running', 'Pending']);
    if (rnd.bool()) s.qosClass = 'Burstable';
    pod.status = s;
  },
  ephemeral: (_pod, spec, rnd) => {
    spec.ephemeralContainers = [
      {
        name: 'debug',
        image: 'busybox',
        ...(rnd.bool() ? { targetContainerName: 'main' } : {}),
        ...(rnd.bool() ? { resources: resources(rnd) } : {}),
      },
    ];
  },
  unknownFields: (pod, spec, rnd) => {
    pod.extra = 'dropped';
    (spec.containers as Obj[]).push({
      name: 'second',
      image: 'busybox',
      Image: 'ignored',
      unknownField: { a: 1 },
    });
    if (rnd.bool()) spec.Containers = [];
    if (rnd.bool()) (pod.metadata as Obj).Labels = { a: 'b' };
  },
};

/** A pod with `features` applied, as YAML or JSON. */
function variant(i: number, rnd: Rng, features: readonly string[], format: 'yaml' | 'json'): Variant {
  const spec: Obj = { containers: [container(rnd, 'main')] };
  const pod: Obj = { apiVersion: 'v1', kind: 'Pod', metadata: { name: `hash-${i}` }, spec };
  for (const f of features) (FEATURES[f] as (typeof FEATURES)[string])(pod, spec, rnd);
  return {
    label: features.join('+') || 'plain',
    format,
    text: format === 'json' ? toJson(pod) : toYaml(pod),
  };
}

/**
 * `count` variants: first every quantity notation and every volume type on its own, then random
 * combinations of features. Manifests are YAML (block style) or JSON.
 */
export function hashVariants(count: number, seed = 9): Variant[] {
  const rnd = new Rng(seed);
  const out: Variant[] = [];
  for (const q of QUANTITY_NOTATIONS) {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `q-${out.length}` },
      spec: {
        overhead: { cpu: q },
        volumes: [{ name: 'v', emptyDir: { sizeLimit: q } }],
        containers: [
          {
            name: 'c',
            image: 'i',
            resources: { limits: { cpu: q, memory: q } },
            env: [{ name: 'E', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: q } } }],
          },
        ],
      },
    };
    for (const format of ['yaml', 'json'] as const) {
      if (format === 'json' && q instanceof Raw && !/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(q.text)) continue;
      const text = format === 'json' ? toJson(pod) : toYaml(pod);
      out.push({
        label: `quantity ${q instanceof Raw ? q.text : JSON.stringify(q)} (${format})`,
        format,
        text,
      });
    }
  }
  for (const t of VOLUME_TYPES) {
    for (const format of ['yaml', 'json'] as const) {
      const volume = volumeOfType(t, rnd);
      const pod = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `vol-${out.length}` },
        spec: {
          volumes: [volume],
          containers: [
            { name: 'c', image: 'nginx', volumeMounts: [{ name: volume.name as string, mountPath: '/m' }] },
          ],
        },
      };
      out.push({
        label: `volume ${t} (${format})`,
        format,
        text: format === 'json' ? toJson(pod) : toYaml(pod),
      });
    }
  }
  const names = Object.keys(FEATURES);
  while (out.length < count) {
    const n = 1 + rnd.int(5);
    const features = [...new Set(Array.from({ length: n }, () => rnd.pick(names)))];
    out.push(variant(out.length, rnd, features, rnd.int(4) === 0 ? 'json' : 'yaml'));
  }
  return out;
}

function toJson(v: Json): string {
  if (v instanceof Raw) return v.text;
  if (Array.isArray(v)) return `[${v.map(toJson).join(', ')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.entries(v)
      .map(([k, e]) => `${JSON.stringify(k)}: ${toJson(e)}`)
      .join(', ')}}`;
  }
  return JSON.stringify(v);
}

/** Block-style YAML; strings double-quoted (JSON escapes are valid YAML), {@link Raw} as written. */
function toYaml(v: Json): string {
  return yamlValue(v, '').replace(/^\n/, '');
}

function yamlValue(v: Json, indent: string): string {
  if (v instanceof Raw) return `${v.text}\n`;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]\n';
    return `\n${v.map((e) => `${indent}- ${yamlValue(e, `${indent}  `).replace(/^\n\s*/, '')}`).join('')}`;
  }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v);
    if (entries.length === 0) return '{}\n';
    return `\n${entries.map(([k, e]) => `${indent}${JSON.stringify(k)}: ${yamlValue(e, `${indent}  `)}`).join('')}`;
  }
  return `${v === null ? 'null' : JSON.stringify(v)}\n`;
}
