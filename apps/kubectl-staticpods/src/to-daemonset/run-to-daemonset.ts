import path from 'node:path';
import type { ConversionResult, ConvertOptions, CutoverPlan } from '@staticpods/converter';
import { canonicalize, writeJson, writeManifests } from '@staticpods/core';
import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { CommandInput, CommandOutput, WrittenFile } from '../cli/define.js';
import type { ToDaemonSetFlags } from '../commands/to-daemonset.js';
import { EXIT, UserError } from '../errors.js';
import { io } from '../io.js';
import type { ViewFor } from '../output/formats.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { convertOptions } from './convert-options.js';
import { flagName } from './option-flags.js';
import { refuseStaticPodPath } from './refuse-static-pod-path.js';
import { serverDryRun } from './server-dry-run.js';
import { fileSources, mirrorSources, type Source } from './sources.js';

type Format = 'yaml' | 'json' | 'name' | 'text';

/** What `to-daemonset` did. */
export interface ToDaemonSetResult {
  readonly daemonSets: readonly DaemonSet[];
  readonly plans: readonly CutoverPlan[];
  /** Sources the converter refused (their notes say why). */
  readonly refused: number;
  /** `--dry-run=server`: what the API server accepted (as it returned them) and how many it rejected. */
  readonly dryRun?: { readonly accepted: readonly object[]; readonly rejected: number };
}

/**
 * `kubectl staticpods to-daemonset`: manifests (-f) and/or mirror Pods → `convertStaticPod` →
 * DaemonSets, files, a cut-over plan or a server-side dry run. Every conversion note goes to stderr.
 */
export async function runToDaemonSet(
  input: CommandInput<ToDaemonSetFlags, Format>,
): Promise<CommandOutput<ToDaemonSetResult, ViewFor<Format>>> {
  const { args: names, flags, output } = input;
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
    for (const f of files) for (const s of await fileSources(f)) sources.push(s);
    if (fromCluster && transport)
      for (const s of await mirrorSources(transport, names, flags)) sources.push(s);

    let refused = 0;
    const converted: { source: Source; result: Extract<ConversionResult, { ok: true }> }[] = [];
    for (const source of sources) {
      const result = converter.convertStaticPod(
        source.kind === 'file'
          ? { kind: 'file', file: source.file, pod: source.pod }
          : { kind: 'mirror', group: source.group },
        convertWith,
      );
      for (const note of result.notes)
        io().stderr.write(`${source.label}: ${converter.formatNote(note, flagName)}\n`);
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
    const daemonSets = converted.map((c) => canonicalize(c.result.daemonSet) as DaemonSet);
    const plans = converted.map((c) => c.result.plan);
    assertUniqueNames(daemonSets);

    if (flags['dry-run'] === 'server' && transport) {
      const dryRun = await serverDryRun(transport, daemonSets);
      const result: ToDaemonSetResult = { daemonSets, plans, refused, dryRun };
      return {
        result,
        view: {
          ...objectsView(dryRun.accepted),
          text: () =>
            dryRun.accepted
              .map((o) => `daemonset.apps/${(o as DaemonSet).metadata?.name} created (server dry run)\n`)
              .join(''),
        },
        exitCode: refused + dryRun.rejected > 0 ? EXIT.findings : EXIT.ok,
      };
    }
    const result: ToDaemonSetResult = { daemonSets, plans, refused };
    const exitCode = refused > 0 ? EXIT.findings : EXIT.ok;
    const planText = () => plans.map((p) => converter.renderCutoverPlan(p)).join('\n');
    if (flags['output-dir'] !== undefined) {
      await refuseStaticPodPath(flags['output-dir'], flags);
      const written = await writeFiles(flags['output-dir'], daemonSets, output, flags.overwrite ?? false);
      return {
        result,
        written,
        exitCode,
        ...(flags.plan && { view: { ...objectsView(plans), text: planText } }),
      };
    }
    if (flags.plan) return { result, view: { ...objectsView(plans), text: planText }, exitCode };
    if (daemonSets.length === 0) return { result, exitCode };
    const view = objectsView(daemonSets);
    return { result, view: { ...view, text: () => writeManifests(daemonSets) }, exitCode };
  } finally {
    transport?.close();
  }
}

/** json, yaml and name of several objects: one object or a v1 List, a YAML stream, `kind.group/name`. */
function objectsView(objects: readonly object[]): Omit<ViewFor<Format>, 'text'> {
  return {
    document: objects.length === 1 ? objects[0] : { apiVersion: 'v1', kind: 'List', items: objects },
    documents: objects,
    names: objects.map((o) => {
      const { kind, metadata } = o as { kind?: string; metadata?: { name?: string } };
      return kind === 'DaemonSet'
        ? `daemonset.apps/${metadata?.name}`
        : `${kind?.toLowerCase() ?? 'object'}/${metadata?.name ?? ''}`;
    }),
  };
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
  output: Format,
  overwrite: boolean,
): Promise<WrittenFile[]> {
  const json = output === 'json';
  const written: WrittenFile[] = [];
  for (const ds of daemonSets) {
    const name = `${ds.metadata?.namespace}.${ds.metadata?.name}.${json ? 'json' : 'yaml'}`;
    const file = path.join(path.resolve(io().cwd, dir), name);
    const outcome = await writeFileAtomic(file, json ? writeJson([ds]) : writeManifests([ds]), { overwrite });
    written.push({ path: path.join(dir, name), outcome });
  }
  return written;
}
