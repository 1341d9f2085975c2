/**
 * Every command, once, in the order `--help` lists them. oclif's command table
 * (`oclif/commands.ts`), the bundle's fast path, error messages, "did you mean" and shell
 * completion all read this list; it loads no command code (each `run` imports its own).
 */
import { type AnyCommand, allFlags, type Flag } from './cli/define.js';
import { check } from './commands/check.js';
import { exportCommand } from './commands/export.js';
import { list } from './commands/list.js';
import { migrate } from './commands/migrate.js';
import { explain, rules } from './commands/rules.js';
import { toDaemonSet } from './commands/to-daemonset.js';
import { version } from './commands/version.js';
import type { FlagSpec } from './complete/spec.js';

export const COMMAND_SPECS: readonly AnyCommand[] = [
  list,
  check,
  toDaemonSet,
  migrate,
  exportCommand,
  rules,
  explain,
  version,
];

export function findCommand(id: string): AnyCommand | undefined {
  return COMMAND_SPECS.find((c) => c.id === id);
}

/** A command's flags as data, for completion and docs: the shape completion reads from the oclif manifest. */
export type FlagInfo = FlagSpec;

export interface CommandInfo {
  readonly id: string;
  readonly summary: string;
  readonly takesArgs: boolean;
  readonly formats: readonly string[];
  readonly flags: readonly FlagInfo[];
}

/** Every command and flag as plain data (shell completion reads this). */
export function commandTable(): CommandInfo[] {
  return COMMAND_SPECS.map((spec) => ({
    id: spec.id,
    summary: spec.summary,
    takesArgs: spec.args !== undefined,
    formats: spec.formats,
    flags: Object.entries(allFlags(spec)).map(([name, f]: [string, Flag]) => ({
      name,
      ...(f.char !== undefined && { char: f.char }),
      takesValue: f.type === 'string',
      multiple: f.type === 'string' && f.multiple === true,
      ...(f.type === 'string' && f.options && { options: f.options }),
      summary: f.summary,
    })),
  }));
}
