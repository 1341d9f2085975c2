#!/usr/bin/env node
// The release: single-file executables for every platform that has a Node 20 binary in the npm
// registry, one archive per platform (the executable, LICENSE, the third-party notices with
// Node's own licence, a README), their sha256 sums, and the krew plugin manifest
// plugins/staticpods.yaml that points at the archives of the GitHub release `v<version>`.
// Then krew's own validator checks the manifest (built from Go modules by
// scripts/build-krew-validator.sh, cached by version).
//
//   npm run build && node apps/kubectl-staticpods/scripts/release.mjs [--out DIR] [--platform P …] [--manifest FILE]
//
// Writes DIR (default apps/kubectl-staticpods/release/) and the krew manifest (default: the
// repository's plugins/staticpods.yaml, which is generated here and not kept in git: its URIs
// point at a GitHub release that exists only once the release is published).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildExecutable, NODE_VERSION, nodeBinary, PLATFORMS, seaScript } from './sea.mjs';
import { bundledPackages, renderNotices } from './third-party-notices.mjs';

const app = fileURLToPath(new URL('..', import.meta.url));
const repo = path.resolve(app, '../..');
const pkg = JSON.parse(readFileSync(path.join(app, 'package.json'), 'utf8'));
const REPOSITORY = 'https://github.com/kubectl-staticpods/kubectl-staticpods';

/** krew's os/arch labels (Go's GOOS/GOARCH) for our platform names. */
const KREW = {
  'linux-x64': { os: 'linux', arch: 'amd64' },
  'linux-arm64': { os: 'linux', arch: 'arm64' },
  'darwin-x64': { os: 'darwin', arch: 'amd64' },
  'win-x64': { os: 'windows', arch: 'amd64' },
};

export const archiveName = (version, platform) => `kubectl-staticpods_v${version}_${platform}.tar.gz`;

/** A reproducible tar.gz of the files of dir (sorted, owner 0, mtime 0, no gzip timestamp). */
function tarGz(dir, files, out) {
  const tar = execFileSync(
    'tar',
    [
      '--sort=name',
      '--owner=0',
      '--group=0',
      '--numeric-owner',
      '--mtime=@0',
      '-C',
      dir,
      '-cf',
      '-',
      ...files,
    ],
    { maxBuffer: 1 << 30 },
  );
  writeFileSync(out, execFileSync('gzip', ['-n', '-9'], { input: tar, maxBuffer: 1 << 30 }));
}

const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The krew manifest for these archives. */
export function krewManifest(version, archives) {
  const lines = [
    'apiVersion: krew.googlecontainertools.github.com/v1alpha2',
    'kind: Plugin',
    'metadata:',
    '  name: staticpods',
    'spec:',
    `  version: v${version}`,
    `  homepage: ${REPOSITORY}`,
    '  shortDescription: List, check and convert static Pods',
    '  description: |',
    '    Makes Kubernetes static Pods visible, checkable and migratable: lists mirror Pods',
    "    and a node's staticPodPath exactly as the kubelet reads it (with drift between",
    '    files and mirror Pods), checks manifests against the rules the kubelet and API',
    '    server enforce, and converts static Pods into DaemonSets with a cut-over plan.',
    '  platforms:',
  ];
  for (const { platform, file, sum } of archives) {
    const { os, arch } = KREW[platform];
    const exe = os === 'windows' ? 'kubectl-staticpods.exe' : 'kubectl-staticpods';
    lines.push(
      '  - selector:',
      '      matchLabels:',
      `        os: ${os}`,
      `        arch: ${arch}`,
      `    uri: ${REPOSITORY}/releases/download/v${version}/${file}`,
      `    sha256: "${sum}"`,
      '    files:',
      `    - from: ${exe}`,
      '      to: .',
      '    - from: LICENSE',
      '      to: .',
      '    - from: THIRD-PARTY-NOTICES.txt',
      '      to: .',
      `    bin: ${exe}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Paths of krew's validator and of krew itself (built or taken from the cache). */
export function krewTools() {
  const out = execFileSync('bash', [path.join(app, 'scripts/build-krew-validator.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const get = (key) => {
    const v = new RegExp(`^${key}=(.*)$`, 'm').exec(out)?.[1];
    if (!v) throw new Error(`scripts/build-krew-validator.sh printed no ${key}`);
    return v;
  };
  return { validator: get('VALIDATE_KREW_MANIFEST'), krew: get('KREW') };
}

/** krew's validate-krew-manifest on a manifest file (structure, selectors, overlaps); throws with its output when it refuses. */
export function validateKrewManifest(manifest) {
  const r = spawnSync(krewTools().validator, ['-manifest', manifest, '-skip-install'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`validate-krew-manifest refused ${manifest}:\n${r.stdout}${r.stderr}`);
  return `${r.stdout}${r.stderr}`;
}

const README = (version) => `kubectl-staticpods v${version}: a kubectl plugin for Kubernetes static Pods.

Put kubectl-staticpods (kubectl-staticpods.exe on Windows) on your PATH; kubectl then runs it
as \`kubectl staticpods\`. It needs no Node.js. For shell completion (kubectl 1.26 and newer),
make the same file reachable as kubectl_complete-staticpods, e.g.

    ln -s "$(command -v kubectl-staticpods)" "$(dirname "$(command -v kubectl-staticpods)")/kubectl_complete-staticpods"

Documentation: ${REPOSITORY}#readme
`;

/**
 * Builds the executables, archives, SHA256SUMS and the krew manifest; returns the manifest's path.
 * `manifest` defaults to the repository's plugins/staticpods.yaml.
 */
export async function release({
  out,
  platforms = PLATFORMS,
  manifest = path.join(repo, 'plugins/staticpods.yaml'),
}) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const build = path.join(out, 'build');
  mkdirSync(build);
  const scripts = await seaScript(build);
  const meta = JSON.parse(readFileSync(path.join(build, 'meta-sea.json'), 'utf8'));
  const archives = [];
  for (const platform of platforms) {
    const exe = buildExecutable(scripts, platform, build);
    const stage = path.join(build, `stage-${platform}`);
    mkdirSync(stage);
    copyFileSync(exe, path.join(stage, path.basename(exe)));
    execFileSync('chmod', ['755', path.join(stage, path.basename(exe))]);
    copyFileSync(path.join(repo, 'LICENSE'), path.join(stage, 'LICENSE'));
    // The executable is Node.js itself plus the bundle: Node's licence (which covers what Node
    // bundles) first, then every package of the bundle.
    const notices = [
      `kubectl-staticpods v${pkg.version} for ${platform} is a Node.js single executable application:`,
      `the Node.js ${NODE_VERSION} binary of the npm package node-${platform}, with the plugin's bundle injected.`,
      '',
      '-'.repeat(80),
      `Node.js ${NODE_VERSION}, LICENSE (from the npm package ${nodeBinary(platform).licenseFrom}):`,
      '',
      readFileSync(nodeBinary(platform).license, 'utf8').trimEnd(),
      '',
      renderNotices('The bundle', bundledPackages([meta], app)),
    ].join('\n');
    writeFileSync(path.join(stage, 'THIRD-PARTY-NOTICES.txt'), notices);
    writeFileSync(path.join(stage, 'README.txt'), README(pkg.version));
    const file = archiveName(pkg.version, platform);
    tarGz(
      stage,
      [path.basename(exe), 'LICENSE', 'THIRD-PARTY-NOTICES.txt', 'README.txt'],
      path.join(out, file),
    );
    archives.push({ platform, file, sum: sha256(path.join(out, file)) });
  }
  writeFileSync(path.join(out, 'SHA256SUMS'), archives.map((a) => `${a.sum}  ${a.file}\n`).join(''));
  rmSync(build, { recursive: true, force: true });
  mkdirSync(path.dirname(manifest), { recursive: true });
  writeFileSync(manifest, krewManifest(pkg.version, archives));
  validateKrewManifest(manifest);
  return { manifest, archives };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const chosen = args.flatMap((a, i) => (args[i - 1] === '--platform' ? [a] : []));
  const out = path.resolve(opt('--out') ?? path.join(app, 'release'));
  const { manifest, archives } = await release({
    out,
    ...(chosen.length > 0 && { platforms: chosen }),
    ...(opt('--manifest') && { manifest: path.resolve(opt('--manifest')) }),
  });
  for (const a of archives) console.log(`${path.join(out, a.file)} ${a.sum}`);
  console.log(`${manifest}: validated by krew's validate-krew-manifest`);
}
