import type { Pod, Toleration } from 'kubernetes-types/core/v1.js';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import { StaticPodsError } from '../errors.js';
import type { FieldPath } from '../field-path.js';
import {
  ANNOTATION_CONFIG_HASH,
  ANNOTATION_CONFIG_MIRROR,
  ANNOTATION_CONFIG_SEEN,
  ANNOTATION_CONFIG_SOURCE,
  API_SERVER_METADATA_FIELDS,
  KUBELET_ANNOTATION_PREFIX,
} from '../kubelet/constants.js';
import { stripPodDefaults } from '../pod-api/defaults.js';
import { staticNameFromMirrorName } from './naming.js';

/**
 * A Pod is a mirror Pod when it carries the `kubernetes.io/config.mirror` annotation
 * (`IsMirrorPod` in kubernetes/kubernetes v1.37.2 `pkg/kubelet/types/pod_update.go`).
 */
export function isMirrorPod(pod: { metadata?: ObjectMeta }): boolean {
  return pod.metadata?.annotations?.[ANNOTATION_CONFIG_MIRROR] !== undefined;
}

/** What a mirror Pod says about its static Pod. */
export interface MirrorPodInfo {
  readonly mirrorName: string;
  readonly namespace: string;
  /** The node the static Pod runs on: `spec.nodeName`, else the Node owner reference. */
  readonly nodeName?: string;
  /** The static Pod's name (`metadata.name` in the manifest), when the mirror name ends with `-<node>`. */
  readonly staticName?: string;
  /** `kubernetes.io/config.mirror`: the static Pod's config hash (`configHash` computes it from the file). */
  readonly configHash: string;
  /** `kubernetes.io/config.source`: `file` or `http`. */
  readonly configSource?: string;
  /** `kubernetes.io/config.seen`. */
  readonly configSeen?: string;
  /** The Node owner reference the kubelet sets (`pkg/kubelet/pod/mirror_client.go`). */
  readonly nodeOwner?: { readonly name: string; readonly uid?: string };
  /** The mirror is stale: `config.hash` and `config.mirror` differ (`IsMirrorPodOf` compares them). */
  readonly hashMismatch: boolean;
}

/** Recognises a mirror Pod and recovers its static name and node; undefined for other Pods. */
export function mirrorPodInfo(pod: Pod): MirrorPodInfo | undefined {
  const annotations = pod.metadata?.annotations ?? {};
  const mirror = annotations[ANNOTATION_CONFIG_MIRROR];
  if (mirror === undefined) return undefined;
  const owner = pod.metadata?.ownerReferences?.find((o) => o.kind === 'Node' && o.apiVersion === 'v1');
  const nodeName = pod.spec?.nodeName || owner?.name;
  const mirrorName = pod.metadata?.name ?? '';
  const staticName = nodeName ? staticNameFromMirrorName(mirrorName, nodeName) : undefined;
  const hash = annotations[ANNOTATION_CONFIG_HASH];
  return {
    mirrorName,
    namespace: pod.metadata?.namespace || 'default',
    ...(nodeName && { nodeName }),
    ...(staticName && { staticName }),
    configHash: mirror,
    ...(annotations[ANNOTATION_CONFIG_SOURCE] !== undefined && {
      configSource: annotations[ANNOTATION_CONFIG_SOURCE],
    }),
    ...(annotations[ANNOTATION_CONFIG_SEEN] !== undefined && {
      configSeen: annotations[ANNOTATION_CONFIG_SEEN],
    }),
    ...(owner && { nodeOwner: { name: owner.name, ...(owner.uid && { uid: owner.uid }) } }),
    hashMismatch: hash !== undefined && hash !== mirror,
  };
}

/** One thing `mirrorToStaticManifest` removed or changed, and why. */
export interface ManifestRepair {
  readonly path: FieldPath;
  readonly reason: string;
}

/** The `{operator: Exists, effect: NoExecute}` toleration `applyDefaults` adds to file pods. */
export function isKubeletWildcardToleration(t: Toleration): boolean {
  return (
    t.operator === 'Exists' &&
    t.effect === 'NoExecute' &&
    !t.key &&
    !t.value &&
    t.tolerationSeconds === undefined
  );
}

/** Tolerations the DefaultTolerationSeconds admission plugin adds (300 s), which it adds to http-sourced mirrors. */
function isDefaultTolerationSeconds(t: Toleration): boolean {
  return (
    (t.key === 'node.kubernetes.io/not-ready' || t.key === 'node.kubernetes.io/unreachable') &&
    t.operator === 'Exists' &&
    t.effect === 'NoExecute' &&
    t.tolerationSeconds === 300
  );
}

/**
 * Turns a mirror Pod (as read from the API server) back into a clean static Pod manifest:
 * the static name, and none of what the kubelet (`applyDefaults`, `CreateMirrorPod`) or the API
 * server (metadata, status, defaulting, admission) added. Every change is listed.
 * @throws StaticPodsError E_NOT_A_MIRROR_POD when the Pod has no `kubernetes.io/config.mirror`.
 */
export function mirrorToStaticManifest(pod: Pod): { manifest: Pod; repairs: ManifestRepair[] } {
  const info = mirrorPodInfo(pod);
  if (!info) {
    throw new StaticPodsError(
      'E_NOT_A_MIRROR_POD',
      `pod "${pod.metadata?.name ?? ''}" is not a mirror Pod: it has no ${ANNOTATION_CONFIG_MIRROR} annotation`,
      'Only mirror Pods (the API view of static Pods) can be turned back into manifests.',
    );
  }
  const repairs: ManifestRepair[] = [];
  const metadata: ObjectMeta = { ...pod.metadata };
  for (const field of API_SERVER_METADATA_FIELDS) {
    if (metadata[field] !== undefined) {
      delete metadata[field];
      repairs.push({ path: ['metadata', field], reason: 'set by the API server' });
    }
  }
  if (metadata.ownerReferences) {
    delete metadata.ownerReferences;
    repairs.push({
      path: ['metadata', 'ownerReferences'],
      reason: 'the Node owner reference the kubelet adds to mirror Pods',
    });
  }
  if (info.staticName && info.staticName !== metadata.name) {
    repairs.push({
      path: ['metadata', 'name'],
      reason: `the kubelet appends "-<node>"; the manifest's name is "${info.staticName}"`,
    });
    metadata.name = info.staticName;
  }
  const annotations = { ...(metadata.annotations ?? {}) };
  for (const key of Object.keys(annotations)) {
    if (key.startsWith(KUBELET_ANNOTATION_PREFIX)) {
      delete annotations[key];
      repairs.push({ path: ['metadata', 'annotations', key], reason: 'written by the kubelet' });
    }
  }
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  else delete metadata.annotations;

  if ((pod as { status?: unknown }).status !== undefined) {
    repairs.push({ path: ['status'], reason: 'written by the kubelet and the API server' });
  }
  const spec = { ...pod.spec, containers: pod.spec?.containers ?? [] };
  // Priority admission writes the computed priority into every Pod; without a class it is 0 (or a
  // global default), which the kubelet would not see in a manifest either.
  if (!spec.priorityClassName && spec.priority === 0) {
    delete spec.priority;
    repairs.push({
      path: ['spec', 'priority'],
      reason: 'set to 0 by the Priority admission plugin (no priorityClassName)',
    });
  }
  if (spec.nodeName !== undefined) {
    delete spec.nodeName;
    repairs.push({ path: ['spec', 'nodeName'], reason: 'set by the kubelet to its node name' });
  }
  if (spec.tolerations) {
    const kept = spec.tolerations.filter((t, i) => {
      const kubelet = info.configSource !== 'http' && isKubeletWildcardToleration(t);
      const admission = isDefaultTolerationSeconds(t);
      if (kubelet || admission) {
        repairs.push({
          path: ['spec', 'tolerations', i],
          reason: kubelet
            ? 'the wildcard NoExecute toleration the kubelet adds to file-sourced static Pods'
            : 'added by the DefaultTolerationSeconds admission plugin',
        });
      }
      return !(kubelet || admission);
    });
    if (kept.length > 0) spec.tolerations = kept;
    else delete spec.tolerations;
  }
  const cleaned = stripPodDefaults({ apiVersion: 'v1', kind: 'Pod', metadata, spec });
  for (const path of cleaned.stripped)
    repairs.push({ path, reason: 'an API default, applied again when the manifest is read' });
  return { manifest: cleaned.pod, repairs };
}
