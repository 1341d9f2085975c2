// Writes <bundle>.cache, V8's code cache for a CommonJS bundle compiled as the entries compile it
// (src/compiled-script.ts). With an examples directory, it first runs a typical workload of the
// fast path (list --manifests, check, version; output discarded), so the cache holds the bytecode
// of every function that ran; without, it holds what compiling alone makes.
//
//   node scripts/make-code-cache.cjs <bundle.cjs> [<examples dir>]
//
// Run it with the Node binary that will use the cache: a Node with another V8 rejects it.
const { readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const [file, examples] = process.argv.slice(2);

(async () => {
  const { compileBundle } = await import(
    pathToFileURL(path.join(__dirname, '../dist/compiled-script.js')).href
  );
  const compiled = compileBundle(readFileSync(file, 'utf8'), pathToFileURL(path.resolve(file)));
  if (examples) {
    const fast = compiled.run();
    process.stdout.write = () => true;
    for (const argv of [
      ['list', '--manifests', examples, '--node', 'cp-1'],
      ['list', '--manifests', examples, '--node', 'cp-1', '-o', 'json'],
      ['check', examples],
      ['check', examples, '-o', 'json'],
      ['version'],
    ]) {
      await fast.runFast(argv);
    }
    process.exitCode = 0;
  }
  writeFileSync(`${file}.cache`, compiled.script.createCachedData());
})();
