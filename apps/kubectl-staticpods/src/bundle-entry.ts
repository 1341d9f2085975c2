// The bundle's entry (bundle/run.js): help from the texts oclif rendered at build time, then the
// node-local commands from bundle/fast.cjs (compiled with its V8 code cache), and oclif only
// for everything else. See scripts/bundle.mjs and docs/cli.md, "Start-up".
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Script } from 'node:vm';
import { endQuietlyOnClosedPipes } from './closed-pipe.js';
import { fastHelp, type HelpCache } from './fast/fast-path.js';

/** Replaced by scripts/bundle.mjs with the help texts oclif renders at build time. */
declare const __KSP_HELP__: HelpCache | undefined;

endQuietlyOnClosedPipes();
const argv = process.argv.slice(2);
const help = typeof __KSP_HELP__ === 'undefined' ? undefined : __KSP_HELP__;
let code = fastHelp(argv, help);
if (code === undefined && (argv[0] === 'list' || argv[0] === 'check')) code = await loadFast()?.runFast(argv);
if (code === undefined) {
  const { main } = await import('./cli.js');
  await main('./bundle/commands.js');
} else {
  process.exitCode = code;
}

/** Loads bundle/fast.cjs with its code cache; undefined when it is not there (then oclif runs). */
function loadFast(): { runFast(argv: readonly string[]): Promise<number | undefined> } | undefined {
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
  const filename = file.pathname;
  const wrapped = `(function (exports, require, module, __filename, __dirname, __ksp_url) {${source}\n})`;
  const script = new Script(wrapped, { filename, ...(cachedData && { cachedData }) });
  const module = { exports: {} as { runFast(argv: readonly string[]): Promise<number | undefined> } };
  script.runInThisContext()(
    module.exports,
    createRequire(file),
    module,
    filename,
    new URL('.', file).pathname,
    file.href,
  );
  return module.exports;
}
