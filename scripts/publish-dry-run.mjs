#!/usr/bin/env node
// What a release would publish, rehearsed without publishing: copies the repository (built
// packages included, node_modules linked) into a scratch git repository, applies the pending
// changesets there (`changeset version`: versions, internal ranges, CHANGELOGs), then runs
// `changeset publish`, which asks the npm registry which versions exist and calls
// `npm publish` for each public package, with npm's dry-run forced on twice (the environment
// and the scratch copy's .npmrc), so npm packs and checks each package and uploads nothing.
// The working tree is never touched. Part of CI (.ci/run); needs a build first.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const PUBLISHED = ['packages/core', 'packages/converter', 'apps/kubectl-staticpods'];
const scratch = mkdtempSync(path.join(tmpdir(), 'ksp-publish-'));
const skip = new Set(['node_modules', '.turbo', '.test-results', '.git']);
let failed = false;
try {
  for (const f of [
    'package.json',
    'package-lock.json',
    '.changeset',
    'LICENSE',
    'README.md',
    'packages',
    'apps',
  ])
    cpSync(path.join(root, f), path.join(scratch, f), {
      recursive: true,
      filter: (src) => !skip.has(path.basename(src)),
    });
  writeFileSync(
    path.join(scratch, '.npmrc'),
    `${readFileSync(path.join(root, '.npmrc'), 'utf8').trimEnd()}\ndry-run=true\n`,
  );
  symlinkSync(path.join(root, 'node_modules'), path.join(scratch, 'node_modules'));
  const git = (...args) => execFileSync('git', args, { cwd: scratch, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('-c', 'user.name=release', '-c', 'user.email=release@localhost', 'commit', '-qm', 'snapshot');

  const env = { ...process.env, npm_config_dry_run: 'true', CI: 'true', FORCE_COLOR: '0', NO_COLOR: '1' };
  // The guard itself: npm, as changesets will run it there, must see dry-run on.
  const dryRun = execFileSync('npm', ['config', 'get', 'dry-run'], {
    cwd: scratch,
    env,
    encoding: 'utf8',
  }).trim();
  if (dryRun !== 'true')
    throw new Error(`npm would not dry-run (dry-run=${dryRun}); refusing to call changeset publish`);
  const changeset = (...args) =>
    spawnSync(process.execPath, [path.join(root, 'node_modules/@changesets/cli/bin.js'), ...args], {
      cwd: scratch,
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const version = changeset('version');
  if (version.status !== 0) throw new Error(`changeset version failed:\n${version.stdout}${version.stderr}`);
  const versions = PUBLISHED.map((dir) => {
    const pkg = JSON.parse(readFileSync(path.join(scratch, dir, 'package.json'), 'utf8'));
    return { dir, name: pkg.name, version: pkg.version };
  });
  const publish = changeset('publish', '--no-git-tag');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips terminal colours
  const log = `${publish.stdout}${publish.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
  for (const { name, version: v } of versions) {
    // changesets prints `Publishing "<name>" at "<version>"`, then one line per published package.
    const tried = log.includes(`Publishing "${name}" at "${v}"`);
    const ok = log.split('\n').some((line) => line.trim().endsWith(` ${name}@${v}`));
    console.log(`${name}@${v}: ${tried && ok ? 'npm publish --dry-run passed' : 'FAILED'}`);
    if (!(tried && ok)) failed = true;
  }
  if (publish.status !== 0 || failed) {
    failed = true;
    console.error(log);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
