import type { CutoverAction, CutoverWait } from '@staticpods/converter';
import type { OutStream } from '../io.js';

/** What `migrate` reports as it goes; with `-o json`, one JSON object per line. */
export interface MigrateEvent {
  readonly event:
    | 'daemonset-created'
    | 'daemonset-adopted'
    | 'resumed'
    | 'step-started'
    | 'step-done'
    | 'step-failed'
    | 'manual-action'
    | 'node-migrated'
    | 'node-rolled-back'
    | 'interrupted'
    | 'finished'
    | 'stopped';
  readonly time: string;
  readonly daemonSet: string;
  readonly node?: string;
  readonly step?: string;
  /** `2/4`: the step's number among the node's steps. */
  readonly position?: string;
  readonly message: string;
  readonly durationMs?: number;
  /** Exact commands for a person to run (manual node access). */
  readonly commands?: readonly string[];
  /** Final events: each node's status. */
  readonly nodes?: Readonly<Record<string, string>>;
  /** Final events of a run that stopped: the exact commands to go on and to undo. */
  readonly resume?: string;
  readonly rollback?: string;
}

/** One sentence for an action, as the progress lines and `--dry-run` say it. */
export function describeAction(a: CutoverAction, daemonSet: string): string {
  switch (a.kind) {
    case 'apply-daemonset':
      return `create daemonset ${daemonSet}`;
    case 'delete-daemonset':
      return `delete daemonset ${daemonSet}`;
    case 'move-manifest':
      return `move ${a.manifestPath} to ${a.backupPath} on node ${a.node}`;
    case 'restore-manifest':
      return `move ${a.backupPath} back to ${a.manifestPath} on node ${a.node}`;
    case 'label-node':
      return `label node ${a.node} ${a.key}=${a.value}`;
    case 'unlabel-node':
      return `remove the label ${a.key} from node ${a.node}`;
  }
}

/** What a wait waits for: "mirror Pod ns/x to be gone". */
export function waitGoal(w: CutoverWait): string {
  switch (w.kind) {
    case 'mirror-pod-deleted':
      return `mirror Pod ${w.namespace}/${w.pod} to be gone`;
    case 'mirror-pod-ready':
      return `mirror Pod ${w.namespace}/${w.pod} to be back and Ready`;
    case 'daemonset-pod-ready':
      return `the DaemonSet Pod on node ${w.node} to be Ready`;
    case 'daemonset-pod-deleted':
      return `no DaemonSet Pod to be left on node ${w.node}`;
    case 'rollout-complete':
      return `every Pod of daemonset ${w.namespace}/${w.name} to be updated and Ready`;
  }
}

export function describeWait(w: CutoverWait, timeoutSeconds: number): string {
  return `wait for ${waitGoal(w)} (at most ${timeoutSeconds}s)`;
}

/** Writes events: JSON lines, or one line per finished step (on a terminal a transient line while it runs). */
export function eventPrinter(out: OutStream, format: 'text' | 'json'): (e: MigrateEvent) => void {
  if (format === 'json') return (e) => out.write(`${JSON.stringify(e)}\n`);
  let transient = false;
  const clear = () => {
    if (transient) out.write('\r\x1b[K');
    transient = false;
  };
  return (e) => {
    const who = e.node ? `${e.node}  ` : '';
    const pos = e.position ? `${e.position} ` : '';
    const took = e.durationMs === undefined ? '' : ` (${formatDuration(e.durationMs)})`;
    switch (e.event) {
      case 'step-started':
        if (out.isTTY) {
          clear();
          out.write(`${who}${pos}${e.step}: ${e.message} …`);
          transient = true;
        }
        return;
      case 'step-done':
        clear();
        out.write(`${who}${pos}${e.step}: ${e.message}${took}\n`);
        return;
      case 'step-failed':
        clear();
        out.write(`${who}${pos}${e.step}: FAILED: ${e.message}${took}\n`);
        return;
      case 'manual-action':
        clear();
        out.write(`${who}run this on node ${e.node} as root, then the wait goes on by itself:\n`);
        for (const c of e.commands ?? []) out.write(`    ${c}\n`);
        return;
      default:
        clear();
        out.write(`${who}${e.message}${took}\n`);
    }
  };
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  return `${Math.floor(s / 60)}m${Math.round(s % 60)}s`;
}
