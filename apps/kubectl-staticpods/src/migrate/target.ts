import type { ConversionResult, CutoverPlan, MigrationState } from '@staticpods/converter';
import { groupMirrorPods } from '@staticpods/core';
import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { ToDaemonSetFlags } from '../commands/to-daemonset.js';
import { EXIT, UserError } from '../errors.js';
import { io } from '../io.js';
import { NODES } from '../kube/api.js';
import { listAll } from '../kube/list-pages.js';
import type { Transport } from '../kube/transport.js';
import { convertOptions } from '../to-daemonset/convert-options.js';
import { flagName } from '../to-daemonset/option-flags.js';
import { fileSources, mirrorSources, type Source } from '../to-daemonset/sources.js';
import { getDaemonSet, isReady, nodeInfo } from './cluster.js';
import { readState } from './state-store.js';

/** What a run works on. */
export type Target =
  /** A migration not started: the DaemonSet is created (or adopted) with this state. */
  | {
      readonly kind: 'new';
      readonly daemonSet: DaemonSet;
      readonly plan: CutoverPlan;
      readonly state: MigrationState;
      /** The DaemonSet is already there (applied by hand from `to-daemonset`), without a state. */
      readonly adopt: boolean;
    }
  /** A migration under way: its state and plan come from the DaemonSet's annotation. */
  | {
      readonly kind: 'existing';
      readonly daemonSet: DaemonSet;
      readonly plan: CutoverPlan;
      readonly state: MigrationState;
    };

const DAEMONSET_ARG = /^(?:daemonsets?|ds)(?:\.apps)?\/(.+)$/;

/** `daemonset/NAME` (or `ds/NAME`): the DaemonSet of a migration under way. */
export function daemonSetArgument(names: readonly string[]): string | undefined {
  const m = names.length === 1 ? DAEMONSET_ARG.exec(names[0] ?? '') : null;
  if (names.some((n) => DAEMONSET_ARG.test(n)) && !m)
    throw new UserError('E_USAGE', 'daemonset/NAME stands alone', 'give only the DaemonSet of the migration');
  return m?.[1];
}

/** The migration of an existing DaemonSet (resume, or roll back). */
export async function existingTarget(t: Transport, namespace: string, name: string): Promise<Target> {
  const ds = await getDaemonSet(t, namespace, name);
  if (!ds) {
    throw new UserError(
      'E_NOT_FOUND',
      `daemonset ${namespace}/${name} not found`,
      'no migration of it is under way (a completed rollback deletes it); check -n and the name',
    );
  }
  const state = readState(ds);
  if (!state) {
    throw new UserError(
      'E_NOT_FOUND',
      `daemonset ${namespace}/${name} has no migration state`,
      'migrate starts from the static Pod: pass its manifest (-f) or mirror Pod names',
    );
  }
  const { planOf } = await import('@staticpods/converter');
  return { kind: 'existing', daemonSet: ds, plan: planOf(state), state };
}

/**
 * Converts the one static Pod the inputs name, as `to-daemonset` does; a refusal (a bootstrap
 * component without --force, …) prints the notes and ends the run with exit code 1. Then: a
 * DaemonSet with a state resumes; one without is adopted if no node was labelled yet; none is a
 * new migration of the nodes that run the static Pod, in a safe order.
 */
export async function targetFromSources(
  t: Transport,
  names: readonly string[],
  flags: ToDaemonSetFlags,
): Promise<Target | undefined> {
  const converter = await import('@staticpods/converter');
  const sources: Source[] = [];
  for (const f of flags.filename ?? []) for (const s of await fileSources(f)) sources.push(s);
  if (names.length > 0 || (flags.filename ?? []).length === 0)
    for (const s of await mirrorSources(t, names, flags)) sources.push(s);
  if (sources.length !== 1) {
    throw new UserError(
      'E_USAGE',
      `migrate works on one static Pod at a time, and the inputs hold ${sources.length}: ${sources.map((s) => s.label).join(', ')}`,
      'name one manifest (-f FILE) or one mirror Pod',
    );
  }
  const source = sources[0] as Source;
  const result: ConversionResult = converter.convertStaticPod(
    source.kind === 'file'
      ? { kind: 'file', file: source.file, pod: source.pod }
      : { kind: 'mirror', pods: source.group.pods },
    { ...convertOptions(flags), cutoverGate: true },
  );
  // Warnings and errors; `to-daemonset` shows the conversion's every note.
  const shown = result.notes.filter((n) => n.severity !== 'info');
  for (const note of shown) io().stderr.write(`${source.label}: ${converter.formatNote(note, flagName)}\n`);
  if (shown.length < result.notes.length) {
    io().stderr.write(
      `${source.label}: ${result.notes.length - shown.length} info notes not shown (kubectl staticpods to-daemonset shows every note)\n`,
    );
  }
  if (!result.ok) {
    io().stderr.write(`${source.label}: not migrated (see the error above); nothing was changed\n`);
    io().exitCode = EXIT.findings;
    return undefined;
  }
  const { namespace, name } = result.plan.daemonSet;
  const existing = await getDaemonSet(t, namespace, name);
  const state = existing ? readState(existing) : undefined;
  if (existing && state) {
    if (state.input.staticName !== result.plan.input.staticName) {
      throw new UserError(
        'E_INPUT',
        `daemonset ${namespace}/${name} holds the migration of static Pod "${state.input.staticName}", not "${result.plan.input.staticName}"`,
        'pick another DaemonSet name with --name',
      );
    }
    return { kind: 'existing', daemonSet: existing, plan: converter.planOf(state), state };
  }
  const gate = result.plan.gateLabel;
  if (existing && gate) {
    const required = existing.spec?.template.spec?.nodeSelector?.[gate.key] === gate.value;
    const labelled = await listAll(t, NODES, { labelSelector: gate.key, as: 'metadata' });
    if (!required || labelled.length > 0) {
      throw new UserError(
        'E_INPUT',
        `daemonset ${namespace}/${name} already exists and ${required ? `nodes already carry its gate label ${gate.key} (${labelled.map((n) => n.metadata?.name).join(', ')})` : `does not require the gate label ${gate.key}=${gate.value}`}`,
        'a cut-over is under way without migrate: finish it by hand, or delete the DaemonSet and start again',
      );
    }
  }
  const staticNamespace = result.plan.input.staticNamespace ?? namespace;
  const mirrors = await mirrorsOf(t, staticNamespace, result.plan.input.staticName);
  const nodes = result.plan.nodes.length > 0 ? result.plan.nodes : [...mirrors.keys()];
  if (nodes.length === 0) {
    throw new UserError(
      'E_NOT_FOUND',
      `no node runs static Pod ${staticNamespace}/${result.plan.input.staticName} (it has no mirror Pods)`,
      'name the nodes with --placement nodes=NODE1,NODE2',
    );
  }
  await checkNodes(t, nodes);
  const notReady = new Set(nodes.filter((n) => !mirrors.get(n) || !isReady(mirrors.get(n) as Pod)));
  const ordered = converter.safeNodeOrder(nodes, notReady);
  const plan = converter.buildCutoverPlan({ ...result.plan.input, nodes: ordered });
  return {
    kind: 'new',
    daemonSet: existing ?? result.daemonSet,
    plan,
    state: converter.newMigrationState(plan),
    adopt: existing !== undefined,
  };
}

/** The mirror Pods of one static Pod, by node. */
async function mirrorsOf(t: Transport, namespace: string, staticName: string): Promise<Map<string, Pod>> {
  const { findMirrorPods } = await import('../kube/mirror-pods.js');
  const { pods } = await findMirrorPods(t, { namespace });
  const group = groupMirrorPods(pods).find((g) => g.staticName === staticName);
  const out = new Map<string, Pod>();
  for (const p of group?.pods ?? []) if (p.spec?.nodeName) out.set(p.spec.nodeName, p);
  return out;
}

/** Every node must exist and be Ready: a kubelet that is down cannot stop the static Pod. */
async function checkNodes(t: Transport, nodes: readonly string[]): Promise<void> {
  const infos = await Promise.all(nodes.map((n) => nodeInfo(t, n)));
  const missing = infos.filter((i) => !i.exists).map((i) => i.name);
  if (missing.length > 0)
    throw new UserError('E_NOT_FOUND', `node ${missing.join(', ')} not found`, 'check --placement nodes=…');
  const notReady = infos.filter((i) => !i.ready).map((i) => i.name);
  if (notReady.length > 0) {
    throw new UserError(
      'E_INPUT',
      `node ${notReady.join(', ')} is not Ready: its kubelet cannot stop the static Pod or start the DaemonSet Pod`,
      'bring the node back, or leave it out with --placement nodes=…',
    );
  }
}
