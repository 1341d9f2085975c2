// The single-file executable's `rest` asset (scripts/sea.mjs): everything but help and the fast
// path, that is oclif with its commands in memory, and kubectl's completion helper. The entry
// (sea-entry.ts) compiles it only when a run needs it.
import { runCli } from './cli.js';
import { endQuietlyOnClosedPipes } from './closed-pipe.js';
import { completionMain } from './complete-entry.js';
import { inMemoryLoadOptions } from './sea-oclif.js';

/** Replaced at build time: package.json. */
declare const __KSP_PJSON__: Record<string, unknown>;

export { completionMain };

/** Runs argv through oclif; returns the exit code. */
export async function runOclif(argv: readonly string[]): Promise<number> {
  endQuietlyOnClosedPipes();
  return runCli(argv, { loadOptions: await inMemoryLoadOptions(__KSP_PJSON__) });
}
