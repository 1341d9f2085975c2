#!/usr/bin/env node
// Checks what each publishable package would put on npm: publint's rules (exports map, types,
// files) and the `npm pack --dry-run` file list (the entry points are there; tests and sources
// are not). Run after a build; part of `npm run lint`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const root = new URL('../', import.meta.url).pathname;
const packages = ['packages/core', 'packages/converter', 'apps/kubectl-staticpods'];
const licence = readFileSync(join(root, 'LICENSE'), 'utf8');
let failed = false;
for (const dir of packages) {
  const pkgDir = join(root, dir);
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const { messages } = await publint({ pkgDir, level: 'warning', strict: true });
  for (const m of messages) {
    console.error(`${pkg.name}: publint ${m.type}: ${formatMessage(m, pkg) ?? m.code}`);
    failed = true;
  }
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: pkgDir,
      encoding: 'utf8',
    }),
  );
  const files = packed.files.map((f) => f.path);
  const mustHave = [pkg.exports?.['.']?.default, pkg.exports?.['.']?.types, ...Object.values(pkg.bin ?? {})]
    .filter(Boolean)
    .map((p) => p.replace(/^\.\//, ''));
  for (const f of mustHave) {
    if (!files.includes(f)) {
      console.error(`${pkg.name}: the package would not contain ${f} (build first?)`);
      failed = true;
    }
  }
  // Apache-2.0: the licence text travels with every package; the bundle's third-party licences too.
  for (const f of ['LICENSE', ...(pkg.bin ? ['bundle/THIRD-PARTY-NOTICES.txt'] : [])]) {
    if (!files.includes(f)) {
      console.error(`${pkg.name}: the package would not contain ${f}`);
      failed = true;
    }
  }
  if (readFileSync(join(pkgDir, 'LICENSE'), 'utf8') !== licence) {
    console.error(`${pkg.name}: LICENSE differs from the repository's LICENSE`);
    failed = true;
  }
  if (pkg.bin) {
    // Every third-party package in the bundle is named in the notices (the notices are not stale).
    const notices = readFileSync(join(pkgDir, 'bundle/THIRD-PARTY-NOTICES.txt'), 'utf8');
    const { packageDirOf } = await import(join(pkgDir, 'scripts/third-party-notices.mjs'));
    for (const metaFile of ['bundle/meta.json', 'bundle/meta-run.json', 'bundle/meta-fast.json']) {
      const meta = JSON.parse(readFileSync(join(pkgDir, metaFile), 'utf8'));
      for (const input of Object.keys(meta.inputs)) {
        const dir = packageDirOf(input, pkgDir);
        if (!dir) continue;
        const dep = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
        if (!notices.includes(`\n${dep.name}@${dep.version} (`)) {
          console.error(
            `${pkg.name}: bundle/THIRD-PARTY-NOTICES.txt does not name ${dep.name}@${dep.version}`,
          );
          failed = true;
        }
      }
    }
  }
  for (const field of ['license', 'repository', 'homepage', 'bugs']) {
    if (!pkg[field]) {
      console.error(`${pkg.name}: package.json has no "${field}"`);
      failed = true;
    }
  }
  const stray = files.filter((f) => /(^|\/)(test|src)\/|\.test\.|\.tsbuildinfo$/.test(f));
  if (stray.length > 0) {
    console.error(`${pkg.name}: the package would contain ${stray.slice(0, 5).join(', ')}`);
    failed = true;
  }
  console.log(
    `${pkg.name}@${pkg.version}: ${files.length} files, ${(packed.size / 1024).toFixed(0)} kB packed`,
  );
}
process.exit(failed ? 1 : 0);
