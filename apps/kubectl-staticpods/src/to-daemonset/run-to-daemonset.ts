import path from 'node:path';
import type { ConversionResult, ConvertOptions, MirrorPodGroup, Placement } from '@staticpods/converter';
import { decodePod, PLACEHOLDER_NODE_NAME, parseManifest, readStaticPodPath } from '@staticpods/core';
import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { EXIT, UserError } from '../errors.js';
import { io } from '../io.js';
import type { ConnectFlags } from '../kube/connect.js';
import type { Transport } from '../kube/transport.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { toolVersion } from '../version.js';

export interface ToDaemonSetFlags extends ConnectFlags {
  readonly filename?: readonly string[];
  readonly 'all-namespaces'?: boolean;
  readonly output?: 'yaml' | 'json';
  readonly 'output-dir'?: string;
  readonly overwrite?: boolean;
  readonly 'dry-run': 'none' | 'client' | 'server';
  readonly plan?: boolean;
  readonly placement?: string;
  readonly 'rewrite-restart-policy'?: boolean;
  readonly force?: boolean;
  readonly 'keep-kubelet-toleration'?: boolean;
  readonly 'service-account'?: string;
  readonly 'static-pod-path'?: string;
  readonly 'backup-dir'?: string;
  readonly 'cutover-gate'?: boolean;
  readonly 'keep-dns-policy'?: boolean;
  readonly name?: string;
}

/** One thing to convert: a manifest, or the mirror Pods of one static Pod. */
export type Source =
  | { readonly label: string; readonly kind: 'file'; readonly file: string; readonly pod: Pod }
  | { readonly label: string; readonly kind: 'mirror'; readonly group: MirrorPodGroup };

/**
 * `kubectl staticpods to-daemonset`: manifests (-f) and/or mirror Pods → `convertStaticPod` →
 * YAML/JSON, files, a cut-over plan or a server-side dry run. Every conversion note goes to stderr.
 */
export async function runToDaemonSet(names: readonly string[], flags: ToDaemonSetFlags): Promise<void> {
  const files = flags.filename ?? [];
  const fromCluster =
    names.length > 0 ||
    flags['all-namespaces'] === true ||
    (files.length === 0 && flags.namespace !== undefined);
  if (files.length === 0 && !fromCluster) {
    throw new UserError(
      'E_USAGE',
      'to-daemonset needs manifests (-f FILE|DIR|-) or mirror Pods (names, -n NAMESPACE or -A)',
      'for example: kubectl staticpods to-daemonset -f /etc/kubernetes/manifests/node-exporter.yaml',
    );
  }
  if (files.filter((f) => f === '-').length > 1)
    throw new UserError('E_USAGE', '-f - (stdin) can be given only once', 'pass -f - once');
  const options = convertOptions(flags);
  const converter = await import('@staticpods/converter');

  const needsCluster = fromCluster || flags['dry-run'] === 'server';
  const transport = needsCluster ? await (await import('../kube/connect.js')).connect(flags) : undefined;
  try {
    // With a cluster at hand, the converter can say when the template names a class the cluster lacks.
    const known = transport
      ? await (await import('../kube/cluster-facts.js')).clusterFactsIfAllowed(transport)
      : undefined;
    const convertWith: ConvertOptions =
      known && 'facts' in known ? { ...options, clusterFacts: known.facts } : options;
    const sources: Source[] = [];
    for (const f of files) sources.push(...(await fileSources(f)));
    if (fromCluster && transport)
      sources.push(...(await mirrorSources(transport, names, flags, converter.groupMirrorPods)));

    let refused = 0;
    const converted: { source: Source; result: Extract<ConversionResult, { ok: true }> }[] = [];
    for (const source of sources) {
      const result = converter.convertStaticPod(
        source.kind === 'file'
          ? { kind: 'file', file: source.file, pod: source.pod }
          : { kind: 'mirror', pods: source.group.pods },
        convertWith,
      );
      for (const note of result.notes)
        io().stderr.write(`${source.label}: ${withFlagNames(converter.formatNote(note))}\n`);
      if (result.ok) converted.push({ source, result });
      else {
        refused++;
        io().stderr.write(`${source.label}: not converted (see the error above)\n`);
      }
    }
    if (flags.name !== undefined && sources.length > 1) {
      throw new UserError(
        'E_USAGE',
        '--name names one DaemonSet, but there are several sources',
        'convert them one at a time',
      );
    }
    const daemonSets = converted.map((c) => c.result.daemonSet);
    assertUniqueNames(daemonSets);

    if (flags['dry-run'] === 'server' && transport) {
      const rejected = await serverDryRun(transport, daemonSets, flags.output, converter);
      io().exitCode = refused + rejected > 0 ? EXIT.findings : EXIT.ok;
      return;
    }
    if (flags.plan) {
      io().stdout.write(converted.map((c) => converter.renderCutoverPlan(c.result.plan)).join('\n'));
    }
    if (flags['output-dir'] !== undefined) {
      await writeFiles(flags['output-dir'], daemonSets, flags, converter);
    } else if (!flags.plan && daemonSets.length > 0) {
      io().stdout.write(
        flags.output === 'json' ? converter.toJson(daemonSets) : converter.toYaml(daemonSets),
      );
    }
    io().exitCode = refused > 0 ? EXIT.findings : EXIT.ok;
  } finally {
    transport?.close();
  }
}

/** `--placement all-nodes|control-plane|observed-nodes|nodes=a,b|selector=k=v,…`. */
export function parsePlacement(value: string | undefined): Placement | undefined {
  if (value === undefined) return undefined;
  if (value === 'all-nodes' || value === 'control-plane' || value === 'observed-nodes')
    return { kind: value };
  const eq = value.indexOf('=');
  const kind = eq < 0 ? value : value.slice(0, eq);
  const arg = eq < 0 ? '' : value.slice(eq + 1);
  if (kind === 'nodes' && arg !== '') {
    return {
      kind: 'nodes',
      nodes: arg
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean),
    };
  }
  if (kind === 'selector' && arg !== '') {
    const selector: Record<string, string> = {};
    for (const pair of arg.split(',')) {
      const i = pair.indexOf('=');
      if (i <= 0)
        throw new UserError(
          'E_USAGE',
          `--placement selector: "${pair}" is not key=value`,
          'for example --placement selector=node-role.kubernetes.io/worker=',
        );
      selector[pair.slice(0, i).trim()] = pair.slice(i + 1).trim();
    }
    return { kind: 'node-selector', selector };
  }
  throw new UserError(
    'E_USAGE',
    `unknown --placement "${value}"`,
    'use all-nodes, control-plane, observed-nodes, nodes=NODE1,NODE2 or selector=KEY=VALUE,…',
  );
}

export function convertOptions(flags: ToDaemonSetFlags): ConvertOptions {
  const placement = parsePlacement(flags.placement);
  return {
    ...(placement && { placement }),
    rewriteRestartPolicy: flags['rewrite-restart-policy'] ?? false,
    force: flags.force ?? false,
    keepKubeletToleration: flags['keep-kubelet-toleration'] ?? false,
    ...(flags['service-account'] !== undefined && { serviceAccountName: flags['service-account'] }),
    ...(flags['static-pod-path'] !== undefined && { staticPodPath: flags['static-pod-path'] }),
    ...(flags['backup-dir'] !== undefined && { backupDir: flags['backup-dir'] }),
    ...(flags['cutover-gate'] === false && { cutoverGate: false }),
    keepDnsPolicy: flags['keep-dns-policy'] ?? false,
    ...(flags.name !== undefined && { name: flags.name }),
    toolVersion: toolVersion(),
  };
}

/** The converter's notes name its options; on the command line they are flags. */
const OPTION_FLAGS: readonly [RegExp, string][] = [
  [/\b([Pp]ass) force\b/g, '$1 --force'],
  [/\b([Pp]ass) keepKubeletToleration\b/g, '$1 --keep-kubelet-toleration'],
  [/\b([Pp]ass) cutoverGate: false\b/g, '$1 --no-cutover-gate'],
  [/\b([Pp]ass) keepDnsPolicy\b/g, '$1 --keep-dns-policy'],
  [/\b([Pp]ass) rewriteRestartPolicy\b/g, '$1 --rewrite-restart-policy'],
  [/\b([Pp]ass) name\b/g, '$1 --name'],
  [/\bbackupDir\b/g, '--backup-dir'],
];

export function withFlagNames(text: string): string {
  return OPTION_FLAGS.reduce((t, [re, flag]) => t.replace(re, flag), text);
}

/** A file, a staticPodPath directory (every file the kubelet reads, duplicates resolved), or stdin. */
export async function fileSources(input: string): Promise<Source[]> {
  if (input === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of io().stdin)
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    const pod = decodeOrThrow(Buffer.concat(chunks), '<stdin>');
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
    return [{ label: input, kind: 'file', file: input, pod: decodeOrThrow(entry.manifest, input) }];
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
    const decoded = entry.manifest ? decodePod(entry.manifest) : undefined;
    if (!decoded?.ok) {
      io().stderr.write(
        `${label}: skipped: ${decoded ? decoded.failure.error : (entry.kubeletLog?.err ?? 'not a Pod manifest')}\n`,
      );
      continue;
    }
    sources.push({ label, kind: 'file', file: entry.path, pod: decoded.pod });
  }
  if (sources.length === 0)
    throw new UserError(
      'E_INPUT',
      `${input}: no Pod manifest to convert`,
      'point -f at a static Pod manifest or a staticPodPath',
    );
  return sources;
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
  groupMirrorPods: (pods: readonly Pod[]) => MirrorPodGroup[],
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

function assertUniqueNames(daemonSets: readonly DaemonSet[]): void {
  const seen = new Set<string>();
  for (const ds of daemonSets) {
    const key = `${ds.metadata?.namespace}/${ds.metadata?.name}`;
    if (seen.has(key)) {
      throw new UserError(
        'E_CONVERT',
        `two sources make the same DaemonSet ${key}`,
        'convert them one at a time, or rename one of the static Pods',
      );
    }
    seen.add(key);
  }
}

async function writeFiles(
  dir: string,
  daemonSets: readonly DaemonSet[],
  flags: ToDaemonSetFlags,
  converter: typeof import('@staticpods/converter'),
): Promise<void> {
  const json = flags.output === 'json';
  for (const ds of daemonSets) {
    const name = `${ds.metadata?.namespace}.${ds.metadata?.name}.${json ? 'json' : 'yaml'}`;
    const file = path.join(path.resolve(io().cwd, dir), name);
    const outcome = await writeFileAtomic(file, json ? converter.toJson([ds]) : converter.toYaml([ds]), {
      overwrite: flags.overwrite ?? false,
    });
    // The path as the user gave the directory, like kubectl prints what it was given.
    io().stderr.write(`${path.join(dir, name)}: ${outcome}\n`);
  }
}

/** POSTs each DaemonSet with dryRun=All and reports the API server's verdict, kubectl style. */
async function serverDryRun(
  transport: Transport,
  daemonSets: readonly DaemonSet[],
  output: 'yaml' | 'json' | undefined,
  converter: typeof import('@staticpods/converter'),
): Promise<number> {
  const { createObject, DAEMON_SETS } = await import('../kube/api.js');
  let rejected = 0;
  const accepted: object[] = [];
  for (const ds of daemonSets) {
    const ns = ds.metadata?.namespace ?? 'default';
    const result = await createObject(transport, DAEMON_SETS, ns, ds, { dryRun: true });
    const ref = `daemonset.apps/${ds.metadata?.name}`;
    if (result.accepted) {
      if (output === undefined) io().stdout.write(`${ref} created (server dry run)\n`);
      // As kubectl prints it: without managedFields.
      const { metadata, ...rest } = result.object as { metadata?: Record<string, unknown> };
      const { managedFields: _, ...kept } = metadata ?? {};
      accepted.push({ ...rest, metadata: kept });
    } else {
      rejected++;
      io().stderr.write(
        `error: ${ref} in namespace ${ns} rejected by the API server (${result.status}${result.reason ? ` ${result.reason}` : ''}): ${result.message}\n`,
      );
      for (const c of result.causes ?? [])
        io().stderr.write(`  ${c.field ?? ''}: ${c.message ?? c.reason ?? ''}\n`);
    }
  }
  if (output === 'json' && accepted.length > 0) io().stdout.write(converter.toJson(accepted));
  if (output === 'yaml' && accepted.length > 0) io().stdout.write(converter.toYaml(accepted));
  return rejected;
}
