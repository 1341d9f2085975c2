import { Command, Flags, type Interfaces } from '@oclif/core';
import type { AnyCommand, Flag } from '../cli/define.js';
import { allFlags } from '../cli/define.js';

/** An oclif flag from a declared one. */
function oclifFlag(f: Flag): Interfaces.Flag<unknown> {
  const common = {
    summary: f.summary,
    ...(f.description !== undefined && { description: f.description }),
    ...(f.char !== undefined && { char: f.char as Interfaces.AlphabetLowercase }),
    ...(f.helpGroup !== undefined && { helpGroup: f.helpGroup }),
    ...(f.hidden !== undefined && { hidden: f.hidden }),
  };
  if (f.type === 'boolean') {
    return Flags.boolean({
      ...common,
      ...(f.allowNo !== undefined && { allowNo: f.allowNo }),
      ...(f.default !== undefined && { default: f.default }),
    }) as Interfaces.Flag<unknown>;
  }
  const options = {
    ...common,
    ...(f.helpValue !== undefined && { helpValue: f.helpValue }),
    ...(f.options !== undefined && { options: [...f.options] }),
  };
  if (f.multiple) return Flags.string({ ...options, multiple: true }) as Interfaces.Flag<unknown>;
  return Flags.string({
    ...options,
    ...(f.default !== undefined && { default: f.default }),
  }) as Interfaces.Flag<unknown>;
}

/**
 * The oclif command class of a declared command: help, usage and parsing come from the
 * declaration; `run` hands the parsed values to `execute`, the same function the fast path calls.
 * Errors go up to `runCli`, which prints them and picks the exit code (docs/cli.md, "Exit
 * codes"); oclif's own `catch` would set `process.exitCode` to 1.
 */
export function oclifCommand(spec: AnyCommand): Command.Class {
  const flags = Object.fromEntries(Object.entries(allFlags(spec)).map(([name, f]) => [name, oclifFlag(f)]));
  const command = class extends Command {
    static override id = spec.id;
    static override summary = spec.summary;
    static override description = spec.description;
    static override examples = (spec.examples ?? []) as Command.Example[];
    static override usage = spec.usage;
    static override strict = spec.args === undefined;
    static override flags = flags as Interfaces.FlagInput;

    async run(): Promise<void> {
      const { argv, flags: values } = await this.parse(command);
      const { execute } = await import('../cli/execute.js');
      await execute(spec, argv as string[], values);
    }

    protected override async catch(error: Error): Promise<unknown> {
      throw error;
    }
  };
  return command;
}
