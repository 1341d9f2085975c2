import type { Pod } from 'kubernetes-types/core/v1.js';
import { type MirrorAdmissionOptions, predictMirrorAdmission } from '../apiserver/mirror-admission.js';
import { ANNOTATION_CONFIG_MIRROR } from '../kubelet/constants.js';
import { type MirrorPodInfo, mirrorPodInfo } from '../mirror/mirror-pod.js';
import type { SourceEntry, StaticPodPathReport } from '../source/read-static-pod-path.js';

/** How a manifest file and the API server's mirror Pods relate on one node. */
export type DriftStatus =
  /** The file's Pod runs and its mirror Pod exists. */
  | 'in-sync'
  /** The file's Pod runs, but there is no mirror Pod: invisible to kubectl. */
  | 'no-mirror'
  /** The kubelet refuses the file: nothing runs. */
  | 'refused'
  /** Another file defines the same namespace/name and wins. */
  | 'shadowed'
  /** A mirror Pod for this node with no file behind it. */
  | 'mirror-without-file';

export interface DriftRow {
  readonly status: DriftStatus;
  readonly namespace: string;
  readonly staticName: string;
  readonly mirrorName: string;
  /** The manifest, when there is one. */
  readonly file?: string;
  readonly mirror?: MirrorPodInfo;
  /** Why, in a sentence; for refusals and missing mirrors, the message the kubelet or API server logs. */
  readonly reason: string;
}

/**
 * Joins what a node's staticPodPath holds with the mirror Pods the API server has for that node,
 * by namespace and mirror name, and explains every gap: files whose Pod has no mirror (with the
 * admission refusal predicted from the manifest), files the kubelet refuses, files shadowed by a
 * duplicate, and mirror Pods no file accounts for.
 */
export function correlateFilesAndMirrors(
  report: StaticPodPathReport,
  mirrorPods: readonly Pod[],
  options: MirrorAdmissionOptions = {},
): DriftRow[] {
  const mirrors = new Map<string, MirrorPodInfo>();
  for (const pod of mirrorPods) {
    const info = mirrorPodInfo(pod);
    if (info && info.nodeName === report.nodeName) mirrors.set(`${info.namespace}/${info.mirrorName}`, info);
  }
  const rows: DriftRow[] = [];
  const claimed = new Set<string>();
  for (const entry of report.entries) {
    const row = fileRow(entry, mirrors, options);
    if (!row) continue;
    rows.push(row);
    if (row.status === 'in-sync') claimed.add(`${row.namespace}/${row.mirrorName}`);
  }
  for (const [key, info] of mirrors) {
    if (claimed.has(key)) continue;
    rows.push({
      status: 'mirror-without-file',
      namespace: info.namespace,
      staticName: info.staticName ?? info.mirrorName,
      mirrorName: info.mirrorName,
      mirror: info,
      reason:
        info.configSource === 'http'
          ? "the Pod comes from the kubelet's staticPodURL, not from a file"
          : `no file in ${report.path} defines it: the manifest was removed or renamed (the kubelet deletes the mirror soon), or this node reads another staticPodPath`,
    });
  }
  return rows;
}

function fileRow(
  entry: SourceEntry,
  mirrors: Map<string, MirrorPodInfo>,
  options: MirrorAdmissionOptions,
): DriftRow | undefined {
  const verdict = entry.verdict;
  const view = verdict?.view;
  if (!verdict || !view) {
    if (entry.outcome !== 'invalid' || !entry.kubeletLog) return undefined;
    return {
      status: 'refused',
      namespace: '',
      staticName: '',
      mirrorName: '',
      file: entry.path,
      reason: entry.kubeletLog.err ?? entry.kubeletLog.msg,
    };
  }
  const base = {
    namespace: view.namespace,
    staticName: view.staticName,
    mirrorName: view.mirrorName,
    file: entry.path,
  } as const;
  const mirror = mirrors.get(`${view.namespace}/${view.mirrorName}`);
  const withMirror = mirror ? { mirror } : {};
  if (!verdict.runs) return { ...base, ...withMirror, status: 'refused', reason: verdict.error };
  // The file source reads a mirror Pod dump like any manifest, but the kubelet's pod manager files
  // every Pod with config.mirror as a mirror Pod and never starts it (SP044;
  // kubernetes/kubernetes v1.37.2 pkg/kubelet/pod/pod_manager.go updatePodsInternal,
  // pkg/kubelet/kubelet.go HandlePodAdditions).
  if (verdict.pod.metadata?.annotations?.[ANNOTATION_CONFIG_MIRROR] !== undefined) {
    return {
      ...base,
      ...withMirror,
      status: 'refused',
      reason: `the manifest carries ${ANNOTATION_CONFIG_MIRROR}: the kubelet takes it for a mirror Pod and never starts it ("Unable to find pod for mirror pod, skipping")`,
    };
  }
  if (entry.outcome === 'shadowed') {
    return {
      ...base,
      ...withMirror,
      status: 'shadowed',
      reason: `"${entry.shadowedBy}" defines the same Pod and wins`,
    };
  }
  if (mirror) return { ...base, mirror, status: 'in-sync', reason: 'the Pod runs and has its mirror Pod' };
  const admission = predictMirrorAdmission(verdict.pod, view, options);
  return {
    ...base,
    status: 'no-mirror',
    reason: admission.accepted
      ? 'no mirror Pod yet: the kubelet may not have created it (look for "Failed creating a mirror pod" in its log), or it is refused by a webhook or policy'
      : `the API server refuses the mirror Pod: ${admission.message}`,
  };
}
