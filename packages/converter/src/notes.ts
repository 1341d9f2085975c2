import { type FieldPath, formatFieldPath } from '@staticpods/core';
import type { ConversionNote, NoteSeverity } from './types.js';

/**
 * Every note code the converter emits. Codes are stable: the CLI and users match on them.
 * Errors make the conversion fail; warnings change behaviour or need a decision; infos explain.
 */
export type NoteCode =
  // refusals
  | 'bootstrap-component'
  | 'restart-policy'
  | 'active-deadline-seconds'
  | 'mirror-pods-differ'
  | 'not-a-mirror-pod'
  | 'several-static-pods'
  | 'invalid-option'
  | 'placement-conflict'
  // what was changed or kept
  | 'bootstrap-component-forced'
  | 'restart-policy-rewritten'
  | 'mirror-repair'
  | 'stale-mirror-pod'
  | 'mirror-name-unexpected'
  | 'dropped-field'
  | 'kubelet-toleration-dropped'
  | 'kubelet-toleration-kept'
  | 'priority-dropped'
  | 'priority-class-added'
  | 'preemption-policy-dropped'
  | 'dns-policy-changed'
  | 'dns-policy-kept'
  | 'update-strategy-host-ports'
  | 'selector'
  | 'selector-excludes-volatile-labels'
  | 'controller-labels-dropped'
  | 'name-label-added'
  | 'placement'
  | 'taints-now-apply'
  | 'control-plane-placement-suggested'
  | 'cutover-gate'
  | 'service-account-set'
  | 'service-account-token'
  | 'api-references'
  | 'node-specific-values'
  | 'name-derived'
  | 'priority-class-missing'
  | 'runtime-class-missing'
  | 'overhead-dropped';

/** Collects notes in the order the conversion makes its decisions. */
export class Notes {
  readonly items: ConversionNote[] = [];

  add(code: NoteCode, severity: NoteSeverity, message: string, path?: FieldPath): void {
    this.items.push({ code, severity, message, ...(path && { path }) });
  }

  info(code: NoteCode, message: string, path?: FieldPath): void {
    this.add(code, 'info', message, path);
  }

  warn(code: NoteCode, message: string, path?: FieldPath): void {
    this.add(code, 'warning', message, path);
  }

  error(code: NoteCode, message: string, path?: FieldPath): void {
    this.add(code, 'error', message, path);
  }

  get hasErrors(): boolean {
    return this.items.some((n) => n.severity === 'error');
  }
}

/** One line per note: `<severity> <code> [<path>]: <message>`. */
export function formatNote(note: ConversionNote): string {
  const path = note.path ? ` [${formatFieldPath(note.path)}]` : '';
  return `${note.severity} ${note.code}${path}: ${note.message}`;
}

/** Go-style quoting for values inside messages (`"etcd:3.5"`, `<absent>` for missing fields). */
export function quoteValue(value: unknown): string {
  if (value === undefined) return '<absent>';
  return JSON.stringify(value);
}

/** `a, b and c`. */
export function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
