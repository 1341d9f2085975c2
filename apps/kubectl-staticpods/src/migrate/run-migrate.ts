import {
  type CutoverPlan,
  encodeMigrationState,
  MIGRATION_STATE_ANNOTATION,
  type MigrationState,
} from '@staticpods/converter';
import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { ToDaemonSetFlags } from '../commands/to-daemonset.js';
import { EXIT, UserError } from '../errors.js';
import { io } from '../io.js';
import { DAEMON_SETS } from '../kube/api.js';
import { parseRequestTimeout } from '../kube/connect.js';
import type { Transport } from '../kube/transport.js';
import { compareAndSetAnnotation, createDaemonSet } from './cluster.js';
import { eventPrinter, type MigrateEvent } from './events.js';
import { migrateForward, type Outcome, rollBack } from './executor.js';
import {
  DEFAULT_NODE_POD_IMAGE,
  execAccess,
  manualAccess,
  type NodeAccess,
  podAccess,
} from './node-access.js';
import { describePlan, describeSteps, printStopped, stateTable } from './report.js';
import { shellWord } from './shell-word.js';
import { StateStore } from './state-store.js';
import { daemonSetArgument, existingTarget, type Target, targetFromSources } from './target.js';

export interface MigrateFlags extends Omit<ToDaemonSetFlags, 'dry-run' | 'output' | 'plan' | 'output-dir'> {
  readonly 'node-exec'?: string;
  readonly 'node-pod'?: boolean;
  readonly 'node-pod-image'?: string;
  readonly 'node-pod-namespace'?: string;
  readonly manual?: boolean;
  readonly 'max-unavailable'?: number;
  readonly timeout?: string;
  readonly yes?: boolean;
  readonly 'dry-run'?: boolean;
  readonly rollback?: boolean;
  readonly output?: 'text' | 'json';
}

/** Exit status after Ctrl-C, as a shell reports a process ended by SIGINT. */
export const EXIT_INTERRUPTED = 130;

/**
 * `kubectl staticpods migrate`: resolve what to migrate (a new migration from the static Pod's
 * inputs, or one under way from its DaemonSet), show the plan and ask, then run the executor with
 * Ctrl-C handled, and end with the nodes' states and the exact commands to resume or roll back.
 */
export async function runMigrate(names: readonly string[], flags: MigrateFlags): Promise<void> {
  const mode = flags.rollback ? 'rollback' : 'forward';
  const json = flags.output === 'json';
  const out = io().stdout;
  const say = json ? io().stderr : io().stdout;
  const maxUnavailable = flags['max-unavailable'] ?? 1;
  if (!Number.isInteger(maxUnavailable) || maxUnavailable < 1)
    throw new UserError(
      'E_USAGE',
      `--max-unavailable ${maxUnavailable} is not a whole number of nodes`,
      'give 1 or more',
    );
  const timeoutSeconds = stepTimeout(flags.timeout);
  if (flags.timeout !== undefined && parseRequestTimeout(flags.timeout) === 0)
    throw new UserError('E_USAGE', '--timeout 0 would wait forever', 'give a duration such as 5m');
  const chosen = [flags['node-exec'] !== undefined, flags['node-pod'] === true, flags.manual === true].filter(
    Boolean,
  );
  if (chosen.length > 1)
    throw new UserError(
      'E_USAGE',
      '--node-exec, --node-pod and --manual exclude each other',
      'choose one way to reach the nodes',
    );
  if (chosen.length === 0 && !flags['dry-run']) {
    throw new UserError(
      'E_USAGE',
      'migrate needs to know how to reach the nodes',
      "pass --node-exec 'ssh {node} sudo sh -s', --node-pod, or --manual (see kubectl staticpods migrate --help)",
    );
  }

  const { connect } = await import('../kube/connect.js');
  const t = await connect(flags);
  const listeners: (() => void)[] = [];
  try {
    const dsName = daemonSetArgument(names);
    const target: Target | undefined =
      dsName !== undefined
        ? await existingTarget(t, t.target.namespace, dsName)
        : await targetFromSources(t, names, conversionFlags(flags));
    if (!target) return; // refused by the converter: the notes are printed, exit code 1
    if (mode === 'rollback' && target.kind === 'new') {
      throw new UserError(
        'E_NOT_FOUND',
        `nothing to roll back: no migration of daemonset ${target.plan.daemonSet.namespace}/${target.plan.daemonSet.name} is under way`,
        'a completed rollback deletes the DaemonSet; check the namespace and name',
      );
    }
    const { plan } = target;
    const access = nodeAccess(flags, t, plan);
    const dsRef = `${plan.daemonSet.namespace}/${plan.daemonSet.name}`;
    const commands = followUps(plan, flags, access);

    if (target.kind === 'existing' && !json) {
      say.write(`A migration of daemonset ${dsRef} is under way:\n${stateTable(target.state).text}`);
    }
    say.write(describePlan(plan, target.state, access, mode, maxUnavailable));

    if (flags['dry-run']) {
      let created: string | undefined;
      if (target.kind === 'new' && !target.adopt) {
        await createDaemonSet(t, withState(target.daemonSet, target.state), true);
        created = `create daemonset ${dsRef} with the migration state in annotation ${MIGRATION_STATE_ANNOTATION} (server dry run: accepted)`;
      } else if (target.kind === 'new') {
        created = `record the migration state in annotation ${MIGRATION_STATE_ANNOTATION} of the existing daemonset ${dsRef}`;
      }
      say.write(
        `\nDry run: nothing is changed. The steps:\n${describeSteps(plan, target.state, access, mode, created)}`,
      );
      return;
    }
    if (!flags.yes && !(await confirm(say))) {
      say.write('Not confirmed; nothing was changed.\n');
      io().exitCode = EXIT.findings;
      return;
    }

    const emit = eventPrinter(out, json ? 'json' : 'text');
    const stamp = (e: Omit<MigrateEvent, 'time' | 'daemonSet'>) =>
      emit({ time: new Date().toISOString(), daemonSet: dsRef, ...e });
    const store = await start(t, target, mode, stamp);

    const soft = new AbortController();
    const hard = new AbortController();
    const onSigint = () => {
      if (!soft.signal.aborted) {
        soft.abort();
        stamp({
          event: 'interrupted',
          message:
            'interrupted: bringing the node at hand to a whole state, then stopping (Ctrl-C again stops at once)',
        });
      } else hard.abort();
    };
    process.on('SIGINT', onSigint);
    listeners.push(() => process.off('SIGINT', onSigint));

    const options = {
      transport: t,
      plan,
      store,
      access,
      emit: stamp,
      interrupts: { soft: soft.signal, hard: hard.signal },
      maxUnavailable,
      timeoutSeconds,
    };
    let outcome: Outcome;
    try {
      outcome = mode === 'forward' ? await migrateForward(options) : await rollBack(options);
    } catch (error) {
      // An API or state error mid-way: the state on the server says where each node is.
      outcome = { ok: false, interrupted: false, reason: (error as Error).message };
    }
    finish(outcome, store.state, plan, mode, commands, stamp, json);
  } finally {
    for (const off of listeners) off();
    t.close();
  }
}

/** `--timeout`: a Go duration such as 90s or 5m, in seconds (at least 1). */
export function stepTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  try {
    return Math.max(1, Math.round(parseRequestTimeout(value) / 1000));
  } catch {
    throw new UserError(
      'E_USAGE',
      `invalid --timeout "${value}"`,
      'give a duration with a unit, such as 90s or 5m',
    );
  }
}

/** The flags `to-daemonset` would get for the same conversion. */
function conversionFlags(flags: MigrateFlags): ToDaemonSetFlags {
  const { output: _output, 'dry-run': _dryRun, ...rest } = flags;
  return { ...rest, 'dry-run': 'none', 'output-dir': undefined, plan: undefined };
}

function nodeAccess(flags: MigrateFlags, t: Transport, plan: CutoverPlan): NodeAccess {
  if (flags['node-exec'] !== undefined) return execAccess(flags['node-exec']);
  if (flags['node-pod'])
    return podAccess(
      t,
      flags['node-pod-namespace'] ?? plan.daemonSet.namespace,
      flags['node-pod-image'] ?? DEFAULT_NODE_POD_IMAGE,
    );
  return manualAccess(plan);
}

function withState(ds: DaemonSet, state: MigrationState): DaemonSet {
  return {
    ...ds,
    metadata: {
      ...ds.metadata,
      annotations: { ...ds.metadata?.annotations, [MIGRATION_STATE_ANNOTATION]: encodeMigrationState(state) },
    },
  };
}

/** Creates (or adopts) the DaemonSet with the new state, or picks up the state of one under way. */
async function start(
  t: Transport,
  target: Target,
  mode: 'forward' | 'rollback',
  stamp: (e: Omit<MigrateEvent, 'time' | 'daemonSet'>) => void,
): Promise<StateStore> {
  const { namespace, name } = target.plan.daemonSet;
  const gate = target.plan.gateLabel;
  const raw = encodeMigrationState(target.state);
  if (target.kind === 'existing') {
    const { countByStatus } = await import('@staticpods/converter');
    const c = countByStatus(target.state);
    stamp({
      event: 'resumed',
      message: `${mode === 'forward' ? 'resuming' : 'rolling back'}: ${c.migrated} migrated, ${c.pending} pending, ${c.migrating + c['rolling-back']} in between`,
    });
    return new StateStore(
      t,
      namespace,
      name,
      target.state,
      target.daemonSet.metadata?.annotations?.[MIGRATION_STATE_ANNOTATION],
    );
  }
  if (target.adopt) {
    if (
      !(await compareAndSetAnnotation(
        t,
        DAEMON_SETS,
        namespace,
        name,
        MIGRATION_STATE_ANNOTATION,
        undefined,
        raw,
      ))
    )
      throw new UserError('E_API', `daemonset ${namespace}/${name} changed while starting`, 'run again');
    stamp({
      event: 'daemonset-adopted',
      message: `using the existing daemonset ${namespace}/${name}; no node has its gate label yet`,
    });
  } else {
    await createDaemonSet(t, withState(target.daemonSet, target.state), false);
    stamp({
      event: 'daemonset-created',
      message: `created daemonset ${namespace}/${name}${gate ? `; it runs only on nodes labelled ${gate.key}=${gate.value}, none yet` : ''}`,
    });
  }
  return new StateStore(t, namespace, name, target.state, raw);
}

/** The exact commands to go on, or to roll back, from where a run stopped. */
function followUps(plan: CutoverPlan, flags: MigrateFlags, access: NodeAccess) {
  const base = [
    'kubectl',
    'staticpods',
    'migrate',
    `daemonset/${plan.daemonSet.name}`,
    '-n',
    plan.daemonSet.namespace,
  ];
  const connection: string[] = [];
  for (const f of ['kubeconfig', 'context', 'cluster', 'user', 'request-timeout'] as const) {
    const v = flags[f];
    if (v !== undefined) connection.push(`--${f}`, v);
  }
  const timeout = flags.timeout === undefined ? [] : ['--timeout', flags.timeout];
  const max =
    (flags['max-unavailable'] ?? 1) > 1 ? ['--max-unavailable', String(flags['max-unavailable'])] : [];
  const line = (words: string[]) => words.map(shellWord).join(' ');
  return {
    resume: line([...base, ...access.flags, ...max, ...timeout, ...connection]),
    rollback: line([...base, '--rollback', ...access.flags, ...timeout, ...connection]),
  };
}

function finish(
  outcome: Outcome,
  state: MigrationState,
  plan: CutoverPlan,
  mode: 'forward' | 'rollback',
  commands: { resume: string; rollback: string },
  stamp: (e: Omit<MigrateEvent, 'time' | 'daemonSet'>) => void,
  json: boolean,
): void {
  const dsRef = `${plan.daemonSet.namespace}/${plan.daemonSet.name}`;
  const nodes = Object.fromEntries(state.input.nodes.map((n) => [n, state.nodes[n]?.status ?? 'pending']));
  if (outcome.ok) {
    const message =
      mode === 'forward'
        ? `migrated: daemonset ${dsRef} runs on all ${state.input.nodes.length} nodes; each node keeps the manifest at ${plan.backupPath}`
        : `rolled back: every node runs its static Pod again; daemonset ${dsRef} is deleted`;
    stamp({ event: 'finished', message, nodes });
    io().exitCode = EXIT.ok;
    return;
  }
  stamp({
    event: 'stopped',
    message: `${outcome.interrupted ? 'stopped after Ctrl-C' : 'stopped'}: ${outcome.reason}`,
    nodes,
    ...commands,
  });
  if (!json) printStopped(io().stdout, state, commands);
  io().exitCode = outcome.interrupted ? EXIT_INTERRUPTED : EXIT.findings;
}

/** Asks on the terminal (or reads stdin); anything but y/yes is no. */
async function confirm(say: { write(s: string): void }): Promise<boolean> {
  say.write('Proceed? [y/N] ');
  const answer = await readLine(io().stdin);
  return /^\s*y(es)?\s*$/i.test(answer ?? '');
}

function readLine(stream: NodeJS.ReadableStream): Promise<string | undefined> {
  return new Promise((resolve) => {
    let text = '';
    const done = (value: string | undefined) => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.pause?.();
      resolve(value);
    };
    const onData = (c: Buffer | string) => {
      text += c.toString();
      const nl = text.indexOf('\n');
      if (nl >= 0) done(text.slice(0, nl));
    };
    const onEnd = () => done(text === '' ? undefined : text);
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.resume?.();
  });
}
