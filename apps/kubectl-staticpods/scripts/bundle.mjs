// Bundles the CLI with esbuild (toolchain.md §3): bundle/run.cjs (the entry bin/run.js requires:
// help, then the fast path, then oclif), bundle/fast.cjs (the fast path's commands, with a V8
// code cache), and the ES module bundle for oclif: bundle/oclif.js and bundle/commands.js (the
// COMMANDS of oclif's explicit strategy), code split so that oclif, @kubernetes/client-node and
// the converter load only when a command needs them. The help texts oclif renders are captured
// here and inlined, so `--help` needs no oclif at all.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { converterCodeExternal, FAST_EXTERNALS, lazyYaml } from './fast-bundle.mjs';
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
// The commands the fast path may run: those declared with a fastPath (src/registry.ts).
const { COMMAND_SPECS } = await import(`${root}dist/registry.js`);
const fastIds = COMMAND_SPECS.filter((c) => c.fastPath).map((c) => c.id);
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
    oclif: `${root}dist/oclif-entry.js`,
    commands: `${root}dist/commands.js`,
    complete: `${root}dist/complete-run.js`,
  },
  outdir: `${root}bundle`,
  absWorkingDir: root,
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
    __KSP_MANIFEST__: JSON.stringify(manifest),
  },
  banner: {
    js: "import {createRequire as __ksp_cr} from 'node:module';const require=__ksp_cr(import.meta.url);",
  },
});
writeFileSync(`${root}bundle/meta.json`, JSON.stringify(result.metafile));

// The entry: one small CommonJS file (Node loads it without its ES module loader), with the help
// texts inlined. It hands anything else to bundle/fast.cjs or bundle/oclif.js.
const entryResult = await esbuild.build({
  entryPoints: [`${root}dist/bundle-entry.js`],
  outfile: `${root}bundle/run.cjs`,
  absWorkingDir: root,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
  define: {
    __KSP_HELP__: JSON.stringify({ width: WIDTH, widthIndependent, texts }),
    __KSP_FAST__: JSON.stringify(fastIds),
    'import.meta.url': '__ksp_url',
  },
  banner: { js: 'var __ksp_url=require("node:url").pathToFileURL(__filename).href;' },
});
writeFileSync(`${root}bundle/meta-run.json`, JSON.stringify(entryResult.metafile));
// The same help texts for the single-file executable (scripts/sea.mjs).
writeFileSync(`${root}bundle/help.json`, JSON.stringify({ width: WIDTH, widthIndependent, texts }));

// The fast path's node-local commands as one CommonJS file, for node:vm and its code cache.
// Cluster code is left out: the fast path never talks to a cluster.
const fastResult = await esbuild.build({
  entryPoints: [`${root}dist/fast/fast-main.js`],
  outfile: `${root}bundle/fast.cjs`,
  absWorkingDir: root,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  // No keepNames: naming every function costs start-up time, and nothing here reads a
  // function's name (errors name themselves).
  keepNames: false,
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
  define: { 'import.meta.url': '__ksp_url' },
  external: FAST_EXTERNALS,
  plugins: [converterCodeExternal, lazyYaml],
});
writeFileSync(`${root}bundle/meta-fast.json`, JSON.stringify(fastResult.metafile));
// The licence texts of every third-party package that went into either build.
writeFileSync(
  `${root}bundle/THIRD-PARTY-NOTICES.txt`,
  renderNotices(
    'kubectl-staticpods',
    bundledPackages([result.metafile, entryResult.metafile, fastResult.metafile], root),
  ),
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
const entry = Object.values(entryResult.metafile.outputs).find((o) => o.entryPoint)?.bytes ?? 0;
const fast = Object.values(fastResult.metafile.outputs).find((o) => o.entryPoint)?.bytes ?? 0;
console.log(
  `bundle: run.cjs ${(entry / 1024).toFixed(0)} KiB, fast.cjs ${(fast / 1024).toFixed(0)} KiB, oclif ${sizes.length} files ${(total / 1024).toFixed(0)} KiB; help texts for ${keys.length} commands (${widthIndependent.length} width-independent)`,
);
