import type { CutoverPlan, MigrationState, NodeAction } from '@staticpods/converter';
import type { OutStream } from '../io.js';
import { renderTable } from '../printers/table.js';
import { describeAction, describeWait } from './events.js';
import type { NodeAccess } from './node-access.js';
import { shellWord } from './shell-word.js';

/** What the run is about to do, for the confirmation and --dry-run. */
export function describePlan(
  plan: CutoverPlan,
  state: MigrationState,
  access: NodeAccess | undefined,
  mode: 'forward' | 'rollback',
  maxUnavailable: number,
): string {
  const { namespace, name } = plan.daemonSet;
  const nodes = mode === 'forward' ? plan.nodes : [...plan.nodes].reverse();
  const todo = nodes.filter((n) =>
    mode === 'forward' ? state.nodes[n]?.status !== 'migrated' : state.nodes[n]?.status !== 'pending',
  );
  const staticRef = `${plan.input.staticNamespace ?? namespace}/${plan.input.staticName}`;
  const lines = [
    mode === 'forward'
      ? `Migrate static Pod ${staticRef} to daemonset ${namespace}/${name}, node by node.`
      : `Roll back daemonset ${namespace}/${name} to static Pod ${staticRef}, node by node in reverse, then delete the DaemonSet.`,
    `  Nodes, in this order: ${todo.length > 0 ? todo.join(', ') : '(none left)'}${mode === 'forward' && maxUnavailable > 1 ? ` (at most ${maxUnavailable} at a time)` : ''}`,
    `  Manifest on each node: ${plan.manifestPath}${plan.manifestPathGuessed ? ' (file name guessed from the static Pod name)' : ''}`,
    `  Backup on each node:   ${plan.backupPath} (outside staticPodPath)`,
  ];
  if (plan.gateLabel) lines.push(`  Gate: node label ${plan.gateLabel.key}=${plan.gateLabel.value}`);
  if (access) lines.push(`  Node access: ${access.flags.map(shellWord).join(' ')}`);
  if (mode === 'forward') {
    lines.push(
      '  Each node is without the Pod from the moment its manifest moves until the DaemonSet Pod is Ready;',
      '  a step that fails rolls its node back to the static Pod and stops.',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Every step the run would take, with the exact node commands (`--dry-run`). */
export function describeSteps(
  plan: CutoverPlan,
  state: MigrationState,
  access: NodeAccess | undefined,
  mode: 'forward' | 'rollback',
  created: string | undefined,
): string {
  const ds = `${plan.daemonSet.namespace}/${plan.daemonSet.name}`;
  const lines: string[] = [];
  let n = 0;
  const add = (node: string | undefined, text: string, commands: readonly string[] = []) => {
    n++;
    lines.push(`${String(n).padStart(3)}. ${node ? `[${node}] ` : ''}${text}`);
    for (const c of commands) lines.push(`       ${c}`);
  };
  if (created) add(undefined, created);
  const steps =
    mode === 'forward'
      ? plan.steps.filter(
          (s) =>
            (s.phase === 'per-node' && state.nodes[s.node ?? '']?.status !== 'migrated') ||
            s.id === 'check-rollout',
        )
      : [
          ...[...plan.nodes]
            .reverse()
            .filter((node) => state.nodes[node]?.status !== 'pending')
            .flatMap((node) => plan.steps.filter((s) => s.phase === 'rollback' && s.node === node)),
          ...plan.steps.filter((s) => s.id === 'rollback-delete-daemonset'),
        ];
  for (const s of steps) {
    if (s.action) {
      const nodeAction = s.action.kind === 'move-manifest' || s.action.kind === 'restore-manifest';
      add(
        s.node,
        describeAction(s.action, ds),
        nodeAction ? (access?.describe(s.action as NodeAction) ?? s.commands) : [],
      );
    }
    if (s.wait) add(s.node, describeWait(s.wait, s.wait.timeoutSeconds));
  }
  return `${lines.join('\n')}\n`;
}

/** The nodes' states as a table, and whether every node is whole (static or DaemonSet Pod). */
export function stateTable(state: MigrationState): { text: string; whole: boolean } {
  const rows = [['NODE', 'STATUS', 'STEP', 'LAST ERROR']];
  let whole = true;
  for (const node of state.input.nodes) {
    const p = state.nodes[node];
    if (p?.status === 'migrating' || p?.status === 'rolling-back') whole = false;
    rows.push([node, p?.status ?? 'pending', p?.step ?? '', p?.error ?? '']);
  }
  return { text: renderTable(rows), whole };
}

/** Prints the table and the exact commands to resume and to roll back. */
export function printStopped(
  out: OutStream,
  state: MigrationState,
  commands: { readonly resume: string; readonly rollback: string },
): void {
  const { text, whole } = stateTable(state);
  out.write(text.endsWith('\n') ? text : `${text}\n`);
  out.write(
    whole
      ? 'Every node runs either its static Pod (pending) or the DaemonSet Pod (migrated).\n'
      : 'A node is in between (migrating or rolling-back): the next run carries it on from its last step.\n',
  );
  out.write(`To resume:    ${commands.resume}\nTo roll back: ${commands.rollback}\n`);
}
