import type { Pod } from 'kubernetes-types/core/v1.js';
import {
  DEFAULT_SCHEDULER_NAME,
  DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS,
  DEFAULT_TERMINATION_MESSAGE_PATH,
  DEFAULT_VOLUME_MODE,
  PROBE_DEFAULTS,
} from './default-values.js';
import { defaultPullPolicy } from './image-ref.js';
import { deepCopy, has, isObject, type JSONObject, listAt, num, objAt, str } from './json-util.js';
import { parseQuantity, quantityString, roundUpQuantity } from './quantity.js';

export {
  DEFAULT_SCHEDULER_NAME,
  DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS,
  DEFAULT_TERMINATION_MESSAGE_PATH,
  DEFAULT_VOLUME_MODE,
  PROBE_DEFAULTS,
} from './default-values.js';
export { knownPriorityClassValue, stripPodDefaults } from './strip-defaults.js';

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

/**
 * A deep copy of `pod` with the v1 defaulting that the kubelet's decoder applies
 * (`pkg/apis/core/v1/zz_generated.defaults.go` `SetObjectDefaults_Pod`, with the functions of
 * `pkg/apis/core/v1/defaults.go`), under the feature gates of Kubernetes 1.37 by default
 * (H2CContainerProbe off, PodLevelResourcesFixDefaulting on: no probe protocol or pod-level request defaults).
 * Pod status is left as it is.
 */
export function withPodDefaults(pod: Pod): Pod {
  const out = deepCopy(pod) as unknown as JSONObject;
  if (!objAt(out, 'spec')) out.spec = {};
  const spec = out.spec as JSONObject;
  setDefaultsPod(spec);
  setDefaultsPodSpec(spec);
  for (const vol of listAt(spec, 'volumes')) if (isObject(vol)) setDefaultsVolume(vol);
  for (const list of CONTAINER_LISTS) {
    for (const c of listAt(spec, list)) if (isObject(c)) setDefaultsContainer(c);
  }
  roundResourceList(objAt(spec, 'overhead'));
  const podResources = objAt(spec, 'resources');
  if (podResources) {
    roundResourceList(objAt(podResources, 'limits'));
    roundResourceList(objAt(podResources, 'requests'));
  }
  return out as unknown as Pod;
}

/** Go `defaults.go` `SetDefaults_Pod` (the parts that apply with 1.37 default feature gates). */
function setDefaultsPod(spec: JSONObject): void {
  const grace = spec.terminationGracePeriodSeconds;
  if (typeof grace === 'number' && grace < 0) spec.terminationGracePeriodSeconds = 1;
  for (const list of ['containers', 'initContainers'] as const) {
    for (const c of listAt(spec, list)) {
      const resources = isObject(c) ? objAt(c, 'resources') : undefined;
      const limits = resources && objAt(resources, 'limits');
      if (!resources || !limits) continue;
      if (!objAt(resources, 'requests')) resources.requests = {};
      const requests = resources.requests as JSONObject;
      for (const key of Object.keys(limits)) {
        if (!Object.hasOwn(requests, key)) requests[key] = deepCopy(limits[key]);
      }
    }
  }
  if (!has(spec, 'enableServiceLinks')) spec.enableServiceLinks = true;
  if (spec.hostNetwork === true) {
    // defaultHostNetworkPorts
    for (const list of ['containers', 'initContainers'] as const) {
      for (const c of listAt(spec, list)) {
        for (const port of isObject(c) ? listAt(c, 'ports') : []) {
          if (isObject(port) && num(port, 'hostPort') === 0) port.hostPort = num(port, 'containerPort');
        }
      }
    }
  }
}

/** Go `defaults.go` `SetDefaults_PodSpec`. */
function setDefaultsPodSpec(spec: JSONObject): void {
  if (str(spec, 'serviceAccountName') === '' && str(spec, 'serviceAccount') !== '') {
    spec.serviceAccountName = spec.serviceAccount;
  }
  if (str(spec, 'serviceAccountName') !== '') spec.serviceAccount = spec.serviceAccountName;
  else delete spec.serviceAccount;
  if (str(spec, 'dnsPolicy') === '') spec.dnsPolicy = 'ClusterFirst';
  if (str(spec, 'restartPolicy') === '') spec.restartPolicy = 'Always';
  if (!has(spec, 'securityContext')) spec.securityContext = {};
  if (!has(spec, 'terminationGracePeriodSeconds')) {
    spec.terminationGracePeriodSeconds = DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  }
  if (str(spec, 'schedulerName') === '') spec.schedulerName = DEFAULT_SCHEDULER_NAME;
}

/** The volume source fields of v1.VolumeSource (all pointers in Go). */
// biome-ignore format: a table
export const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI',
  'fc', 'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected',
  'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
] as const;

/** Go `SetDefaults_Volume` plus the per-source defaults of `SetObjectDefaults_Pod`. */
function setDefaultsVolume(vol: JSONObject): void {
  if (!VOLUME_SOURCES.some((s) => has(vol, s))) vol.emptyDir = {};
  const image = objAt(vol, 'image');
  if (image && str(image, 'pullPolicy') === '') image.pullPolicy = defaultPullPolicy(str(image, 'reference'));
  const hostPath = objAt(vol, 'hostPath');
  if (hostPath && !has(hostPath, 'type')) hostPath.type = '';
  for (const key of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const src = objAt(vol, key);
    if (src && !has(src, 'defaultMode')) src.defaultMode = DEFAULT_VOLUME_MODE;
  }
  const iscsi = objAt(vol, 'iscsi');
  if (iscsi && str(iscsi, 'iscsiInterface') === '') iscsi.iscsiInterface = 'default';
  const rbd = objAt(vol, 'rbd');
  if (rbd) {
    if (str(rbd, 'pool') === '') rbd.pool = 'rbd';
    if (str(rbd, 'user') === '') rbd.user = 'admin';
    if (str(rbd, 'keyring') === '') rbd.keyring = '/etc/ceph/keyring';
  }
  for (const item of listAt(objAt(vol, 'downwardAPI') ?? {}, 'items')) defaultFieldRef(item);
  const azureDisk = objAt(vol, 'azureDisk');
  if (azureDisk) {
    if (!has(azureDisk, 'cachingMode')) azureDisk.cachingMode = 'ReadWrite';
    if (!has(azureDisk, 'fsType')) azureDisk.fsType = 'ext4';
    if (!has(azureDisk, 'readOnly')) azureDisk.readOnly = false;
    if (!has(azureDisk, 'kind')) azureDisk.kind = 'Shared';
  }
  for (const source of listAt(objAt(vol, 'projected') ?? {}, 'sources')) {
    if (!isObject(source)) continue;
    for (const item of listAt(objAt(source, 'downwardAPI') ?? {}, 'items')) defaultFieldRef(item);
    const token = objAt(source, 'serviceAccountToken');
    if (token && !has(token, 'expirationSeconds')) token.expirationSeconds = 3600;
  }
  const scaleIO = objAt(vol, 'scaleIO');
  if (scaleIO) {
    if (str(scaleIO, 'storageMode') === '') scaleIO.storageMode = 'ThinProvisioned';
    if (str(scaleIO, 'fsType') === '') scaleIO.fsType = 'xfs';
  }
  const template = objAt(objAt(vol, 'ephemeral') ?? {}, 'volumeClaimTemplate');
  const claimSpec = template && objAt(template, 'spec');
  if (claimSpec) {
    if (!has(claimSpec, 'volumeMode')) claimSpec.volumeMode = 'Filesystem';
    const res = objAt(claimSpec, 'resources');
    roundResourceList(res && objAt(res, 'limits'));
    roundResourceList(res && objAt(res, 'requests'));
  }
}

/** Go `SetDefaults_ObjectFieldSelector` on a downward API item or env source holding a `fieldRef`. */
function defaultFieldRef(holder: unknown): void {
  const ref = isObject(holder) ? objAt(holder, 'fieldRef') : undefined;
  if (ref && str(ref, 'apiVersion') === '') ref.apiVersion = 'v1';
}

/** Go `SetDefaults_Container` and the container part of `SetObjectDefaults_Pod`. */
function setDefaultsContainer(c: JSONObject): void {
  if (str(c, 'imagePullPolicy') === '') c.imagePullPolicy = defaultPullPolicy(str(c, 'image'));
  if (str(c, 'terminationMessagePath') === '') c.terminationMessagePath = DEFAULT_TERMINATION_MESSAGE_PATH;
  if (str(c, 'terminationMessagePolicy') === '') c.terminationMessagePolicy = 'File';
  for (const port of listAt(c, 'ports')) {
    if (isObject(port) && str(port, 'protocol') === '') port.protocol = 'TCP';
  }
  for (const env of listAt(c, 'env')) {
    const from = isObject(env) ? objAt(env, 'valueFrom') : undefined;
    if (!from) continue;
    defaultFieldRef(from);
    const fileKeyRef = objAt(from, 'fileKeyRef');
    if (fileKeyRef && !has(fileKeyRef, 'optional')) fileKeyRef.optional = false;
  }
  const resources = objAt(c, 'resources');
  if (resources) {
    roundResourceList(objAt(resources, 'limits'));
    roundResourceList(objAt(resources, 'requests'));
  }
  for (const key of PROBES) {
    const probe = objAt(c, key);
    if (!probe) continue;
    for (const [field, value] of Object.entries(PROBE_DEFAULTS)) {
      if (num(probe, field) === 0) probe[field] = value;
    }
    defaultHTTPGet(objAt(probe, 'httpGet'));
    const grpc = objAt(probe, 'grpc');
    if (grpc && !has(grpc, 'service')) grpc.service = '';
  }
  const lifecycle = objAt(c, 'lifecycle');
  if (lifecycle) {
    for (const key of ['postStart', 'preStop']) defaultHTTPGet(objAt(objAt(lifecycle, key) ?? {}, 'httpGet'));
  }
}

/** Go `SetDefaults_HTTPGetAction`. */
function defaultHTTPGet(action: JSONObject | undefined): void {
  if (!action) return;
  if (str(action, 'path') === '') action.path = '/';
  if (str(action, 'scheme') === '') action.scheme = 'HTTP';
}

/**
 * Go `SetDefaults_ResourceList`: every quantity is rounded up to milli units. A value that needs rounding is
 * replaced by Go's string for the rounded quantity; others are left as written.
 */
function roundResourceList(list: JSONObject | undefined): void {
  if (!list) return;
  for (const key of Object.keys(list)) {
    const v = list[key];
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    const q = parseQuantity(String(v).trim());
    if (typeof q === 'string') continue;
    const rounded = roundUpQuantity(q, -3);
    if (rounded) list[key] = quantityString(rounded);
  }
}
