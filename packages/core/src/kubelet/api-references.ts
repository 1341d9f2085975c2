import type { Container, Pod, Volume } from 'kubernetes-types/core/v1.js';
import type { FieldPath } from '../field-path.js';

/** The kinds of API object a static Pod's spec can refer to. */
export type ApiReferenceKind =
  | 'service-account'
  | 'secret'
  | 'config-map'
  | 'resource-claim'
  | 'service-account-token'
  | 'cluster-trust-bundle'
  | 'pod-certificate'
  | 'persistent-volume-claim'
  | 'ephemeral-volume'
  | 'csi-volume'
  | 'glusterfs-volume'
  | 'unknown-volume'
  | 'unknown-projected-source';

/** One place where a Pod refers to another API object. */
export interface ApiReference {
  readonly kind: ApiReferenceKind;
  readonly path: FieldPath;
  /** The referenced object's name, where the field names one. */
  readonly name?: string;
}

/**
 * Volume types that need no API object (`HasAPIObjectReference`, kubernetes/kubernetes v1.37.2
 * `pkg/api/pod/util.go`: "Allow volume types that don't require the Kubernetes API").
 */
const LOCAL_VOLUME_TYPES = new Set([
  'awsElasticBlockStore',
  'azureDisk',
  'cephfs',
  'cinder',
  'downwardAPI',
  'emptyDir',
  'fc',
  'flexVolume',
  'flocker',
  'gcePersistentDisk',
  'gitRepo',
  'hostPath',
  'image',
  'iscsi',
  'nfs',
  'photonPersistentDisk',
  'portworxVolume',
  'quobyte',
  'rbd',
  'scaleIO',
  'storageos',
  'vsphereVolume',
]);

/** Every v1 volume source field known to Kubernetes 1.37 (the rest are dropped by the decoder). */
export const KNOWN_VOLUME_TYPES: ReadonlySet<string> = new Set([
  ...LOCAL_VOLUME_TYPES,
  'azureFile',
  'configMap',
  'csi',
  'ephemeral',
  'glusterfs',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

export const KNOWN_PROJECTED_SOURCES: ReadonlySet<string> = new Set([
  'configMap',
  'secret',
  'serviceAccountToken',
  'clusterTrustBundle',
  'podCertificate',
  'downwardAPI',
]);

/** Volume sources whose `secretRef.name` names a Secret (`VisitPodSecretNames`). */
const SECRET_REF_VOLUMES = [
  'cephfs',
  'cinder',
  'flexVolume',
  'rbd',
  'scaleIO',
  'iscsi',
  'storageos',
] as const;

type ContainerList = 'initContainers' | 'containers' | 'ephemeralContainers';
const ALL_CONTAINERS: readonly ContainerList[] = ['initContainers', 'containers', 'ephemeralContainers'];

/**
 * The Secret references `VisitPodSecretNames` visits (`pkg/api/pod/util.go`), in its order:
 * imagePullSecrets, then env/envFrom of init, regular and ephemeral containers, then volumes.
 */
export function secretReferences(pod: Pod): ApiReference[] {
  const spec = pod.spec;
  const out: ApiReference[] = [];
  for (const [i, r] of (spec?.imagePullSecrets ?? []).entries()) {
    out.push(ref(['spec', 'imagePullSecrets', i, 'name'], 'secret', r.name));
  }
  forEachContainer(pod, (c, path) => {
    c.envFrom?.forEach((e, i) => {
      if (e.secretRef)
        out.push(ref([...path, 'envFrom', i, 'secretRef', 'name'], 'secret', e.secretRef.name));
    });
    c.env?.forEach((e, i) => {
      const r = e.valueFrom?.secretKeyRef;
      if (r) out.push(ref([...path, 'env', i, 'valueFrom', 'secretKeyRef', 'name'], 'secret', r.name));
    });
  });
  spec?.volumes?.forEach((v, i) => {
    const base = ['spec', 'volumes', i] as const;
    const type = volumeType(v);
    if (type === 'azureFile' && v.azureFile?.secretName) {
      out.push(ref([...base, 'azureFile', 'secretName'], 'secret', v.azureFile.secretName));
    } else if (type === 'secret') {
      out.push(ref([...base, 'secret', 'secretName'], 'secret', v.secret?.secretName));
    } else if (type === 'csi' && v.csi?.nodePublishSecretRef) {
      out.push(
        ref([...base, 'csi', 'nodePublishSecretRef', 'name'], 'secret', v.csi.nodePublishSecretRef.name),
      );
    } else if (type === 'projected') {
      v.projected?.sources?.forEach((s, j) => {
        if (s.secret)
          out.push(ref([...base, 'projected', 'sources', j, 'secret', 'name'], 'secret', s.secret.name));
      });
    } else if ((SECRET_REF_VOLUMES as readonly string[]).includes(type ?? '')) {
      const r = (v as unknown as Record<string, { secretRef?: { name?: string } } | undefined>)[
        type as string
      ]?.secretRef;
      if (r) out.push(ref([...base, type as string, 'secretRef', 'name'], 'secret', r.name));
    }
  });
  return out.filter((r) => r.name);
}

/** The ConfigMap references `VisitPodConfigmapNames` visits, in its order. */
export function configMapReferences(pod: Pod): ApiReference[] {
  const out: ApiReference[] = [];
  forEachContainer(pod, (c, path) => {
    c.envFrom?.forEach((e, i) => {
      if (e.configMapRef)
        out.push(ref([...path, 'envFrom', i, 'configMapRef', 'name'], 'config-map', e.configMapRef.name));
    });
    c.env?.forEach((e, i) => {
      const r = e.valueFrom?.configMapKeyRef;
      if (r) out.push(ref([...path, 'env', i, 'valueFrom', 'configMapKeyRef', 'name'], 'config-map', r.name));
    });
  });
  pod.spec?.volumes?.forEach((v, i) => {
    const type = volumeType(v);
    if (type === 'projected') {
      v.projected?.sources?.forEach((s, j) => {
        if (s.configMap)
          out.push(
            ref(
              ['spec', 'volumes', i, 'projected', 'sources', j, 'configMap', 'name'],
              'config-map',
              s.configMap.name,
            ),
          );
      });
    } else if (type === 'configMap') {
      out.push(ref(['spec', 'volumes', i, 'configMap', 'name'], 'config-map', v.configMap?.name));
    }
  });
  return out.filter((r) => r.name);
}

/**
 * Every reference to another API object, grouped in the order `HasAPIObjectReference` checks
 * them: service account, secrets, config maps, resource claims, then volume by volume.
 * Unlike upstream (which stops at the first), this collects all of them.
 */
export function findApiReferences(pod: Pod): readonly ApiReference[] {
  let found = referencesOf.get(pod);
  if (!found) {
    found = collectApiReferences(pod);
    referencesOf.set(pod, found);
  }
  return found;
}

/** Eleven rules ask for the same Pod's references; they are collected once. */
const referencesOf = new WeakMap<Pod, readonly ApiReference[]>();

function collectApiReferences(pod: Pod): ApiReference[] {
  const spec = pod.spec;
  const out: ApiReference[] = [];
  // v1 `serviceAccount` is a deprecated alias that conversion copies into `serviceAccountName`
  // when that is empty (`pkg/apis/core/v1/conversion.go` Convert_v1_PodSpec_To_core_PodSpec).
  if (spec?.serviceAccountName)
    out.push(ref(['spec', 'serviceAccountName'], 'service-account', spec.serviceAccountName));
  else if (spec?.serviceAccount)
    out.push(ref(['spec', 'serviceAccount'], 'service-account', spec.serviceAccount));
  out.push(...secretReferences(pod), ...configMapReferences(pod));
  for (const [i, c] of (spec?.resourceClaims ?? []).entries()) {
    out.push(ref(['spec', 'resourceClaims', i], 'resource-claim', c.name));
  }
  for (const [i, v] of (spec?.volumes ?? []).entries()) out.push(...volumeReferences(v, i));
  return out;
}

function volumeReferences(v: Volume, i: number): ApiReference[] {
  const base = ['spec', 'volumes', i] as const;
  const type = volumeType(v);
  switch (type) {
    case 'csi':
      return [ref([...base, 'csi'], 'csi-volume', v.csi?.driver)];
    case 'glusterfs':
      return [ref([...base, 'glusterfs'], 'glusterfs-volume', v.glusterfs?.endpoints)];
    case 'persistentVolumeClaim':
      return [
        ref(
          [...base, 'persistentVolumeClaim', 'claimName'],
          'persistent-volume-claim',
          v.persistentVolumeClaim?.claimName,
        ),
      ];
    case 'ephemeral':
      return [ref([...base, 'ephemeral'], 'ephemeral-volume')];
    case 'projected':
      return (v.projected?.sources ?? []).flatMap((s, j): ApiReference[] => {
        const p = [...base, 'projected', 'sources', j] as const;
        if (s.serviceAccountToken) return [ref([...p, 'serviceAccountToken'], 'service-account-token')];
        if (s.clusterTrustBundle)
          return [ref([...p, 'clusterTrustBundle'], 'cluster-trust-bundle', s.clusterTrustBundle.name)];
        if ((s as { podCertificate?: unknown }).podCertificate)
          return [ref([...p, 'podCertificate'], 'pod-certificate')];
        // `HasAPIObjectReference` refuses a source that sets none of the types it knows, `{}` included.
        const keys = Object.keys(s).filter((k) => s[k as keyof typeof s] != null);
        if (!keys.some((k) => KNOWN_PROJECTED_SOURCES.has(k))) return [ref(p, 'unknown-projected-source')];
        return [];
      });
    case undefined: {
      const unknown = Object.keys(v).find((k) => k !== 'name' && !KNOWN_VOLUME_TYPES.has(k));
      return unknown ? [ref([...base, unknown], 'unknown-volume', v.name)] : [];
    }
    default:
      return [];
  }
}

/**
 * The one reference the kubelet (and NodeRestriction) reports, exactly as `HasAPIObjectReference`
 * decides it: the resource word of `static pods may not reference <resource>`, or the error it
 * returns for volume types it does not know. Undefined when the Pod references nothing.
 */
export function firstApiReference(
  pod: Pod,
): { resource: string; path: FieldPath } | { error: string; path: FieldPath } | undefined {
  const spec = pod.spec;
  if (spec?.serviceAccountName || spec?.serviceAccount) {
    return {
      resource: 'serviceaccounts',
      path: ['spec', spec.serviceAccountName ? 'serviceAccountName' : 'serviceAccount'],
    };
  }
  const secret = secretReferences(pod)[0];
  if (secret) return { resource: 'secrets', path: secret.path };
  const configMap = configMapReferences(pod)[0];
  if (configMap) return { resource: 'configmaps', path: configMap.path };
  if (spec?.resourceClaims?.length) return { resource: 'resourceclaims', path: ['spec', 'resourceClaims'] };
  for (const [i, v] of (spec?.volumes ?? []).entries()) {
    const path = ['spec', 'volumes', i];
    const type = volumeType(v);
    if (type !== undefined && LOCAL_VOLUME_TYPES.has(type)) continue;
    const resource = VOLUME_RESOURCE[type ?? ''];
    if (resource) return { resource, path: [...path, type as string] };
    if (type === 'projected') {
      for (const [j, s] of (v.projected?.sources ?? []).entries()) {
        const hit = PROJECTED_RESOURCE.find(([k]) => (s as Record<string, unknown>)[k] != null);
        if (!hit)
          return {
            error: `unknown source for projected volume "${v.name}"`,
            path: [...path, 'projected', 'sources', j],
          };
        if (hit[1]) return { resource: hit[1], path: [...path, 'projected', 'sources', j, hit[0]] };
      }
      continue;
    }
    // Note the two spaces: upstream's format string is "unknown volume type for volume  %q".
    return { error: `unknown volume type for volume  "${v.name}"`, path };
  }
  return undefined;
}

const VOLUME_RESOURCE: Record<string, string> = {
  configMap: 'configmaps (via configmap volumes)',
  secret: 'secrets (via secret volumes)',
  csi: 'csidrivers (via CSI volumes)',
  glusterfs: 'endpoints (via glusterFS volumes)',
  persistentVolumeClaim: 'persistentvolumeclaims',
  ephemeral: 'persistentvolumeclaims (via ephemeral volumes)',
  azureFile: 'secrets (via azureFile volumes)',
};

/** Projected sources in the order of upstream's switch; downwardAPI is allowed (no resource). */
const PROJECTED_RESOURCE: readonly (readonly [string, string | undefined])[] = [
  ['configMap', 'configmaps (via projected volumes)'],
  ['secret', 'secrets (via projected volumes)'],
  ['serviceAccountToken', 'serviceaccounts (via projected volumes)'],
  ['clusterTrustBundle', 'clustertrustbundles'],
  ['podCertificate', 'podcertificates'],
  ['downwardAPI', undefined],
];

/**
 * The volume's source, as upstream's `switch` picks it: the first known type that is set, in the
 * order `HasAPIObjectReference` tests them; undefined when none is set.
 */
export function volumeType(v: Volume): string | undefined {
  const record = v as unknown as Record<string, unknown>;
  for (const type of VOLUME_TYPE_ORDER) if (record[type] != null) return type;
  return undefined;
}

const VOLUME_TYPE_ORDER = [
  ...LOCAL_VOLUME_TYPES,
  'configMap',
  'secret',
  'csi',
  'glusterfs',
  'persistentVolumeClaim',
  'ephemeral',
  'azureFile',
  'projected',
];

function forEachContainer(pod: Pod, visit: (c: Container, path: FieldPath) => void): void {
  for (const list of ALL_CONTAINERS) {
    (pod.spec?.[list] as Container[] | undefined)?.forEach((c, i) => {
      visit(c, ['spec', list, i]);
    });
  }
}

function ref(path: FieldPath, kind: ApiReferenceKind, name?: string): ApiReference {
  return name === undefined ? { kind, path } : { kind, path, name };
}
