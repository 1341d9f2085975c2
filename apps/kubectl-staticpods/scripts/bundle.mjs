// Bundles the CLI with esbuild (toolchain.md §3): bundle/run.js (fast path, then oclif) and
// bundle/commands.js (the COMMANDS of oclif's explicit strategy), code split so that oclif,
// @kubernetes/client-node and the converter load only when a command needs them. The help
// texts oclif renders are captured here and inlined, so `--help` needs no oclif at all.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { bundledPackages, renderNotices } from './third-party-notices.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const WIDTH = 80;

function renderHelp(args, columns) {
  return execFileSync(process.execPath, [`${root}dist/run.js`, ...args], {
    env: { ...process.env, OCLIF_COLUMNS: String(columns), NODE_ENV: 'production' },
    encoding: 'utf8',
  });
}

const manifest = JSON.parse(
  await import('node:fs').then((fs) => fs.readFileSync(`${root}oclif.manifest.json`, 'utf8')),
);
const keys = ['', ...Object.keys(manifest.commands)];
const texts = {};
const widthIndependent = [];
for (const key of keys) {
  const args = key === '' ? ['--help'] : [key, '--help'];
  texts[key] = renderHelp(args, WIDTH);
  if (renderHelp(args, 400) === texts[key]) widthIndependent.push(key);
}

rmSync(`${root}bundle`, { recursive: true, force: true });
const result = await esbuild.build({
  entryPoints: {
    run: `${root}dist/bundle-entry.js`,
    oclif: `${root}dist/oclif-entry.js`,
    commands: `${root}dist/commands.js`,
    complete: `${root}dist/complete-run.js`,
  },
  outdir: `${root}bundle`,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  keepNames: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
  define: {
    __KSP_HELP__: JSON.stringify({ width: WIDTH, widthIndependent, texts }),
    __KSP_MANIFEST__: JSON.stringify(manifest),
  },
  banner: {
    js: "import {createRequire as __ksp_cr} from 'node:module';const require=__ksp_cr(import.meta.url);",
  },
});
writeFileSync(`${root}bundle/meta.json`, JSON.stringify(result.metafile));

// The fast path's node-local commands as one CommonJS file, for node:vm and its code cache.
// Cluster code is left out: the fast path never talks to a cluster.
const fastResult = await esbuild.build({
  entryPoints: [`${root}dist/fast/fast-main.js`],
  outfile: `${root}bundle/fast.cjs`,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  keepNames: true,
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
  define: { 'import.meta.url': '__ksp_url' },
  external: ['@oclif/core', '@kubernetes/client-node', '../kube/*', '@staticpods/converter'],
});
writeFileSync(`${root}bundle/meta-fast.json`, JSON.stringify(fastResult.metafile));
// The licence texts of every third-party package that went into either build.
writeFileSync(
  `${root}bundle/THIRD-PARTY-NOTICES.txt`,
  renderNotices('kubectl-staticpods', bundledPackages([result.metafile, fastResult.metafile], root)),
);
// The code cache: V8 bytecode for every function a typical run compiles (made by running
// list --manifests and check on the examples). A Node with another V8 rejects it and compiles
// from source; the output is the same either way.
execFileSync(
  process.execPath,
  [`${root}scripts/make-code-cache.cjs`, `${root}bundle/fast.cjs`, `${root}../../examples/manifests`],
  {
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
const sizes = Object.entries(result.metafile.outputs)
  .filter(([f]) => f.endsWith('.js'))
  .map(([f, o]) => [f.replace(/^.*bundle\//, ''), o.bytes]);
const total = sizes.reduce((s, [, b]) => s + b, 0);
const entry = sizes.find(([f]) => f === 'run.js')?.[1] ?? 0;
console.log(
  `bundle: ${sizes.length} files, ${(total / 1024).toFixed(0)} KiB; run.js ${(entry / 1024).toFixed(0)} KiB; help texts for ${keys.length} commands (${widthIndependent.length} width-independent)`,
);
