// The bundle's entry, bundle/run.cjs: one CommonJS file that bin/run.js requires (no ES module
// chain to resolve and link at start-up). Help comes from the texts oclif rendered at build time,
// the node-local commands from bundle/fast.cjs (compiled with its V8 code cache), and oclif
// (bundle/oclif.js, an ES module) only for everything else. See scripts/bundle.mjs and
// docs/cli.md, "Start-up".
import { readFileSync } from 'node:fs';
import { compileBundle } from './compiled-script.js';
import { fastHelp, type HelpCache } from './fast/help.js';
import { fdStream } from './fd-stream.js';

/** Replaced by scripts/bundle.mjs with the help texts oclif renders at build time. */
declare const __KSP_HELP__: HelpCache | undefined;
/** Replaced by scripts/bundle.mjs with the ids of the commands declared with a fast path. */
declare const __KSP_FAST__: readonly string[] | undefined;

type Fast = { runFast(argv: readonly string[]): Promise<number | undefined> };

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const help = typeof __KSP_HELP__ === 'undefined' ? undefined : __KSP_HELP__;
  const fast = typeof __KSP_FAST__ === 'undefined' ? [] : __KSP_FAST__;
  // Help and the fast path write to the file descriptors (fd-stream.ts), closed pipes included;
  // bundle/oclif.js guards the streams itself.
  let code = fastHelp(argv, help, fdStream(1));
  if (code === undefined && fast.includes(argv[0] ?? '')) code = await loadFast()?.runFast(argv);
  if (code === undefined) {
    // bundle/oclif.js runs the CLI through oclif when it is loaded.
    await import(new URL('./oclif.js', import.meta.url).href);
  } else {
    process.exitCode = code;
  }
}

/** Loads bundle/fast.cjs with its code cache; undefined when it is not there (then oclif runs). */
function loadFast(): Fast | undefined {
  const file = new URL('./fast.cjs', import.meta.url);
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(new URL('./fast.cjs.cache', import.meta.url));
  } catch {
    // no cache: V8 compiles from source
  }
  return compileBundle<Fast>(source, file, cachedData).run();
}

main().catch((error: unknown) => {
  process.stderr.write(`error: internal error: ${String(error)}\n`);
  process.exitCode = 2;
});
