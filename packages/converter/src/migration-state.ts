import { buildCutoverPlan } from './cutover-plan.js';
import type { CutoverPlan, CutoverPlanInput, CutoverStep } from './types.js';

/**
 * The annotation on the DaemonSet that holds the progress of a migration, so that it lives in the
 * cluster with the object it is about: a second run resumes from it, `--rollback` undoes what it
 * records, and deleting the DaemonSet (the last rollback step) ends it.
 */
export const MIGRATION_STATE_ANNOTATION = 'staticpods.io/migration';

/**
 * Where one node is. `pending` runs the static Pod and `migrated` the DaemonSet Pod; `migrating` and
 * `rolling-back` are in between, which only a crash or a failed rollback leaves behind.
 */
export type NodeStatus = 'pending' | 'migrating' | 'migrated' | 'rolling-back';

export interface NodeProgress {
  readonly status: NodeStatus;
  /** The step running or last run (`move-manifest`, …, `rollback-restore-manifest`). */
  readonly step?: string;
  /** Why the last attempt stopped. */
  readonly error?: string;
  /** ISO time of the last change. */
  readonly at?: string;
}

export interface MigrationState {
  readonly version: 1;
  /** The plan's input: `buildCutoverPlan(input)` gives the plan back. `input.nodes` is the order. */
  readonly input: CutoverPlanInput;
  readonly nodes: Readonly<Record<string, NodeProgress>>;
}

/** A new migration of every node of the plan, in the plan's order. */
export function newMigrationState(plan: CutoverPlan): MigrationState {
  return {
    version: 1,
    input: plan.input,
    nodes: Object.fromEntries(plan.input.nodes.map((n) => [n, { status: 'pending' } as NodeProgress])),
  };
}

export function encodeMigrationState(state: MigrationState): string {
  return JSON.stringify(state);
}

export type DecodedMigrationState =
  | { readonly ok: true; readonly state: MigrationState }
  | { readonly ok: false; readonly error: string };

const STATUSES: readonly NodeStatus[] = ['pending', 'migrating', 'migrated', 'rolling-back'];

/** Reads the annotation back; anything that is not a state this version wrote is an error, never a guess. */
export function decodeMigrationState(text: string): DecodedMigrationState {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not JSON: ${(error as Error).message}` };
  }
  const v = value as Partial<MigrationState> | null;
  if (typeof v !== 'object' || v === null) return { ok: false, error: 'not a JSON object' };
  if (v.version !== 1) return { ok: false, error: `version ${JSON.stringify(v.version)}, expected 1` };
  const input = v.input as Partial<CutoverPlanInput> | undefined;
  const strings = ['staticName', 'namespace', 'name', 'podSelector'] as const;
  if (typeof input !== 'object' || input === null || strings.some((k) => typeof input[k] !== 'string'))
    return { ok: false, error: 'input: staticName, namespace, name and podSelector must be strings' };
  if (!Array.isArray(input.nodes) || input.nodes.some((n) => typeof n !== 'string'))
    return { ok: false, error: 'input.nodes must be a list of node names' };
  if (typeof input.terminationGracePeriodSeconds !== 'number')
    return { ok: false, error: 'input.terminationGracePeriodSeconds must be a number' };
  if (typeof v.nodes !== 'object' || v.nodes === null) return { ok: false, error: 'nodes must be an object' };
  for (const node of input.nodes) {
    const p = (v.nodes as Record<string, NodeProgress | undefined>)[node];
    if (!p || !STATUSES.includes(p.status))
      return { ok: false, error: `nodes.${node}.status must be one of ${STATUSES.join(', ')}` };
  }
  return { ok: true, state: v as MigrationState };
}

/** The state with one node changed (a new value; the old one is untouched). */
export function withNode(state: MigrationState, node: string, progress: NodeProgress): MigrationState {
  return { ...state, nodes: { ...state.nodes, [node]: progress } };
}

/** The plan the state was made from. */
export function planOf(state: MigrationState): CutoverPlan {
  return buildCutoverPlan(state.input);
}

/** A node's forward steps, in order (`move-manifest`, `wait-mirror-deleted`, `label-node`, `wait-ready`). */
export function forwardSteps(plan: CutoverPlan, node: string): CutoverStep[] {
  return plan.steps.filter((s) => s.phase === 'per-node' && s.node === node);
}

/** Nodes in the order they are migrated, and in reverse for a rollback. */
export function migrationOrder(state: MigrationState, direction: 'forward' | 'rollback'): string[] {
  const nodes = [...state.input.nodes];
  return direction === 'forward' ? nodes : nodes.reverse();
}

/**
 * A safe order to migrate nodes in: first the nodes where the static Pod is not Ready (they lose
 * nothing), then the others by name, so that a failure shows on the least useful node first.
 */
export function safeNodeOrder(nodes: readonly string[], notReady: ReadonlySet<string>): string[] {
  const byName = [...nodes].sort();
  return [...byName.filter((n) => notReady.has(n)), ...byName.filter((n) => !notReady.has(n))];
}

/** Counts of nodes per status, for summaries. */
export function countByStatus(state: MigrationState): Record<NodeStatus, number> {
  const counts: Record<NodeStatus, number> = { pending: 0, migrating: 0, migrated: 0, 'rolling-back': 0 };
  for (const node of state.input.nodes) {
    const status = state.nodes[node]?.status ?? 'pending';
    counts[status]++;
  }
  return counts;
}
