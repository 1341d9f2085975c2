// The single-file executable's entry (scripts/sea.mjs bundles it into one CommonJS script that
// Node's single executable application runs). One binary, two names: as kubectl-staticpods it is
// the plugin (help texts from the build, the node-local commands without oclif, everything else
// through oclif with its commands in memory); as kubectl_complete-staticpods, kubectl's
// completion helper. Nothing is read from disk but the user's own files.
import path from 'node:path';
import { endQuietlyOnClosedPipes } from './closed-pipe.js';
import type { HelpCache } from './fast/fast-path.js';

/** Replaced at build time: the help texts oclif renders, and package.json. */
declare const __KSP_HELP__: HelpCache | undefined;
declare const __KSP_PJSON__: Record<string, unknown>;

/** The name the executable was started by, without `.exe`. */
export function invokedAs(argv0: string): string {
  return path.basename(argv0).replace(/\.exe$/i, '');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (invokedAs(process.argv0).startsWith('kubectl_complete-')) {
    const { completionMain } = await import('./complete-entry.js');
    await completionMain(argv);
    return;
  }
  endQuietlyOnClosedPipes();
  const { fastHelp, fastPath } = await import('./fast/fast-path.js');
  let code = fastHelp(argv, typeof __KSP_HELP__ === 'undefined' ? undefined : __KSP_HELP__);
  // The fast path decides for itself which argv it runs without oclif (undefined: oclif's turn).
  if (code === undefined) code = await fastPath(argv);
  if (code === undefined) {
    const { runCli } = await import('./cli.js');
    const { inMemoryLoadOptions } = await import('./sea-oclif.js');
    code = await runCli(argv, { loadOptions: await inMemoryLoadOptions(__KSP_PJSON__) });
  }
  process.exitCode = code;
}

main().catch((error: unknown) => {
  process.stderr.write(`error: internal error: ${String(error)}\n`);
  process.exitCode = 2;
});
