import type { Pod } from 'kubernetes-types/core/v1.js';
import { type MirrorAdmissionOptions, predictMirrorAdmission } from '../apiserver/mirror-admission.js';
import { configHash } from '../kubelet/config-hash/config-hash.js';
import { ANNOTATION_CONFIG_MIRROR } from '../kubelet/constants.js';
import { type MirrorPodInfo, mirrorPodInfo } from '../mirror/mirror-pod.js';
import type { SourceEntry, StaticPodPathReport } from '../source/read-static-pod-path.js';

/** kubeadm's staticPodPath, the default place of the files on the node. */
export const DEFAULT_NODE_MANIFEST_PATH = '/etc/kubernetes/manifests';

/** How a manifest file and the API server's mirror Pods relate on one node. */
export type DriftStatus =
  /** The node runs this very version of the file: the mirror's config hash is the file's. */
  | 'in-sync'
  /**
   * The node runs another version of the file (its mirror Pod has another config hash): the kubelet
   * has not picked up the edit yet, or refuses the edited file.
   */
  | 'stale'
  /** No mirror Pod: the kubelet refuses the file, or the API server refuses its mirror Pod, or it is not created yet. */
  | 'missing'
  /** Another file defines the same namespace/name and wins. */
  | 'shadowed'
  /** A mirror Pod for this node with no file behind it. */
  | 'mirror-without-file'
  /** A mirror Pod exists, but the file's config hash cannot be computed, so the versions cannot be compared. */
  | 'unverified';

export interface DriftRow {
  readonly status: DriftStatus;
  readonly namespace: string;
  readonly staticName: string;
  readonly mirrorName: string;
  /** The manifest, when there is one. */
  readonly file?: string;
  readonly mirror?: MirrorPodInfo;
  /** The file's config hash (the kubelet's UID for it) at {@link nodePath} on this node, when computable. */
  readonly fileHash?: string;
  /** The file's path on the node that gave {@link fileHash}: the one that matched the mirror, else the first candidate. */
  readonly nodePath?: string;
  /** Why, in a sentence; for refusals and missing mirrors, the message the kubelet or API server logs. */
  readonly reason: string;
}

export interface DriftOptions extends MirrorAdmissionOptions {
  /**
   * Where the node reads the files: its staticPodPath (a directory, or the manifest itself when the
   * staticPodPath is one file). The config hash includes the file's path on the node.
   * @default {@link DEFAULT_NODE_MANIFEST_PATH}, and the local path of the report as a second candidate
   */
  readonly nodePath?: string | readonly string[];
}

/**
 * Joins what a node's staticPodPath holds with the API server's mirror Pods for that node, by
 * namespace and mirror name, and compares versions exactly: a mirror Pod's `kubernetes.io/config.mirror`
 * is the kubelet's config hash of the file it runs, which {@link configHash} computes from the file,
 * the node name and the file's path on the node. Every file gets one status and a reason: in sync,
 * stale (the node runs another version), missing (and why: the kubelet's or the API server's refusal),
 * shadowed by a duplicate; mirror Pods no file accounts for are listed too.
 */
export function correlateFilesAndMirrors(
  report: StaticPodPathReport,
  mirrorPods: readonly Pod[],
  options: DriftOptions = {},
): DriftRow[] {
  const mirrors = new Map<string, MirrorPodInfo>();
  for (const pod of mirrorPods) {
    const info = mirrorPodInfo(pod);
    if (info && info.nodeName === report.nodeName) mirrors.set(`${info.namespace}/${info.mirrorName}`, info);
  }
  const candidates = nodeDirectories(report, options.nodePath);
  const rows: DriftRow[] = [];
  const claimed = new Set<string>();
  for (const entry of report.entries) {
    const row = fileRow(report, entry, mirrors, candidates, options);
    if (!row) continue;
    rows.push(row);
    if (row.mirror && row.status !== 'shadowed') claimed.add(`${row.namespace}/${row.mirrorName}`);
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

/** The candidate staticPodPaths on the node, in order, without repeats. */
function nodeDirectories(report: StaticPodPathReport, nodePath: DriftOptions['nodePath']): string[] {
  const given = nodePath === undefined ? [] : typeof nodePath === 'string' ? [nodePath] : [...nodePath];
  const defaults =
    given.length > 0 ? [] : report.kind === 'file' ? [report.path] : [DEFAULT_NODE_MANIFEST_PATH];
  const all = [...given, ...defaults, report.path].map((p) => (p.length > 1 ? p.replace(/\/+$/, '') : p));
  return [...new Set(all)];
}

/** The file's path on the node under one candidate staticPodPath (`filepath.Join(dir, name)`, as the kubelet globs it). */
function pathOnNode(report: StaticPodPathReport, entry: SourceEntry, staticPodPath: string): string {
  if (report.kind === 'file') return staticPodPath;
  return staticPodPath === '/' ? `/${entry.name}` : `${staticPodPath}/${entry.name}`;
}

function fileRow(
  report: StaticPodPathReport,
  entry: SourceEntry,
  mirrors: Map<string, MirrorPodInfo>,
  candidates: readonly string[],
  options: DriftOptions,
): DriftRow | undefined {
  const verdict = entry.verdict;
  const view = verdict?.view;
  if (!verdict || !view) {
    if (entry.outcome !== 'invalid' || !entry.kubeletLog) return undefined;
    return {
      status: 'missing',
      namespace: '',
      staticName: '',
      mirrorName: '',
      file: entry.path,
      reason: `the kubelet refuses the file: ${entry.kubeletLog.err ?? entry.kubeletLog.msg}`,
    };
  }
  const base = {
    namespace: view.namespace,
    staticName: view.staticName,
    mirrorName: view.mirrorName,
    file: entry.path,
  } as const;
  const mirror = mirrors.get(`${view.namespace}/${view.mirrorName}`);
  const hash = fileHash(report, entry, candidates, options, mirror?.configHash);
  const hashed = hash.ok ? { fileHash: hash.uid, nodePath: hash.path } : {};
  if (entry.outcome === 'shadowed') {
    return {
      ...base,
      ...(mirror && { mirror }),
      ...hashed,
      status: 'shadowed',
      reason: `"${entry.shadowedBy}" defines the same Pod and wins`,
    };
  }
  if (!mirror) {
    if (!verdict.runs)
      return {
        ...base,
        ...hashed,
        status: 'missing',
        reason: `the kubelet refuses the file: ${verdict.error}`,
      };
    // The file source reads a mirror Pod dump like any manifest, but the kubelet's pod manager files
    // every Pod with config.mirror as a mirror Pod and never starts it (SP044;
    // kubernetes/kubernetes v1.37.2 pkg/kubelet/pod/pod_manager.go updatePodsInternal,
    // pkg/kubelet/kubelet.go HandlePodAdditions).
    if (verdict.pod.metadata?.annotations?.[ANNOTATION_CONFIG_MIRROR] !== undefined) {
      return {
        ...base,
        ...hashed,
        status: 'missing',
        reason: `the kubelet never starts it: the manifest carries ${ANNOTATION_CONFIG_MIRROR}, so the kubelet takes it for a mirror Pod ("Unable to find pod for mirror pod, skipping")`,
      };
    }
    const admission = predictMirrorAdmission(verdict.pod, view, options);
    return {
      ...base,
      ...hashed,
      status: 'missing',
      reason: admission.accepted
        ? 'no mirror Pod yet: the kubelet may not have created it (look for "Failed creating a mirror pod" in its log), or it is refused by a webhook or policy'
        : `the API server refuses the mirror Pod: ${admission.message}`,
    };
  }
  const withMirror = { ...base, mirror, ...hashed };
  if (!hash.ok)
    return { ...withMirror, status: 'unverified', reason: `a mirror Pod exists, but ${hash.reason}` };
  if (hash.matched) {
    if (!verdict.runs) {
      // The kubelet hashes before it validates: same content, refused. Cannot happen for a Pod that runs.
      return { ...withMirror, status: 'stale', reason: `the kubelet refuses the file: ${verdict.error}` };
    }
    return {
      ...withMirror,
      status: 'in-sync',
      reason:
        hash.from === 'manifest'
          ? `the mirror Pod has this file's metadata.uid; edits do not change it, so the kubelet updates the Pod in place and the mirror Pod may show an older spec`
          : `the node runs this version of the file (config hash ${hash.uid})`,
    };
  }
  const tried = hash.tried.join(', ');
  const refused = verdict.runs ? '' : `the kubelet refuses this version of the file (${verdict.error}), `;
  return {
    ...withMirror,
    status: 'stale',
    reason: `${refused}the node runs another version: its mirror Pod has config hash ${mirror.configHash}, this file ${hash.uid} at ${tried}; the kubelet has not picked up the edit yet${verdict.runs ? '' : ' (it stops the old Pod when it next reads the directory)'}, or the file is at another path on the node (--node-path)`,
  };
}

type FileHash =
  | { ok: true; uid: string; from: 'manifest' | 'content'; path: string; matched: boolean; tried: string[] }
  | { ok: false; reason: string };

/**
 * The file's config hash at each candidate path on the node: the path whose hash is the mirror's,
 * or the first candidate with every path tried.
 */
function fileHash(
  report: StaticPodPathReport,
  entry: SourceEntry,
  candidates: readonly string[],
  options: DriftOptions,
  mirrorHash: string | undefined,
): FileHash {
  if (!entry.manifest) return { ok: false, reason: 'the file could not be read' };
  const tried: string[] = [];
  let first: FileHash | undefined;
  for (const dir of candidates) {
    const path = pathOnNode(report, entry, dir);
    const h = configHash(entry.manifest, {
      nodeName: report.nodeName,
      path,
      ...(options.kubernetesVersion && { kubernetesVersion: options.kubernetesVersion }),
    });
    if (!h.ok) return { ok: false, reason: `its config hash cannot be computed: ${h.reason}` };
    tried.push(path);
    const result = {
      ok: true,
      uid: h.uid,
      from: h.from,
      path,
      matched: h.uid === mirrorHash,
      tried,
    } as const;
    if (result.matched) return result;
    first ??= result;
    if (h.from === 'manifest') break;
  }
  return first ?? { ok: false, reason: 'no path on the node to compute its config hash for' };
}
