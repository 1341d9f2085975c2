import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Errors, type Interfaces, run } from '@oclif/core';
import { EXIT } from './errors.js';
import { type Io, io, processIo, withIo } from './io.js';
import { reportError } from './report-error.js';

/** Where the package lives (its package.json, oclif.manifest.json). */
export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface RunOptions extends Partial<Omit<Io, 'exitCode'>> {
  /** The module that exports `COMMANDS` (oclif's explicit strategy), relative to the package root. */
  readonly commandsTarget?: string;
  /** oclif's load options as they are (the single-file executable gives its commands in memory). */
  readonly loadOptions?: Interfaces.LoadOptions;
}

/**
 * Runs the CLI in-process and returns its exit code; never calls `process.exit`. Errors are
 * printed here: one line that says what failed and what to do, exit code 2 (docs/cli.md).
 */
export async function runCli(argv: readonly string[], options: RunOptions = {}): Promise<number> {
  const { commandsTarget, loadOptions: given, ...streams } = options;
  const value: Io = { ...processIo(), ...streams, exitCode: EXIT.ok };
  return withIo(value, async () => {
    try {
      await run([...argv], given ?? loadOptions(commandsTarget));
      return io().exitCode;
    } catch (error) {
      if (error instanceof Errors.ExitError) return error.oclif.exit ?? EXIT.ok;
      return reportError(error, argv, argv.includes('--verbose'));
    }
  });
}

let pjson: Interfaces.PJSON | undefined;

function loadOptions(commandsTarget: string | undefined): Interfaces.LoadOptions {
  if (!commandsTarget) return PACKAGE_ROOT;
  pjson ??= JSON.parse(readFileSync(`${PACKAGE_ROOT}package.json`, 'utf8')) as Interfaces.PJSON;
  return {
    root: PACKAGE_ROOT,
    pjson: {
      ...pjson,
      oclif: {
        ...pjson.oclif,
        commands: { strategy: 'explicit', target: commandsTarget, identifier: 'COMMANDS' },
      },
    },
  };
}

/** The process entry: runs the CLI and leaves the exit code for Node to use once output is flushed. */
export async function main(commandsTarget?: string): Promise<void> {
  const code = await runCli(process.argv.slice(2), commandsTarget ? { commandsTarget } : {});
  process.exitCode = code;
}
