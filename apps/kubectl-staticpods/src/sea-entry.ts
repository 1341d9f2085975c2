// The single-file executable's entry, the script Node's single executable application runs
// (scripts/sea.mjs). It holds help and the loader; the commands are assets of the executable,
// compiled on use with the V8 code cache made for them at build time: `fast` (the node-local
// commands, as bundle/fast.cjs) and `rest` (oclif with its commands in memory, and the completion
// helper). One binary, two names: as kubectl-staticpods it is the plugin; as
// kubectl_complete-staticpods, kubectl's completion helper. Nothing is read from disk but the
// user's own files.
import path from 'node:path';
import { getAsset } from 'node:sea';
import { pathToFileURL } from 'node:url';
import { compileBundle } from './compiled-script.js';
import { fastHelp, type HelpCache } from './fast/help.js';
import { fdStream } from './fd-stream.js';

/** Replaced at build time: the help texts oclif renders, and the commands with a fast path. */
declare const __KSP_HELP__: HelpCache | undefined;
declare const __KSP_FAST__: readonly string[] | undefined;

type Fast = { runFast(argv: readonly string[]): Promise<number | undefined> };
type Rest = {
  runOclif(argv: readonly string[]): Promise<number>;
  completionMain(words: readonly string[]): Promise<void>;
};

/** The name the executable was started by, without `.exe`. */
export function invokedAs(argv0: string): string {
  return path.basename(argv0).replace(/\.exe$/i, '');
}

/** Compiles and runs an asset bundle, with its code cache when the build made one for this platform. */
function load<T>(name: 'fast' | 'rest'): T {
  let cachedData: Buffer | undefined;
  try {
    cachedData = Buffer.from(getAsset(`${name}.cjs.cache`));
  } catch {
    // built for another platform: no cache, V8 compiles from source
  }
  // The executable stands for the bundle's file (its require loads built-in modules only).
  return compileBundle<T>(getAsset(`${name}.cjs`, 'utf8'), pathToFileURL(process.execPath), cachedData).run();
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (invokedAs(process.argv0).startsWith('kubectl_complete-')) {
    await load<Rest>('rest').completionMain(argv);
    return;
  }
  const fast = typeof __KSP_FAST__ === 'undefined' ? [] : __KSP_FAST__;
  // Help and the fast path write to the file descriptors (fd-stream.ts), closed pipes included;
  // `rest` guards the streams before oclif runs.
  let code = fastHelp(argv, typeof __KSP_HELP__ === 'undefined' ? undefined : __KSP_HELP__, fdStream(1));
  // The fast path decides for itself which argv it runs without oclif (undefined: oclif's turn).
  if (code === undefined && fast.includes(argv[0] ?? '')) code = await load<Fast>('fast').runFast(argv);
  if (code === undefined) code = await load<Rest>('rest').runOclif(argv);
  process.exitCode = code;
}

main().catch((error: unknown) => {
  process.stderr.write(`error: internal error: ${String(error)}\n`);
  process.exitCode = 2;
});
