// A CommonJS bundle compiled through node:vm, so that V8 can take a code cache made at build
// time (bundle/fast.cjs and its .cache; the single-file executable's assets). Node 20's own
// module loader takes none. scripts/make-code-cache.cjs makes the caches with this same wrapper:
// V8 accepts a cache only for the very source it was made from.
import { createRequire } from 'node:module';
import { Script } from 'node:vm';

export interface CompiledScript<T> {
  readonly script: Script;
  /** Runs the bundle's top level once; returns its exports. */
  run(): T;
}

/**
 * Compiles `source` (a CommonJS bundle) with `cachedData` when given. `file` names it in stack
 * traces and is where its `require` resolves from (the bundles require built-in modules only).
 */
export function compileBundle<T>(source: string, file: URL, cachedData?: Buffer): CompiledScript<T> {
  const wrapped = `(function (exports, require, module, __filename, __dirname, __ksp_url) {${source}\n})`;
  const filename = file.pathname;
  const script = new Script(wrapped, { filename, ...(cachedData && { cachedData }) });
  return {
    script,
    run() {
      const module = { exports: {} as T };
      script.runInThisContext()(
        module.exports,
        createRequire(file),
        module,
        filename,
        new URL('.', file).pathname,
        file.href,
      );
      return module.exports;
    },
  };
}
