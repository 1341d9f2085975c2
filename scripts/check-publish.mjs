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
