/**
 * Generated static Pods for the API-side differential suite: every reference path of
 * static-pods.md §4.4/§4.5 (each volume type and projected source, env/envFrom in init, regular and
 * ephemeral containers, imagePullSecrets, serviceAccountName and the deprecated serviceAccount,
 * PVCs, ephemeral volumes, resource claims) and volume types that need no API object, crossed with
 * namespaces (existing and missing) and priority/priorityClassName combinations.
 */
import type { Container, Pod, Volume } from 'kubernetes-types/core/v1.js';

type Mutation = (pod: Pod) => void;

const IMAGE = 'registry.k8s.io/pause:3.10';

function container(pod: Pod, list: 'initContainers' | 'containers' | 'ephemeralContainers'): Container {
  const spec = pod.spec as NonNullable<Pod['spec']>;
  if (list === 'containers') return spec.containers[0] as Container;
  const extra = { name: list === 'initContainers' ? 'init' : 'debug', image: IMAGE };
  if (list === 'initContainers') spec.initContainers = [extra];
  else spec.ephemeralContainers = [extra];
  return extra;
}

const CONTAINER_REFS: Record<string, (c: Container) => void> = {
  'env-secret': (c) => {
    c.env = [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'creds', key: 'token' } } }];
  },
  'env-configmap': (c) => {
    c.env = [{ name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'settings', key: 'level' } } }];
  },
  'envfrom-secret': (c) => {
    c.envFrom = [{ secretRef: { name: 'creds' } }];
  },
  'envfrom-configmap': (c) => {
    c.envFrom = [{ configMapRef: { name: 'settings' } }];
  },
  'env-fieldref': (c) => {
    c.env = [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }];
  },
};

const VOLUMES: Record<string, Omit<Volume, 'name'>> = {
  secret: { secret: { secretName: 'creds' } },
  'projected-secret': { projected: { sources: [{ secret: { name: 'creds' } }] } },
  'projected-configmap': { projected: { sources: [{ configMap: { name: 'settings' } }] } },
  'projected-sa-token': { projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } },
  'projected-ctb-name': {
    projected: { sources: [{ clusterTrustBundle: { name: 'example.com:ca', path: 'ca.pem' } }] },
  },
  'projected-ctb-signer': {
    projected: {
      sources: [{ clusterTrustBundle: { signerName: 'example.com/ca', labelSelector: {}, path: 'ca.pem' } }],
    },
  },
  'projected-pod-certificate': {
    projected: {
      sources: [
        {
          podCertificate: {
            signerName: 'example.com/signer',
            keyType: 'ED25519',
            credentialBundlePath: 'bundle.pem',
          },
        } as never,
      ],
    },
  },
  'projected-downward-api': {
    projected: {
      sources: [{ downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } }],
    },
  },
  configmap: { configMap: { name: 'settings' } },
  'azure-file': { azureFile: { secretName: 'azure', shareName: 'share' } },
  'cephfs-secret': { cephfs: { monitors: ['10.0.0.1:6789'], secretRef: { name: 'ceph' } } },
  cephfs: { cephfs: { monitors: ['10.0.0.1:6789'] } },
  'cinder-secret': { cinder: { volumeID: 'vol-1', secretRef: { name: 'cinder' } } },
  'flex-secret': { flexVolume: { driver: 'example.com/flex', secretRef: { name: 'flex' } } },
  flex: { flexVolume: { driver: 'example.com/flex' } },
  'rbd-secret': { rbd: { monitors: ['10.0.0.1:6789'], image: 'img', secretRef: { name: 'rbd' } } },
  'scaleio-secret': {
    scaleIO: { gateway: 'https://gw', system: 'sys', secretRef: { name: 'sio' }, volumeName: 'v' },
  },
  'iscsi-secret': {
    iscsi: {
      targetPortal: '10.0.0.1:3260',
      iqn: 'iqn.2001-04.com.example:storage',
      lun: 0,
      secretRef: { name: 'chap' },
    },
  },
  iscsi: { iscsi: { targetPortal: '10.0.0.1:3260', iqn: 'iqn.2001-04.com.example:storage', lun: 0 } },
  'storageos-secret': { storageos: { volumeName: 'v', secretRef: { name: 'sos' } } },
  'csi-secret': { csi: { driver: 'csi.example.com', nodePublishSecretRef: { name: 'csi' } } },
  csi: { csi: { driver: 'csi.example.com' } },
  glusterfs: { glusterfs: { endpoints: 'gluster', path: 'vol' } },
  pvc: { persistentVolumeClaim: { claimName: 'data' } },
  ephemeral: {
    ephemeral: {
      volumeClaimTemplate: {
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      },
    },
  },
  'host-path': { hostPath: { path: '/var/lib/agent', type: 'DirectoryOrCreate' } },
  'empty-dir': { emptyDir: { sizeLimit: '1Gi' } },
  'downward-api': { downwardAPI: { items: [{ path: 'name', fieldRef: { fieldPath: 'metadata.name' } }] } },
  nfs: { nfs: { server: 'nfs.example.com', path: '/exports' } },
  image: { image: { reference: 'registry.k8s.io/pause:3.10', pullPolicy: 'IfNotPresent' } } as never,
  fc: { fc: { targetWWNs: ['500a0982991b8dc5'], lun: 2, fsType: 'ext4' } },
  'gce-pd': { gcePersistentDisk: { pdName: 'disk' } },
  'aws-ebs': { awsElasticBlockStore: { volumeID: 'vol-1' } },
  'azure-disk': { azureDisk: { diskName: 'd', diskURI: 'https://example.blob.core.windows.net/vhds/d.vhd' } },
  photon: { photonPersistentDisk: { pdID: 'p' } },
  portworx: { portworxVolume: { volumeID: 'p' } },
  quobyte: { quobyte: { registry: 'reg:7861', volume: 'v' } },
  vsphere: { vsphereVolume: { volumePath: '[datastore] v.vmdk' } },
  flocker: { flocker: { datasetName: 'd' } },
  'git-repo': { gitRepo: { repository: 'https://example.com/repo.git' } },
};

/** One reference (or harmless construct) per entry. */
export const REFERENCES: Readonly<Record<string, Mutation>> = {
  none: () => {},
  'image-pull-secrets': (p) => {
    (p.spec as NonNullable<Pod['spec']>).imagePullSecrets = [{ name: 'regcred' }];
  },
  'service-account-name': (p) => {
    (p.spec as NonNullable<Pod['spec']>).serviceAccountName = 'builder';
  },
  'service-account-deprecated': (p) => {
    (p.spec as NonNullable<Pod['spec']>).serviceAccount = 'builder';
  },
  'automount-false': (p) => {
    (p.spec as NonNullable<Pod['spec']>).automountServiceAccountToken = false;
  },
  'resource-claims': (p) => {
    const spec = p.spec as NonNullable<Pod['spec']>;
    // kubernetes-types 1.30 predates the flattened resourceClaimName field (Kubernetes 1.31).
    spec.resourceClaims = [{ name: 'gpu', resourceClaimName: 'gpu-claim' } as never];
    (spec.containers[0] as Container).resources = { claims: [{ name: 'gpu' }] };
  },
  ...Object.fromEntries(
    (['initContainers', 'containers', 'ephemeralContainers'] as const).flatMap((list) =>
      Object.entries(CONTAINER_REFS).map(([name, apply]) => [
        `${list}-${name}`,
        (p: Pod) => apply(container(p, list)),
      ]),
    ),
  ),
  ...Object.fromEntries(
    Object.entries(VOLUMES).map(([name, source]) => [
      `volume-${name}`,
      (p: Pod) => {
        (p.spec as NonNullable<Pod['spec']>).volumes = [{ name: 'v', ...source }];
      },
    ]),
  ),
};

/** The PriorityClass the `custom-class` variants name; the suites that send them create it first. */
export const CUSTOM_PRIORITY_CLASS = {
  apiVersion: 'scheduling.k8s.io/v1',
  kind: 'PriorityClass',
  metadata: { name: 'staticpods-diff-custom' },
  value: 1000,
} as const;

/** `system-node-critical` resolves to 2000001000; {@link CUSTOM_PRIORITY_CLASS} has value 1000. */
export const PRIORITIES: Readonly<Record<string, Mutation>> = {
  'no-priority': () => {},
  'node-critical': (p) => {
    Object.assign(p.spec as object, { priorityClassName: 'system-node-critical', priority: 2000001000 });
  },
  'class-only': (p) => {
    Object.assign(p.spec as object, { priorityClassName: 'system-cluster-critical' });
  },
  'priority-without-class': (p) => {
    Object.assign(p.spec as object, { priority: 1000 });
  },
  'unknown-class': (p) => {
    Object.assign(p.spec as object, { priorityClassName: 'does-not-exist' });
  },
  'wrong-priority-for-class': (p) => {
    Object.assign(p.spec as object, { priorityClassName: 'system-node-critical', priority: 2000000000 });
  },
  'custom-class': (p) => {
    Object.assign(p.spec as object, {
      priorityClassName: CUSTOM_PRIORITY_CLASS.metadata.name,
      priority: CUSTOM_PRIORITY_CLASS.value,
    });
  },
  'preemption-policy-mismatch': (p) => {
    Object.assign(p.spec as object, { priorityClassName: 'system-node-critical', preemptionPolicy: 'Never' });
  },
};

export const NAMESPACES = ['kube-system', 'default', 'staticpods-diff-missing'] as const;

export interface Variant {
  readonly id: string;
  readonly pod: Pod;
}

/** Every reference × namespace, and every priority case on a subset of references, each with a unique name. */
export function variants(): Variant[] {
  const out: Variant[] = [];
  const refs = Object.entries(REFERENCES);
  const priorities = Object.entries(PRIORITIES);
  refs.forEach(([ref, applyRef], r) => {
    NAMESPACES.forEach((namespace, n) => {
      // Each reference meets every namespace and, rotating, every priority case: 3 × |refs| ≥ 8 priorities.
      for (const k of [0, 1, 2, 3]) {
        const [prio, applyPrio] = priorities[(r + n * 3 + k * 2) % priorities.length] as [string, Mutation];
        const id =
          `${ref}-${namespace === 'default' ? 'def' : namespace === 'kube-system' ? 'ks' : 'miss'}-${prio}`
            .toLowerCase()
            .slice(0, 200);
        if (out.some((v) => v.id === id)) continue;
        const pod: Pod = {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: id, namespace },
          spec: { containers: [{ name: 'main', image: IMAGE }] },
        };
        applyRef(pod);
        applyPrio(pod);
        out.push({ id, pod });
      }
    });
  });
  return out;
}
