// Writes bundle/fast.cjs.cache: compiles bundle/fast.cjs exactly as bundle/run.js does, runs a
// typical workload with output discarded, then saves V8's code cache (which now includes the
// bytecode of every function that ran).
const { readFileSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { Script } = require('node:vm');

const [file, examples] = process.argv.slice(2);
const source = readFileSync(file, 'utf8');
const wrapped = `(function (exports, require, module, __filename, __dirname, __ksp_url) {${source}\n})`;
const script = new Script(wrapped, { filename: file });
const fast = { exports: {} };
script.runInThisContext()(
  fast.exports,
  createRequire(file),
  fast,
  file,
  path.dirname(file),
  pathToFileURL(file).href,
);
process.stdout.write = () => true;
(async () => {
  for (const argv of [
    ['list', '--manifests', examples, '--node', 'cp-1'],
    ['list', '--manifests', examples, '--node', 'cp-1', '-o', 'json'],
    ['check', examples],
    ['check', examples, '-o', 'json'],
  ]) {
    await fast.exports.runFast(argv);
  }
  process.exitCode = 0;
  writeFileSync(`${file}.cache`, script.createCachedData());
})();
