import {
  type CleanedMirrorPod,
  formatFieldPath,
  groupMirrorPods,
  type ManifestRepair,
  type MirrorPodGroup,
  mirrorPodInfo,
  StaticPodsError,
} from '@staticpods/core';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { cleanFileManifest } from './file-manifest-cleanup.js';
import { listing, type Notes, quoteValue } from './notes.js';
import type { MirrorPodSource, StaticPodSource } from './types.js';

/** One static Pod, as the rest of the conversion sees it. */
export interface PreparedSource {
  readonly kind: 'file' | 'mirror';
  /** A clean manifest: no kubelet or API-server data. */
  readonly pod: Pod;
  readonly staticName: string;
  /** The Pod's namespace, `default` when it has none (`applyDefaults`, pkg/kubelet/config/common.go). */
  readonly namespace: string;
  /** Value of the `staticpods.io/converted-from` annotation. */
  readonly convertedFrom: string;
  /** The manifest path, for file sources. */
  readonly file?: string;
  /** Nodes the mirror Pods ran on, sorted; empty for a file. */
  readonly nodes: readonly string[];
  /** Whether the kubelet added its wildcard NoExecute toleration (file sources only, not `http`). */
  readonly kubeletAddsToleration: boolean;
}

/**
 * Turns the input into one clean static Pod manifest. Mirror Pods must all be mirrors of the same
 * static Pod and agree on everything but per-node data; otherwise the notes say what differs, field
 * by field and node by node, and nothing is merged.
 * @throws StaticPodsError E_INVALID_ARGUMENT for a mirror source without Pods (a programming error).
 */
export function prepareSource(
  source: StaticPodSource | MirrorPodSource,
  notes: Notes,
): PreparedSource | undefined {
  if (source.kind === 'file') {
    const pod = cleanFileManifest(source.pod, notes);
    return {
      kind: 'file',
      pod,
      staticName: pod.metadata?.name ?? '',
      namespace: pod.metadata?.namespace || 'default',
      convertedFrom: `file:${source.file}`,
      file: source.file,
      nodes: [],
      kubeletAddsToleration: true,
    };
  }
  const group = 'group' in source ? source.group : onlyGroup(source.pods, notes);
  if (!group || notes.hasErrors) return undefined;
  const { members } = group;
  for (const d of group.differences) {
    const values = d.values.map((v) => `${v.node} ${quoteValue(v.value)}`).join(', ');
    notes.error('mirror-pods-differ', `${d.path}: ${values}`);
  }
  if (group.differences.length > 0) {
    notes.error(
      'mirror-pods-differ',
      `the static Pod "${group.staticName}" is not the same on ${listing(group.nodes)}: one DaemonSet template ` +
        'cannot hold per-node values. Make the manifests agree (for per-node values, read them from the ' +
        'downward API, e.g. an env var from fieldRef spec.nodeName), or convert each node separately.',
    );
    return undefined;
  }
  noteMirrorState(members, notes);
  const manifest = members[0]?.manifest ?? { spec: { containers: [] } };
  const sourceKind = mirrorPodInfo(members[0]?.pod ?? {})?.configSource;
  return {
    kind: 'mirror',
    pod: manifest,
    staticName: group.staticName,
    namespace: group.namespace,
    convertedFrom: `mirror:${group.namespace}/${members.map((m) => m.mirrorName).join(',')}`,
    nodes: group.nodes,
    kubeletAddsToleration: sourceKind !== 'http',
  };
}

function noteMirrorState(members: readonly CleanedMirrorPod[], notes: Notes): void {
  for (const m of members) {
    if (m.stale) {
      notes.warn(
        'stale-mirror-pod',
        `mirror Pod ${m.mirrorName} is stale (kubernetes.io/config.hash ≠ kubernetes.io/config.mirror): the ` +
          'kubelet is replacing it, and it may not show what runs on the node. Convert again once it is replaced.',
      );
    }
    if (m.unexpectedName) {
      notes.warn(
        'mirror-name-unexpected',
        `mirror Pod ${m.mirrorName} does not end with "-${m.node}", so its static name is a guess.`,
        undefined,
        { option: 'name', effect: "choose the DaemonSet's name" },
      );
    }
  }
  const first = members[0];
  if (!first) return;
  if (first.pod.status !== undefined) {
    notes.info('mirror-repair', 'status: reported by the kubelet, not configured.', ['status']);
  }
  // One note per reason, not one per field: a mirror Pod carries dozens of API defaults.
  const byReason = new Map<string, ManifestRepair[]>();
  for (const r of first.repairs) byReason.set(r.reason, [...(byReason.get(r.reason) ?? []), r]);
  for (const [reason, repairs] of byReason) {
    const paths = repairs.map((r) => formatFieldPath(r.path));
    notes.info(
      'mirror-repair',
      `${paths.join(', ')}: ${reason}.`,
      repairs.length === 1 ? repairs[0]?.path : undefined,
    );
  }
}

/** The one group of mirror Pods given as Pods; refuses Pods that are no mirror Pods or several static Pods. */
function onlyGroup(pods: readonly Pod[], notes: Notes): MirrorPodGroup | undefined {
  if (pods.length === 0) {
    throw new StaticPodsError('E_INVALID_ARGUMENT', 'a mirror source needs at least one mirror Pod');
  }
  for (const pod of pods) {
    if (mirrorPodInfo(pod)) continue;
    notes.error(
      'not-a-mirror-pod',
      `Pod ${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name ?? ''} has no kubernetes.io/config.mirror ` +
        'annotation: it is not the mirror of a static Pod.',
    );
  }
  const groups = groupMirrorPods(pods);
  if (groups.length > 1) {
    const names = groups.map((g) => `${g.namespace}/${g.staticName}`);
    notes.error(
      'several-static-pods',
      `the mirror Pods belong to ${groups.length} static Pods (${listing(names)}); convert each group from ` +
        'groupMirrorPods separately.',
    );
  }
  return groups[0];
}
