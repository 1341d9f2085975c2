import { Command } from '@oclif/core';
import { verboseFlag } from './flags.js';

/**
 * Every command: errors go up to `runCli`, which prints them and picks the exit code
 * (docs/cli.md, "Exit codes"); oclif's own `catch` would set `process.exitCode` to 1.
 */
export abstract class BaseCommand extends Command {
  static override baseFlags = verboseFlag;

  protected override async catch(error: Error): Promise<unknown> {
    throw error;
  }
}
