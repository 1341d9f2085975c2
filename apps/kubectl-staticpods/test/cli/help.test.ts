import { describe, expect, it } from 'vitest';
import { baseEnv, runInProcess, runProcess } from '../helpers/run.js';

const COMMANDS = ['list', 'check', 'to-daemonset', 'migrate', 'export', 'version'];
/** oclif wraps help at the terminal width: 80 columns for a pipe (vitest's workers, the spawned processes). */
const env = baseEnv({ OCLIF_COLUMNS: '80' });

describe('help', () => {
  it('the root help reads "kubectl staticpods" and lists every command (golden)', async () => {
    const r = await runInProcess(['--help'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('$ kubectl staticpods [COMMAND]');
    for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^ {2}${c} `, 'm'));
    await expect(r.stdout).toMatchFileSnapshot('../golden/help-root.txt');
  });

  it.each(COMMANDS)('%s --help (golden): usage and examples read "kubectl staticpods"', async (command) => {
    const r = await runInProcess([command, '--help'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`$ kubectl staticpods ${command}`);
    expect(r.stdout).not.toMatch(/kubectl-staticpods (list|check|to-daemonset|migrate|export|version)/);
    await expect(r.stdout).toMatchFileSnapshot(`../golden/help-${command}.txt`);
  });

  it('-h works like --help, and so does no argument at all', async () => {
    const [h, none, help] = await Promise.all([
      runProcess(['-h'], { env }),
      runProcess([], { env }),
      runProcess(['--help'], { env }),
    ]);
    expect(h.stdout).toBe(help.stdout);
    expect(none.stdout).toBe(help.stdout);
  });

  it('the kubectl connection flags are documented under KUBECTL FLAGS', async () => {
    const r = await runInProcess(['list', '--help'], { env });
    const section = r.stdout.slice(r.stdout.indexOf('KUBECTL FLAGS'));
    for (const flag of ['--kubeconfig', '--context', '--cluster', '--user', '--request-timeout'])
      expect(section).toContain(flag);
    expect(r.stdout).toMatch(/-n, --namespace=<namespace>/);
    expect(r.stdout).toMatch(/-A, --all-namespaces/);
    expect(r.stdout).toMatch(/-l, --selector=<selector>/);
    expect(r.stdout).toMatch(/-o, --output=<format>/);
  });
});
