import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { APP, baseEnv, runInProcess, runProcess } from '../helpers/run.js';

/** Inputs that used to crash, hang or fill memory: each now ends with a clear line and exit 1 or 2 (issue #11). */
const dir = mkdtempSync(path.join(tmpdir(), 'ksp-bounds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const BIN = `${APP}bin/run.js`;
const pod = (name: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: kube-system\nspec:\n  containers:\n  - name: c\n    image: registry.k8s.io/pause:3.10\n`;

function kubeconfig(name: string, cluster: Record<string, unknown>): string {
  const file = path.join(dir, name);
  writeFileSync(
    file,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'c', cluster }],
      users: [{ name: 'u', user: {} }],
      contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
      'current-context': 'x',
    }),
  );
  return file;
}

describe('one bad file never aborts the others', () => {
  const manifests = path.join(dir, 'manifests');
  mkdirSync(manifests);
  writeFileSync(path.join(manifests, 'a-good.yaml'), pod('good'));
  writeFileSync(
    path.join(manifests, 'b-null-volume.yaml'),
    `${pod('nulls')}  volumes: [~]\n  tolerations:\n  -\n`,
  );
  writeFileSync(path.join(manifests, 'c-deep.json'), `{"a":${'['.repeat(9000)}${']'.repeat(9000)}}`);
  writeFileSync(
    path.join(manifests, 'd-dups.yaml'),
    `${pod('dups')}  nodeSelector:\n${'    a: b\n'.repeat(150_000)}`,
  );
  writeFileSync(path.join(manifests, 'e-kind-map.yaml'), 'apiVersion: v1\nkind: {a: 1}\n');

  it('check DIR reports every file', async () => {
    const r = await runProcess(['check', manifests, '-o', 'json'], { env: baseEnv() });
    expect(r.code, r.stderr).toBe(1);
    const files = new Set(
      (JSON.parse(r.stdout) as { findings: { file: string }[] }).findings.map((f) => path.basename(f.file)),
    );
    expect([...files].sort()).toEqual([
      'b-null-volume.yaml',
      'c-deep.json',
      'd-dups.yaml',
      'e-kind-map.yaml',
    ]);
    expect(r.stdout).not.toMatch(/internal error|\[object Object\]|"undefined"/);
  });

  it('list --manifests DIR shows every file', async () => {
    const r = await runProcess(['list', '--manifests', manifests, '--node', 'n1'], { env: baseEnv() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n').filter((l) => /^[a-e]-/.test(l))).toHaveLength(5);
    expect(r.stdout).toMatch(/b-null-volume\.yaml .*invalid .*spec\.volumes\[0\]\.name: Required value/);
  });
});

describe('every read is bounded', () => {
  it('check - reads at most the kubelet’s 10 MiB of stdin', async () => {
    // /dev/zero never ends: only the bound ends the read.
    const r = await runProcess(['-c', `exec "${process.execPath}" "${BIN}" check - < /dev/zero`], {
      command: 'sh',
      env: baseEnv(),
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/SP004/);
  });

  it('a kubeconfig that never ends is refused', async () => {
    const r = await runInProcess(['list', '--kubeconfig', '/dev/zero'], { env: baseEnv() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: kubeconfig "\/dev\/zero" is larger than 16 MiB/);
  });

  it('a FIFO nobody writes to as kubeconfig does not hang', async () => {
    const fifo = path.join(dir, 'kubeconfig.fifo');
    execFileSync('mkfifo', [fifo]);
    const r = await runProcess(['list', '--kubeconfig', fifo], { env: baseEnv() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: no current context in kubeconfig/);
  });

  it('a kubeconfig through process substitution (a pipe) is read', async () => {
    const file = kubeconfig('pipe.kubeconfig', { server: 'https://[::1' });
    const r = await runProcess(
      ['-c', `exec "${process.execPath}" "${BIN}" list --kubeconfig <(cat "${file}")`],
      {
        command: 'bash',
        env: baseEnv(),
      },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/has an invalid server URL/);
  });
});

describe('kubeconfig servers', () => {
  it.each([['https://[::1'], ['ftp://example.com'], ['https://']])('%s is a clear error', async (server) => {
    const r = await runInProcess(['list', '--kubeconfig', kubeconfig('bad.kubeconfig', { server })], {
      env: baseEnv(),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `error: cluster "c" has an invalid server URL ${JSON.stringify(server)}: set clusters[].cluster.server to the https:// address of the API server\n`,
    );
  });

  it('insecure-skip-tls-verify is warned about', async () => {
    const file = kubeconfig('insecure.kubeconfig', {
      server: 'https://127.0.0.1:1',
      'insecure-skip-tls-verify': true,
    });
    const r = await runInProcess(['list', '--kubeconfig', file, '--request-timeout=2s'], { env: baseEnv() });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      `warning: insecure-skip-tls-verify is set for cluster "c": the API server's certificate is not verified, so anyone on the path can read and change this traffic`,
    );
  });
});

describe('writes', () => {
  const manifest = path.join(dir, 'exporter.yaml');
  writeFileSync(manifest, pod('exporter'));

  it('--output-dir pointed at a staticPodPath is refused', async () => {
    const staticPodPath = path.join(dir, 'node-manifests');
    mkdirSync(staticPodPath);
    writeFileSync(path.join(staticPodPath, 'exporter.yaml'), pod('exporter'));
    for (const args of [
      ['-f', path.join(staticPodPath, 'exporter.yaml'), '--output-dir', staticPodPath],
      ['-f', manifest, '--output-dir', staticPodPath],
      ['-f', manifest, '--output-dir', path.join(dir, 'other'), '--static-pod-path', path.join(dir, 'other')],
    ]) {
      const r = await runInProcess(['to-daemonset', ...args], { env: baseEnv() });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/is a staticPodPath .*the kubelet would read the DaemonSets written there/);
    }
    expect(readdirSync(staticPodPath)).toEqual(['exporter.yaml']);
  });

  it('temporaries left by an interrupted write are removed, fresh ones of a parallel write kept', async () => {
    const out = path.join(dir, 'out');
    mkdirSync(out);
    const stale = path.join(out, '.kube-system.exporter.yaml.0123456789ab.tmp');
    const fresh = path.join(out, '.kube-system.exporter.yaml.ba9876543210.tmp');
    const foreign = path.join(out, '.kube-system.exporter.yaml.swp');
    for (const f of [stale, fresh, foreign]) writeFileSync(f, 'partial');
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(stale, old, old);
    utimesSync(foreign, old, old);
    const r = await runInProcess(['to-daemonset', '-f', manifest, '--output-dir', out], { env: baseEnv() });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    expect(existsSync(foreign)).toBe(true);
    expect(existsSync(path.join(out, 'kube-system.exporter.yaml'))).toBe(true);
  });
});
