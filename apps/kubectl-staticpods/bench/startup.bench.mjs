// Start-up benchmark: `npm run bench` in apps/kubectl-staticpods. Runs each command N times
// (spawnSync, output discarded), prints medians and the ratio to `node -e 0` and to
// `kubectl version --client` measured in the same run, and checks them against the targets of
// docs/cli.md ("Start-up"). The single-file executable is measured too when it is built
// (KSP_CLI_BINARY, else sea/<platform>/kubectl-staticpods). Options: --runs N (default 20),
// --json FILE (write the results).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { app, opt, repo } from './options.mjs';

const runs = Number(opt('--runs', '20'));
const jsonOut = opt('--json');
const node = process.execPath;
const kubectl = [
  '/usr/bin/kubectl',
  ...(process.env.PATH ?? '').split(':').map((d) => path.join(d, 'kubectl')),
].find((p) => existsSync(p));

const examples = path.join(repo, 'examples/manifests');
const corpusRoot = path.join(repo, 'packages/core/test/corpus');
const corpus = readdirSync(corpusRoot, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => path.join(corpusRoot, d.name));
const entry = (file) => path.join(app, file);
for (const f of ['bin/run.js', 'dist/run.js', 'bundle/run.cjs', 'bundle/fast.cjs', 'bundle/oclif.js']) {
  if (!existsSync(entry(f))) {
    console.error(`missing ${f}: run "npm run build" first`);
    process.exit(2);
  }
}

// The same bundle without its V8 code cache, to show what the cache is worth.
const noCache = mkdtempSync(path.join(tmpdir(), 'ksp-bench-'));
for (const part of ['bin', 'bundle', 'package.json'])
  cpSync(path.join(app, part), path.join(noCache, part), { recursive: true });
rmSync(path.join(noCache, 'bundle/fast.cjs.cache'));
process.on('exit', () => rmSync(noCache, { recursive: true, force: true }));

const platform = `${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;
const seaBinary = [process.env.KSP_CLI_BINARY, path.join(app, 'sea', platform, 'kubectl-staticpods')].find(
  (p) => p && existsSync(p),
);

const help = ['--help'];
const version = ['version'];
const list = ['list', '--manifests', examples, '--node', 'cp-1'];
const check = ['check', examples];
const checkCorpus = ['check', ...corpus];
const ways = [
  ['bin/run.js (run.cjs, fast path)', entry('bin/run.js')],
  ['bin/run.js, no code cache', path.join(noCache, 'bin/run.js')],
  ['bundle/oclif.js (bundle, oclif)', entry('bundle/oclif.js')],
  ['dist/run.js (tsc output, oclif)', entry('dist/run.js')],
];
const commands = [
  ['help', '--help', help],
  ['version', 'version', version],
  ['list', 'list --manifests', list],
  ['check', 'check examples (6 files)', check],
  ['check-corpus', `check corpus (${corpus.length} dirs)`, checkCorpus],
];
/** [name, command, args, group]: the baselines, then each command through each way of running it. */
const cases = [
  ['node -e 0', node, ['-e', '0'], 'baseline'],
  ...(kubectl ? [['kubectl version --client', kubectl, ['version', '--client'], 'baseline']] : []),
  ...commands.flatMap(([group, label, argv]) => [
    ...ways
      // --help never loads the fast path's code, so its code cache does not matter there.
      .filter(([way]) => !(group === 'help' && way.includes('no code cache')))
      .map(([way, file]) => [`${label.padEnd(22)} ${way}`, node, [file, ...argv], group]),
    ...(seaBinary ? [[`${label.padEnd(22)} single-file executable`, seaBinary, argv, `${group} (sea)`]] : []),
  ]),
];

function time(command, argv) {
  const start = process.hrtime.bigint();
  const r = spawnSync(command, argv, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) {
    throw new Error(`${command} ${argv.join(' ')} exited ${r.status}: ${r.stderr.toString().slice(0, 400)}`);
  }
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// Interleave the cases run by run, so that machine noise hits them all alike.
const samples = cases.map(() => []);
for (const [, command, argv] of cases) for (let w = 0; w < 2; w++) time(command, argv);
for (let r = 0; r < runs; r++) {
  cases.forEach(([, command, argv], i) => {
    samples[i].push(time(command, argv));
  });
}

const results = cases.map(([name, , , group], i) => ({
  name: name.trim(),
  group,
  median: median(samples[i]),
  min: Math.min(...samples[i]),
}));
const base = results[0].median;
const kube = kubectl ? results[1].median : undefined;
console.log(`start-up, median of ${runs} runs (after 2 warm-ups), node ${process.version}`);
console.log(`${'case'.padEnd(62)} ${'median'.padStart(9)} ${'min'.padStart(9)}  ×node -e 0  ×kubectl`);
for (const r of results) {
  console.log(
    `${r.name.padEnd(62)} ${`${r.median.toFixed(1)} ms`.padStart(9)} ${`${r.min.toFixed(1)} ms`.padStart(9)}  ${(r.median / base).toFixed(2).padStart(10)}  ${kube ? (r.median / kube).toFixed(2).padStart(8) : '     n/a'}`,
  );
}
// The targets (issue #14): through the npm entry point, list --manifests and check ≤ 1.5×,
// version ≤ 1.3× (and --help, which was never slow, ≤ 1.5×); the single-file executable ≤ 1.3×
// for each.
const targets = [
  ['help', 1.5],
  ['list', 1.5],
  ['check', 1.5],
  ['version', 1.3],
  ...(seaBinary ? ['help', 'list', 'check', 'version'].map((g) => [`${g} (sea)`, 1.3]) : []),
];
for (const [group, target] of targets) {
  const r = results.find((x) => x.group === group);
  const ratio = r.median / base;
  console.log(
    `target ≤ ${target}× node -e 0 for ${group.padEnd(13)} ${ratio.toFixed(2)}× ${ratio <= target ? 'met' : 'NOT met'}  (${r.name})`,
  );
}
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify({ node: process.version, runs, results }, null, 2)}\n`);
