import type { MirrorPodGroup, SourceEntry } from '@staticpods/core';
import {
  decodePod,
  groupMirrorPods,
  kubeletConstants,
  oversizedManifest,
  PLACEHOLDER_NODE_NAME,
  parseManifest,
  readStaticPodPath,
} from '@staticpods/core';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { ToDaemonSetFlags } from '../commands/to-daemonset.js';
import { UserError } from '../errors.js';
import { io } from '../io.js';
import type { Transport } from '../kube/transport.js';
import { readStreamAtMost } from '../util/read-bounded.js';

/** One thing to convert: a manifest, or the mirror Pods of one static Pod (a group from core). */
export type Source =
  | { readonly label: string; readonly kind: 'file'; readonly file: string; readonly pod: Pod }
  | { readonly label: string; readonly kind: 'mirror'; readonly group: MirrorPodGroup };

/** A file, a staticPodPath directory (every file the kubelet reads, duplicates resolved), or stdin. */
export async function fileSources(input: string): Promise<Source[]> {
  if (input === '-') {
    // Read like a manifest file: the kubelet's 10 MiB limit, and nothing past it.
    const read = await readStreamAtMost(io().stdin, kubeletConstants.MAX_MANIFEST_BYTES);
    const pod = decodeOrThrow(
      read.limitReached ? oversizedManifest('<stdin>', read.bytes.length) : read.bytes,
      '<stdin>',
    );
    // The file name on the node is not known; the plan uses staticPodPath/<name>.yaml.
    return [{ label: '<stdin>', kind: 'file', file: `${pod.metadata?.name ?? 'pod'}.yaml`, pod }];
  }
  const report = await readStaticPodPath(input, { nodeName: PLACEHOLDER_NODE_NAME });
  if (report.kind === 'missing')
    throw new UserError('E_INPUT', `${input}: no such file or directory`, 'check the path given to -f');
  if (report.kind === 'other')
    throw new UserError(
      'E_INPUT',
      `${input}: ${report.pathError ?? 'not a file or directory'}`,
      'pass a manifest file, a directory or -',
    );
  if (report.kind === 'file') {
    const entry = report.entries[0];
    if (!entry?.manifest)
      throw new UserError(
        'E_INPUT',
        `${input}: ${entry?.kubeletLog?.err ?? 'cannot be read'}`,
        'check the file',
      );
    return [{ label: input, kind: 'file', file: input, pod: decodedPod(entry, input) }];
  }
  const sources: Source[] = [];
  for (const entry of report.entries) {
    const label = entry.path;
    if (entry.outcome === 'ignored') continue;
    if (entry.outcome === 'shadowed') {
      io().stderr.write(
        `${label}: skipped: the kubelet runs "${entry.shadowedBy}" instead (same namespace and name)\n`,
      );
      continue;
    }
    // The Pod the reader already decoded for its verdict (present unless decoding failed).
    const pod = entry.verdict?.pod;
    if (!pod) {
      io().stderr.write(`${label}: skipped: ${failure(entry)}\n`);
      continue;
    }
    sources.push({ label, kind: 'file', file: entry.path, pod });
  }
  if (sources.length === 0)
    throw new UserError(
      'E_INPUT',
      `${input}: no Pod manifest to convert`,
      'point -f at a static Pod manifest or a staticPodPath',
    );
  return sources;
}

function failure(entry: SourceEntry): string {
  const v = entry.verdict;
  return v && !v.runs ? (v.detail ?? v.error) : (entry.kubeletLog?.err ?? 'not a Pod manifest');
}

function decodedPod(entry: SourceEntry, file: string): Pod {
  if (entry.verdict?.pod) return entry.verdict.pod;
  throw new UserError(
    'E_INPUT',
    `${file}: not a Pod manifest the kubelet can decode: ${failure(entry)}`,
    `run "kubectl staticpods check ${file}" for details`,
  );
}

function decodeOrThrow(content: Buffer | ReturnType<typeof parseManifest>, file: string): Pod {
  const manifest = Buffer.isBuffer(content) ? parseManifest(content, { file }) : content;
  const decoded = decodePod(manifest);
  if (!decoded.ok) {
    throw new UserError(
      'E_INPUT',
      `${file}: not a Pod manifest the kubelet can decode: ${decoded.failure.error}`,
      `run "kubectl staticpods check ${file}" for details`,
    );
  }
  return decoded.pod;
}

export async function mirrorSources(
  transport: Transport,
  names: readonly string[],
  flags: ToDaemonSetFlags,
): Promise<Source[]> {
  const { findMirrorPods } = await import('../kube/mirror-pods.js');
  const namespace = flags['all-namespaces'] ? undefined : transport.target.namespace;
  const { pods } = await findMirrorPods(transport, { namespace });
  const groups = groupMirrorPods(pods);
  const label = (g: MirrorPodGroup) =>
    `mirror ${g.namespace}/${g.staticName} (${g.nodes.length} node${g.nodes.length === 1 ? '' : 's'})`;
  if (names.length === 0) {
    if (groups.length === 0) {
      throw new UserError(
        'E_NOT_FOUND',
        `no mirror Pods found${namespace ? ` in namespace "${namespace}"` : ''}`,
        'list them with "kubectl staticpods list"',
      );
    }
    return groups.map((group) => ({ label: label(group), kind: 'mirror', group }));
  }
  const chosen = new Map<MirrorPodGroup, Source>();
  for (const raw of names) {
    const name = raw.replace(/^(pods?|po)\//, '');
    const group = groups.find((g) => g.pods.some((p) => p.metadata?.name === name));
    if (!group) {
      throw new UserError(
        'E_NOT_FOUND',
        `mirror Pod "${name}" not found in namespace "${namespace}"`,
        flags.namespace
          ? 'list mirror Pods with "kubectl staticpods list"'
          : 'pass -n NAMESPACE (control-plane mirror Pods are in kube-system)',
      );
    }
    chosen.set(group, { label: label(group), kind: 'mirror', group });
  }
  return [...chosen.values()];
}
