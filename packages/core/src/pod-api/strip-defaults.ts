import type { Pod } from 'kubernetes-types/core/v1.js';
import type { FieldPath } from '../field-path.js';
import {
  DEFAULT_SCHEDULER_NAME,
  DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS,
  DEFAULT_TERMINATION_MESSAGE_PATH,
  DEFAULT_VOLUME_MODE,
  PROBE_DEFAULTS,
} from './default-values.js';
import { defaultPullPolicy } from './image-ref.js';
import { deepCopy, isObject, type JSONObject, listAt, objAt, size, str } from './json-util.js';
import { parseQuantity, quantityString } from './quantity.js';

/** The priorities that the built-in PriorityClasses give (`pkg/apis/scheduling/types.go`). */
const PRIORITY_CLASS_VALUES: Record<string, number> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

/**
 * The `spec.priority` that priority admission computes for a built-in PriorityClass name
 * (`system-node-critical` = 2000001000, `system-cluster-critical` = 2000000000), else `undefined`.
 */
export function knownPriorityClassValue(name: string): number | undefined {
  return Object.hasOwn(PRIORITY_CLASS_VALUES, name) ? PRIORITY_CLASS_VALUES[name] : undefined;
}

class Stripper {
  readonly stripped: FieldPath[] = [];

  /** Deletes `o[key]` when `pred` holds for its value. */
  strip(o: JSONObject | undefined, path: FieldPath, key: string, pred: (v: unknown) => boolean): void {
    if (o === undefined || !Object.hasOwn(o, key) || !pred(o[key])) return;
    delete o[key];
    this.stripped.push([...path, key]);
  }

  is(o: JSONObject | undefined, path: FieldPath, key: string, value: unknown): void {
    this.strip(o, path, key, (v) => v === value);
  }
}

/**
 * The inverse of {@link withPodDefaults} for turning a Pod read back from the API server (a mirror Pod) into a
 * clean manifest: a copy without the fields whose value is exactly what v1 defaulting would produce from the
 * Pod without them, plus `spec.preemptionPolicy: PreemptLowerPriority` (set by priority admission when the
 * PriorityClass does not say otherwise). Conservative: `emptyDir: {}` volumes, `spec.priority`, the kubelet's
 * name suffix, annotations, node name and toleration, and status are kept (see {@link knownPriorityClassValue}).
 */
export function stripPodDefaults(pod: Pod): { pod: Pod; stripped: FieldPath[] } {
  const out = deepCopy(pod) as unknown as JSONObject;
  const s = new Stripper();
  const spec = objAt(out, 'spec');
  if (spec) stripSpec(s, spec, ['spec']);
  return { pod: out as unknown as Pod, stripped: s.stripped };
}

function stripSpec(s: Stripper, spec: JSONObject, path: FieldPath): void {
  s.is(spec, path, 'enableServiceLinks', true);
  s.is(spec, path, 'dnsPolicy', 'ClusterFirst');
  s.is(spec, path, 'restartPolicy', 'Always');
  s.is(spec, path, 'schedulerName', DEFAULT_SCHEDULER_NAME);
  s.is(spec, path, 'terminationGracePeriodSeconds', DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS);
  s.strip(spec, path, 'securityContext', (v) => isObject(v) && size(v) === 0);
  s.strip(
    spec,
    path,
    'serviceAccount',
    (v) => typeof v === 'string' && v === str(spec, 'serviceAccountName'),
  );
  s.is(spec, path, 'preemptionPolicy', 'PreemptLowerPriority');
  const hostNetwork = spec.hostNetwork === true;
  for (const list of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    listAt(spec, list).forEach((c, i) => {
      if (isObject(c))
        stripContainer(s, c, [...path, list, i], hostNetwork && list !== 'ephemeralContainers');
    });
  }
  listAt(spec, 'volumes').forEach((v, i) => {
    if (isObject(v)) stripVolume(s, v, [...path, 'volumes', i]);
  });
}

function stripContainer(s: Stripper, c: JSONObject, path: FieldPath, hostNetwork: boolean): void {
  s.is(c, path, 'imagePullPolicy', defaultPullPolicy(str(c, 'image')));
  s.is(c, path, 'terminationMessagePath', DEFAULT_TERMINATION_MESSAGE_PATH);
  s.is(c, path, 'terminationMessagePolicy', 'File');
  listAt(c, 'ports').forEach((p, i) => {
    if (!isObject(p)) return;
    s.is(p, [...path, 'ports', i], 'protocol', 'TCP');
    if (hostNetwork) s.strip(p, [...path, 'ports', i], 'hostPort', (v) => v === p.containerPort);
  });
  listAt(c, 'env').forEach((e, i) => {
    const from = isObject(e) ? objAt(e, 'valueFrom') : undefined;
    if (!from) return;
    const fromPath = [...path, 'env', i, 'valueFrom'];
    s.is(objAt(from, 'fieldRef'), [...fromPath, 'fieldRef'], 'apiVersion', 'v1');
    s.is(objAt(from, 'fileKeyRef'), [...fromPath, 'fileKeyRef'], 'optional', false);
  });
  const resources = objAt(c, 'resources');
  const limits = resources && objAt(resources, 'limits');
  const requests = resources && objAt(resources, 'requests');
  if (resources && limits && requests && !path.includes('ephemeralContainers')) {
    for (const key of Object.keys(requests)) {
      if (Object.hasOwn(limits, key) && sameQuantity(requests[key], limits[key])) {
        s.strip(requests, [...path, 'resources', 'requests'], key, () => true);
      }
    }
    s.strip(resources, [...path, 'resources'], 'requests', (v) => isObject(v) && size(v) === 0);
  }
  for (const key of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const probe = objAt(c, key);
    if (!probe) continue;
    for (const [field, value] of Object.entries(PROBE_DEFAULTS)) s.is(probe, [...path, key], field, value);
    stripHTTPGet(s, objAt(probe, 'httpGet'), [...path, key, 'httpGet']);
    s.is(objAt(probe, 'grpc'), [...path, key, 'grpc'], 'service', '');
  }
  const lifecycle = objAt(c, 'lifecycle');
  for (const key of ['postStart', 'preStop']) {
    const handler = lifecycle && objAt(lifecycle, key);
    if (handler) stripHTTPGet(s, objAt(handler, 'httpGet'), [...path, 'lifecycle', key, 'httpGet']);
  }
}

function stripHTTPGet(s: Stripper, action: JSONObject | undefined, path: FieldPath): void {
  s.is(action, path, 'path', '/');
  s.is(action, path, 'scheme', 'HTTP');
}

function sameQuantity(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((typeof a !== 'string' && typeof a !== 'number') || (typeof b !== 'string' && typeof b !== 'number')) {
    return false;
  }
  const qa = parseQuantity(String(a).trim());
  const qb = parseQuantity(String(b).trim());
  return typeof qa !== 'string' && typeof qb !== 'string' && quantityString(qa) === quantityString(qb);
}

function stripVolume(s: Stripper, vol: JSONObject, path: FieldPath): void {
  s.is(objAt(vol, 'hostPath'), [...path, 'hostPath'], 'type', '');
  for (const key of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    s.is(objAt(vol, key), [...path, key], 'defaultMode', DEFAULT_VOLUME_MODE);
  }
  listAt(objAt(vol, 'downwardAPI') ?? {}, 'items').forEach((item, i) => {
    const ref = isObject(item) ? objAt(item, 'fieldRef') : undefined;
    s.is(ref, [...path, 'downwardAPI', 'items', i, 'fieldRef'], 'apiVersion', 'v1');
  });
  listAt(objAt(vol, 'projected') ?? {}, 'sources').forEach((src, i) => {
    if (!isObject(src)) return;
    const srcPath = [...path, 'projected', 'sources', i];
    listAt(objAt(src, 'downwardAPI') ?? {}, 'items').forEach((item, j) => {
      const ref = isObject(item) ? objAt(item, 'fieldRef') : undefined;
      s.is(ref, [...srcPath, 'downwardAPI', 'items', j, 'fieldRef'], 'apiVersion', 'v1');
    });
    s.is(objAt(src, 'serviceAccountToken'), [...srcPath, 'serviceAccountToken'], 'expirationSeconds', 3600);
  });
  const image = objAt(vol, 'image');
  if (image) s.is(image, [...path, 'image'], 'pullPolicy', defaultPullPolicy(str(image, 'reference')));
  s.is(objAt(vol, 'iscsi'), [...path, 'iscsi'], 'iscsiInterface', 'default');
  const rbd = objAt(vol, 'rbd');
  s.is(rbd, [...path, 'rbd'], 'pool', 'rbd');
  s.is(rbd, [...path, 'rbd'], 'user', 'admin');
  s.is(rbd, [...path, 'rbd'], 'keyring', '/etc/ceph/keyring');
  const azureDisk = objAt(vol, 'azureDisk');
  s.is(azureDisk, [...path, 'azureDisk'], 'cachingMode', 'ReadWrite');
  s.is(azureDisk, [...path, 'azureDisk'], 'fsType', 'ext4');
  s.is(azureDisk, [...path, 'azureDisk'], 'readOnly', false);
  s.is(azureDisk, [...path, 'azureDisk'], 'kind', 'Shared');
  const scaleIO = objAt(vol, 'scaleIO');
  s.is(scaleIO, [...path, 'scaleIO'], 'storageMode', 'ThinProvisioned');
  s.is(scaleIO, [...path, 'scaleIO'], 'fsType', 'xfs');
  const template = objAt(objAt(vol, 'ephemeral') ?? {}, 'volumeClaimTemplate');
  const claimSpec = template && objAt(template, 'spec');
  s.is(claimSpec, [...path, 'ephemeral', 'volumeClaimTemplate', 'spec'], 'volumeMode', 'Filesystem');
}
