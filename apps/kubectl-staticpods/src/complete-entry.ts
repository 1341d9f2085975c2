// kubectl_complete-staticpods: kubectl runs it for `kubectl staticpods <TAB>` (kubectl ≥ 1.26)
// with the words typed after `staticpods`, the last one being completed. It prints one
// completion per line and `:<directive>` last, and always exits 0: a failed completion is an
// empty one, never an error message in the middle of the user's command line.
import { endQuietlyOnClosedPipes } from './closed-pipe.js';
import { complete } from './complete/complete.js';
import { commandSpecs, type OclifManifest, readManifest } from './complete/spec.js';
import { valueSource } from './complete/values.js';

/** Replaced by scripts/bundle.mjs with oclif.manifest.json. */
declare const __KSP_MANIFEST__: OclifManifest | undefined;

/** The lines kubectl reads for these words. */
export async function completionOutput(words: readonly string[]): Promise<string> {
  const manifest =
    typeof __KSP_MANIFEST__ === 'undefined'
      ? readManifest(new URL('..', import.meta.url).pathname)
      : __KSP_MANIFEST__;
  const { values, directive } = await complete(commandSpecs(manifest), words, valueSource);
  return `${values.map((v) => `${v}\n`).join('')}:${directive}\n`;
}

/** The process entry. */
export async function completionMain(words: readonly string[]): Promise<void> {
  endQuietlyOnClosedPipes();
  let out: string;
  try {
    out = await completionOutput(words);
  } catch {
    out = ':4\n';
  }
  process.stdout.write(out);
  process.exitCode = 0;
}
