import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { APP, INSTALLED_PLUGIN_CHECK, REPO, runProcess } from '../helpers/run.js';

/**
 * The release path for linux-x64: scripts/release.mjs builds the archive and the krew manifest
 * (which krew's own validate-krew-manifest accepts, or the script fails); krew itself, built
 * from the same Go module, installs the plugin from that manifest and the local archive
 * (checking the sha256), and the real kubectl runs what krew installed, with no Node.js on PATH.
 */
const out = mkdtempSync(path.join(tmpdir(), 'ksp-release-'));
const manifestFile = path.join(out, 'plugins/staticpods.yaml');
const krewRoot = path.join(out, 'krew');
const { kubectl } = inject('testkube').binaries;
let krew: string;
let archive: string;

beforeAll(() => {
  execFileSync(
    process.execPath,
    [`${APP}scripts/release.mjs`, '--platform', 'linux-x64', '--out', out, '--manifest', manifestFile],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  krew = /^KREW=(.*)$/m.exec(
    execFileSync('bash', [`${APP}scripts/build-krew-validator.sh`], { encoding: 'utf8' }),
  )?.[1] as string;
  archive = path.join(out, readdirSync(out).find((f) => f.endsWith('_linux-x64.tar.gz')) as string);
}, 600_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the krew manifest and the release archive', () => {
  it('one platform entry per archive, with the archive sha256 and the release URI', () => {
    const m = parse(readFileSync(manifestFile, 'utf8'));
    expect(m).toMatchObject({ kind: 'Plugin', metadata: { name: 'staticpods' } });
    expect(m.spec.platforms).toHaveLength(1);
    const [p] = m.spec.platforms;
    expect(p.selector.matchLabels).toEqual({ os: 'linux', arch: 'amd64' });
    expect(p.uri).toMatch(new RegExp(`/releases/download/${m.spec.version}/${path.basename(archive)}$`));
    const sums = readFileSync(path.join(out, 'SHA256SUMS'), 'utf8');
    expect(sums).toBe(`${p.sha256}  ${path.basename(archive)}\n`);
  });

  it("krew's validator refuses a broken manifest (the check is real)", () => {
    const broken = path.join(out, 'plugins/other-name.yaml');
    execFileSync('cp', [manifestFile, broken]);
    const validator = path.join(path.dirname(krew), 'validate-krew-manifest');
    const r = spawnSync(validator, ['-manifest', broken, '-skip-install'], { encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(`${r.stdout}${r.stderr}`).toMatch(/plugin should be named "other-name", not "staticpods"/);
  });

  it('krew installs it from the manifest and the archive, and kubectl runs it without Node.js', async () => {
    const env = { KREW_ROOT: krewRoot, PATH: '/usr/bin:/bin', HOME: out };
    const install = spawnSync(krew, ['install', `--manifest=${manifestFile}`, `--archive=${archive}`], {
      env,
      encoding: 'utf8',
    });
    expect(install.status, `${install.stdout}${install.stderr}`).toBe(0);
    const bin = path.join(krewRoot, 'bin');
    expect(existsSync(path.join(bin, 'kubectl-staticpods'))).toBe(true);
    const store = path.join(krewRoot, 'store/staticpods');
    const [version] = readdirSync(store);
    expect(readdirSync(path.join(store, version as string)).sort()).toEqual([
      'LICENSE',
      'THIRD-PARTY-NOTICES.txt',
      'kubectl-staticpods',
    ]);
    const r = await runProcess([...INSTALLED_PLUGIN_CHECK.argv], {
      command: kubectl,
      env: { PATH: bin, HOME: '/nonexistent-home' },
      cwd: REPO,
    });
    expect(r).toEqual(INSTALLED_PLUGIN_CHECK.result);
  });
});
