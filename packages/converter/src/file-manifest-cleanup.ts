import { kubeletConstants } from '@staticpods/core';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { Notes } from './notes.js';

/** Metadata that does not belong in a DaemonSet's own metadata: what the API server writes, and more. */
const SERVER_METADATA = [
  ...kubeletConstants.API_SERVER_METADATA_FIELDS,
  'ownerReferences',
  'finalizers',
  'generateName',
] as const;

/**
 * Removes from a manifest file what does not belong in a DaemonSet and that the kubelet ignores or
 * overwrites anyway (`applyDefaults` in pkg/kubelet/config/common.go sets uid, nodeName and the
 * `kubernetes.io/config.*` annotations). kubeadm writes `creationTimestamp: null` and `status: {}`
 * (it marshals a Go struct), which are dropped silently; anything with content is noted.
 */
export function cleanFileManifest(pod: Pod, notes: Notes): Pod {
  const metadata: ObjectMeta = { ...pod.metadata };
  for (const field of SERVER_METADATA) {
    const value = metadata[field];
    if (value === undefined) continue;
    delete metadata[field];
    if (value === null) continue;
    const uidNote = field === 'uid' ? '; the kubelet hashes the manifest into a UID when none is set' : '';
    notes.info(
      'dropped-field',
      `metadata.${field} dropped: only the API server sets it on a DaemonSet${uidNote}.`,
      ['metadata', field],
    );
  }
  if (metadata.annotations) {
    const annotations = { ...metadata.annotations };
    for (const key of Object.keys(annotations).sort()) {
      if (!key.startsWith(kubeletConstants.KUBELET_ANNOTATION_PREFIX)) continue;
      delete annotations[key];
      notes.info('dropped-field', `annotation ${key} dropped: the kubelet writes it.`, [
        'metadata',
        'annotations',
        key,
      ]);
    }
    metadata.annotations = annotations;
  }
  const spec = pod.spec ? { ...pod.spec } : { containers: [] };
  if (spec.nodeName !== undefined) {
    notes.info(
      'dropped-field',
      `spec.nodeName "${spec.nodeName}" dropped: the kubelet overwrites it with its own node name, and in a ` +
        'DaemonSet template it would restrict the DaemonSet to that one node.',
      ['spec', 'nodeName'],
    );
    delete spec.nodeName;
  }
  if (pod.status !== undefined && pod.status !== null && Object.keys(pod.status).length > 0) {
    notes.info('dropped-field', 'status dropped: it is reported by the kubelet, not configured.', ['status']);
  }
  const out: Pod = { metadata, spec };
  if (pod.apiVersion !== undefined) out.apiVersion = pod.apiVersion;
  if (pod.kind !== undefined) out.kind = pod.kind;
  return out;
}
