import { type CutoverPlan, type CutoverStep, forwardSteps, migrationOrder } from '@staticpods/converter';
import type { Transport } from '../kube/transport.js';
import { deleteDaemonSet, getDaemonSet, setNodeLabel } from './cluster.js';
import { describeAction, describeWait, type MigrateEvent, waitGoal } from './events.js';
import { type NodeAccess, NodeAccessError } from './node-access.js';
import type { StateStore } from './state-store.js';
import { Interrupted, POLL_MS, sleep, WaitTimeout, waitFor } from './waits.js';

/** What a node action may take when no --timeout is given (ssh, a Pod pulling its image). */
const ACCESS_TIMEOUT_SECONDS = 120;
/** What a person gets for a manual step when no --timeout is given. */
const MANUAL_TIMEOUT_SECONDS = 1800;

export interface Interrupts {
  /** First Ctrl-C: stop after bringing the current node to a whole state (static or DaemonSet Pod). */
  readonly soft: AbortSignal;
  /** Second Ctrl-C: stop at once. */
  readonly hard: AbortSignal;
}

export interface ExecuteOptions {
  readonly transport: Transport;
  readonly plan: CutoverPlan;
  readonly store: StateStore;
  readonly access: NodeAccess;
  readonly emit: (e: Omit<MigrateEvent, 'time' | 'daemonSet'>) => void;
  readonly interrupts: Interrupts;
  /** How many nodes may be between static and DaemonSet Pod at once. */
  readonly maxUnavailable: number;
  /** Overrides every step's own timeout. */
  readonly timeoutSeconds?: number | undefined;
}

export type Outcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly interrupted: boolean; readonly reason: string };

/**
 * Migrates every node not migrated yet, in the state's order, at most `maxUnavailable` at a time:
 * each forward step of the plan (action, then its wait), the progress recorded on the DaemonSet
 * before each step. A step that fails (or Ctrl-C) rolls its node back to the static Pod with the
 * plan's rollback steps and stops the run; nodes already migrated stay migrated.
 */
export async function migrateForward(o: ExecuteOptions): Promise<Outcome> {
  const queue = migrationOrder(o.store.state, 'forward').filter(
    (n) => o.store.state.nodes[n]?.status !== 'migrated',
  );
  let failure: Extract<Outcome, { ok: false }> | undefined;
  const worker = async () => {
    for (let node = queue.shift(); node !== undefined && !failure; node = queue.shift()) {
      if (o.interrupts.soft.aborted) {
        failure ??= { ok: false, interrupted: true, reason: 'interrupted' };
        return;
      }
      const result = await migrateNode(o, node);
      if (!result.ok) failure ??= result;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.maxUnavailable) }, worker));
  if (failure) return failure;
  const check = o.plan.steps.find((s) => s.id === 'check-rollout');
  if (check) {
    try {
      await runStep(o, check, undefined, o.interrupts.soft);
    } catch (error) {
      return { ok: false, interrupted: error instanceof Interrupted, reason: (error as Error).message };
    }
  }
  return { ok: true };
}

async function migrateNode(o: ExecuteOptions, node: string): Promise<Outcome> {
  const steps = forwardSteps(o.plan, node);
  // A node left in between by an earlier run may have been changed already.
  let touched = o.store.state.nodes[node]?.status !== 'pending';
  let current: CutoverStep | undefined;
  try {
    for (const [i, step] of steps.entries()) {
      current = step;
      await o.store.setNode(node, { status: 'migrating', step: step.id });
      try {
        await runStep(o, step, `${i + 1}/${steps.length}`, o.interrupts.soft);
      } catch (error) {
        // A node action that failed for certain (refused, or ssh could not connect) changed nothing.
        if (step.action && !(error instanceof NodeAccessError && !error.uncertain)) touched = true;
        throw error;
      }
      if (step.action) touched = true;
    }
    await o.store.setNode(node, { status: 'migrated', step: steps.at(-1)?.id ?? '' });
    o.emit({ event: 'node-migrated', node, message: `node ${node} runs the DaemonSet Pod` });
    return { ok: true };
  } catch (error) {
    const interrupted = error instanceof Interrupted;
    const reason = interrupted ? 'interrupted' : (error as Error).message;
    if (!touched) {
      await o.store.setNode(node, { status: 'pending', step: current?.id ?? '', error: reason });
      return { ok: false, interrupted, reason: `node ${node}: ${reason}` };
    }
    o.emit({
      event: interrupted ? 'interrupted' : 'stopped',
      node,
      message: `rolling node ${node} back to its static Pod${interrupted ? ' (Ctrl-C again stops at once)' : ''}`,
    });
    const back = await rollbackNode(o, node, `${reason}`);
    return back.ok
      ? { ok: false, interrupted, reason: `node ${node}: ${reason}` }
      : {
          ok: false,
          interrupted: interrupted || back.interrupted,
          reason: `node ${node}: ${reason}; ${back.reason}`,
        };
  }
}

/**
 * Brings a node back to its static Pod with the plan's rollback steps for it (take the DaemonSet
 * Pod off, restore the manifest, wait for the mirror Pod), each safe to repeat. Only a second
 * Ctrl-C stops it.
 */
async function rollbackNode(o: ExecuteOptions, node: string, cause?: string): Promise<Outcome> {
  const steps = o.plan.steps.filter((s) => s.phase === 'rollback' && s.node === node);
  let current: CutoverStep | undefined;
  try {
    for (const [i, step] of steps.entries()) {
      current = step;
      await o.store.setNode(node, {
        status: 'rolling-back',
        step: step.id,
        ...(cause !== undefined && { error: cause }),
      });
      await runStep(o, step, `${i + 1}/${steps.length}`, o.interrupts.hard);
    }
    await o.store.setNode(node, { status: 'pending', ...(cause !== undefined && { error: cause }) });
    o.emit({ event: 'node-rolled-back', node, message: `node ${node} runs its static Pod again` });
    return { ok: true };
  } catch (error) {
    const interrupted = error instanceof Interrupted;
    const reason = `rollback of node ${node} stopped at ${current?.id ?? 'its start'}: ${interrupted ? 'interrupted' : (error as Error).message}`;
    await o.store
      .setNode(node, { status: 'rolling-back', step: current?.id ?? '', error: reason })
      .catch(() => undefined);
    return { ok: false, interrupted, reason };
  }
}

/**
 * `--rollback`: every node not pending, in reverse order, back to its static Pod; then the
 * DaemonSet is deleted (which also removes the state). A first Ctrl-C finishes the node at hand.
 */
export async function rollBack(o: ExecuteOptions): Promise<Outcome> {
  for (const node of migrationOrder(o.store.state, 'rollback')) {
    if (o.store.state.nodes[node]?.status === 'pending') continue;
    if (o.interrupts.soft.aborted) return { ok: false, interrupted: true, reason: 'interrupted' };
    const back = await rollbackNode(o, node);
    if (!back.ok) return back;
  }
  if (o.interrupts.soft.aborted) return { ok: false, interrupted: true, reason: 'interrupted' };
  const del = o.plan.steps.find((s) => s.id === 'rollback-delete-daemonset');
  if (del) {
    try {
      await runStep(o, del, undefined, o.interrupts.hard);
    } catch (error) {
      return { ok: false, interrupted: error instanceof Interrupted, reason: (error as Error).message };
    }
  }
  return { ok: true };
}

/** One step: its action, then its wait, with a started and a done (or failed) event. */
async function runStep(
  o: ExecuteOptions,
  step: CutoverStep,
  position: string | undefined,
  signal: AbortSignal,
): Promise<void> {
  const ds = o.plan.daemonSet;
  const dsRef = `${ds.namespace}/${ds.name}`;
  const base = {
    ...(step.node !== undefined && { node: step.node }),
    step: step.id,
    ...(position && { position }),
  };
  const manualWait =
    o.access.manual && (step.wait?.kind === 'mirror-pod-deleted' || step.wait?.kind === 'mirror-pod-ready');
  const waitSeconds = step.wait
    ? (o.timeoutSeconds ??
      (manualWait ? Math.max(MANUAL_TIMEOUT_SECONDS, step.wait.timeoutSeconds) : step.wait.timeoutSeconds))
    : 0;
  const what = [
    step.action ? describeAction(step.action, dsRef) : undefined,
    step.wait ? describeWait(step.wait, waitSeconds) : undefined,
  ]
    .filter(Boolean)
    .join(', then ');
  o.emit({ event: 'step-started', ...base, message: what });
  const t0 = Date.now();
  try {
    let said = '';
    const a = step.action;
    if (a) {
      switch (a.kind) {
        case 'move-manifest':
        case 'restore-manifest':
          said = await o.access.run(a, {
            signal,
            timeoutSeconds: o.timeoutSeconds ?? ACCESS_TIMEOUT_SECONDS,
            emit: o.emit,
          });
          break;
        case 'label-node':
          await setNodeLabel(o.transport, a.node, a.key, a.value);
          said = `labelled node ${a.node} ${a.key}=${a.value}`;
          break;
        case 'unlabel-node':
          await setNodeLabel(o.transport, a.node, a.key, null);
          said = `removed label ${a.key} from node ${a.node}`;
          break;
        case 'delete-daemonset':
          await deleteDaemonSet(o.transport, ds.namespace, ds.name);
          await waitGone(o.transport, ds.namespace, ds.name, o.timeoutSeconds ?? 120, signal);
          said = `deleted daemonset ${dsRef}`;
          break;
        case 'apply-daemonset':
          break; // done before the executor starts
      }
    }
    if (step.wait) said = await waitFor(o.transport, step.wait, ds.name, waitSeconds, signal);
    o.emit({ event: 'step-done', ...base, message: said || what, durationMs: Date.now() - t0 });
  } catch (error) {
    const message =
      error instanceof Interrupted
        ? 'interrupted'
        : error instanceof WaitTimeout && step.wait
          ? `waited ${waitSeconds}s for ${waitGoal(step.wait)}; last seen: ${error.message}`
          : (error as Error).message;
    o.emit({ event: 'step-failed', ...base, message, durationMs: Date.now() - t0 });
    if (error instanceof WaitTimeout) throw new Error(message);
    throw error;
  }
}

async function waitGone(t: Transport, namespace: string, name: string, seconds: number, signal: AbortSignal) {
  const deadline = Date.now() + seconds * 1000;
  while (await getDaemonSet(t, namespace, name)) {
    if (Date.now() >= deadline)
      throw new Error(`daemonset ${namespace}/${name} was still there after ${seconds}s`);
    await sleep(POLL_MS, signal);
  }
}
