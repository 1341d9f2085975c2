import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NodeAction } from '@staticpods/converter';
import { describe, expect, it } from 'vitest';
import { commonDirectory, execAccess, NodeAccessError } from '../../src/migrate/node-access.js';
import { stepTimeout } from '../../src/migrate/run-migrate.js';
import { Interrupted } from '../../src/migrate/waits.js';

const paths = {
  manifestPath: '/etc/kubernetes/manifests/agent.yaml',
  backupPath: '/etc/kubernetes/manifests-backup/agent.yaml',
};
const move: NodeAction = { kind: 'move-manifest', node: 'node-1', ...paths };
const ctx = (timeoutSeconds = 10, signal = new AbortController().signal) => ({
  signal,
  timeoutSeconds,
  emit: () => {},
});

/**
 * Nodes are directories here: the template rewrites the script's path variables (m, b, d, t) to the
 * node's directory, as `ssh {node} sudo sh -s` would run it on the node itself.
 */
const onNode = (root: string) => `sed -E 's|^([mbdt])=/|\\1=${root}/{node}/|' | sh -s`;

/** A directory per node standing for its root filesystem, with the manifest in place. */
function nodes(): string {
  const root = mkdtempSync(join(tmpdir(), 'node-exec-'));
  mkdirSync(`${root}/node-1/etc/kubernetes/manifests`, { recursive: true });
  writeFileSync(`${root}/node-1${paths.manifestPath}`, 'kind: Pod\n');
  return root;
}

describe('--node-exec', () => {
  it('pipes the script to the template, run with sh, with {node} shell-quoted', async () => {
    const root = nodes();
    // Like `ssh {node} sudo sh -s`, with the node's root being a directory here.
    const access = execAccess(onNode(root));
    await expect(access.run(move, ctx())).resolves.toBe(`moved ${paths.manifestPath} to ${paths.backupPath}`);
    expect(readdirSync(`${root}/node-1/etc/kubernetes/manifests`)).toEqual([]);
    expect(existsSync(`${root}/node-1${paths.backupPath}`)).toBe(true);
    expect(access.describe(move)[0]).toBe(`${onNode(root).replace('{node}', 'node-1')} <<'EOF'`);
  });

  it('replaces {path}, {backup}, {action} and {script}', async () => {
    const access = execAccess('echo {action} {node} {path} {backup}; sh -c {script} >/dev/null 2>&1; true');
    expect(access.describe(move)[0]).toMatch(
      /^echo move node-1 \/etc\/kubernetes\/manifests\/agent.yaml \/etc\/kubernetes\/manifests-backup\/agent.yaml; sh -c 'set -eu\n/,
    );
    await expect(access.run(move, ctx())).resolves.toBe(
      'move node-1 /etc/kubernetes/manifests/agent.yaml /etc/kubernetes/manifests-backup/agent.yaml',
    );
  });

  it('refuses an unknown placeholder', () => {
    expect(() => execAccess('ssh {host} sh -s')).toThrow('--node-exec: unknown placeholder {host}');
  });

  it('reports a refusal of the script with its own words, as certain', async () => {
    const root = mkdtempSync(join(tmpdir(), 'node-exec-'));
    const error = await execAccess(onNode(root))
      .run(move, ctx())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeAccessError);
    expect((error as NodeAccessError).message).toBe(
      `refusing to move ${paths.manifestPath}: neither it nor the backup ${paths.backupPath} exists (wrong file name or staticPodPath?)`,
    );
    expect((error as NodeAccessError).uncertain).toBe(false);
  });

  it('treats ssh failing to connect (255) as certain, other failures as uncertain', async () => {
    const e255 = (await execAccess(
      'echo "ssh: connect to host node-1 port 22: Connection refused" >&2; exit 255',
    )
      .run(move, ctx())
      .catch((e: unknown) => e)) as NodeAccessError;
    expect(e255.message).toBe(
      '--node-exec failed (exit status 255): ssh: connect to host node-1 port 22: Connection refused',
    );
    expect(e255.uncertain).toBe(false);
    const e1 = (await execAccess('exit 1')
      .run(move, ctx())
      .catch((e: unknown) => e)) as NodeAccessError;
    expect(e1.uncertain).toBe(true);
  });

  it('stops a command that outlives the timeout, and its children', async () => {
    const root = mkdtempSync(join(tmpdir(), 'node-exec-'));
    const error = (await execAccess(`(sleep 2; touch ${root}/late) & sleep 30`)
      .run(move, ctx(1))
      .catch((e: unknown) => e)) as NodeAccessError;
    expect(error.message).toBe('--node-exec did not finish within 1s and was stopped');
    expect(error.uncertain).toBe(true);
    // The background child was in the same process group and was stopped too.
    await new Promise((r) => setTimeout(r, 2500));
    expect(existsSync(`${root}/late`)).toBe(false);
  });

  it('stops on Ctrl-C', async () => {
    const ac = new AbortController();
    const running = execAccess('sleep 30').run(move, ctx(60, ac.signal));
    setTimeout(() => ac.abort(), 200);
    await expect(running).rejects.toBeInstanceOf(Interrupted);
  });
});

describe('the node-access Pod mount', () => {
  it.each([
    ['/etc/kubernetes/manifests/a.yaml', '/etc/kubernetes/manifests-backup/a.yaml', '/etc/kubernetes'],
    ['/etc/kubernetes/manifests/a.yaml', '/var/backup/a.yaml', '/'],
    ['/var/lib/k0s/manifests/a.yaml', '/var/lib/k0s/backup/a.yaml', '/var/lib/k0s'],
  ])('%s and %s share %s', (a, b, dir) => expect(commonDirectory(a, b)).toBe(dir));
});

describe('--timeout', () => {
  it.each([
    ['90s', 90],
    ['5m', 300],
    ['1', 1],
  ])('%s is %i s', (v, s) => expect(stepTimeout(v)).toBe(s));
  it('names the flag when refusing', () =>
    expect(() => stepTimeout('soon')).toThrow('invalid --timeout "soon"'));
});
