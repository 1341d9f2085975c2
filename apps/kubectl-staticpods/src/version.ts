import { readFileSync } from 'node:fs';

/** package.json, inlined by the single-file executable's build (scripts/sea.mjs), which has no files. */
declare const __KSP_PJSON__: { version: string } | undefined;

let version: string | undefined;

/** This package's version (from its package.json, one level above dist/ and bundle/). */
export function toolVersion(): string {
  version ??=
    typeof __KSP_PJSON__ === 'undefined'
      ? (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
          .version
      : __KSP_PJSON__.version;
  return version;
}
