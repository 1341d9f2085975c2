// Third-party notices for what the bundle ships, generated from what went into it: every input
// of esbuild's metafiles that lies in a node_modules package is traced to that package, and the
// package's own licence texts (LICENSE, LICENCE, COPYING, NOTICE files) are copied verbatim.
// A package that ships no licence file is listed with the licence its package.json declares
// and its author, and said so. Used by scripts/bundle.mjs and scripts/release.mjs.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** The node_modules package directory an esbuild input path lies in, or undefined for our own code. */
export function packageDirOf(input, cwd) {
  const marker = 'node_modules/';
  const i = input.lastIndexOf(marker);
  if (i < 0) return undefined;
  const rest = input.slice(i + marker.length).split('/');
  const name = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  return path.resolve(cwd, input.slice(0, i + marker.length), name);
}

const LICENCE_FILE = /^(licen[cs]e|copying|notice)([.-].*)?$/i;

/** { name, version, license, author, texts: [{file, text}] } for every package the metafiles name. */
export function bundledPackages(metafiles, cwd) {
  const dirs = new Set();
  for (const meta of metafiles)
    for (const input of Object.keys(meta.inputs)) {
      const dir = packageDirOf(input, cwd);
      if (dir) dirs.add(dir);
    }
  const packages = [];
  for (const dir of dirs) {
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const texts = readdirSync(dir)
      .filter((f) => LICENCE_FILE.test(f) && statSync(path.join(dir, f)).isFile())
      .sort()
      .map((file) => ({ file, text: readFileSync(path.join(dir, file), 'utf8').trimEnd() }));
    const license = typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? 'UNKNOWN');
    const author = typeof pkg.author === 'string' ? pkg.author : pkg.author?.name;
    packages.push({ name: pkg.name, version: pkg.version, license, author, texts });
  }
  return packages.sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : 1,
  );
}

/** The notices text: a summary table, then each package's licence texts. */
export function renderNotices(productName, packages) {
  const out = [
    `${productName} bundles the following third-party packages. Their licence texts follow, as`,
    'each package ships them.',
    '',
    ...packages.map((p) => `  ${`${p.name}@${p.version}`.padEnd(48)} ${p.license}`),
    '',
  ];
  for (const p of packages) {
    out.push('-'.repeat(80), `${p.name}@${p.version} (${p.license})`, '');
    if (p.texts.length === 0) {
      out.push(
        `The package ships no licence file. Its package.json declares the licence ${p.license}${p.author ? ` and the author ${p.author}` : ''}.`,
        '',
      );
    }
    for (const t of p.texts) out.push(`${t.file}:`, '', t.text, '');
  }
  return `${out.join('\n')}\n`;
}

/** Reads the metafiles from disk (paths) and renders; missing files are an error. */
export function noticesFromMetafiles(productName, metafilePaths, cwd) {
  const metas = metafilePaths.map((p) => {
    if (!existsSync(p)) throw new Error(`no metafile ${p}: build the bundle first`);
    return JSON.parse(readFileSync(p, 'utf8'));
  });
  return renderNotices(productName, bundledPackages(metas, cwd));
}
