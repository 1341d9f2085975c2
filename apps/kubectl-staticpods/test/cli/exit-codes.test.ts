import { describe, expect, it } from 'vitest';
import { APP, REPO, runInProcess, runProcess } from '../helpers/run.js';

/**
 * The exit-code contract of docs/cli.md, one test per row:
 * 0 ran, no error findings · 1 error findings · 2 could not run.
 */
describe('exit codes', () => {
  const opts = { cwd: REPO };

  it('0: ran, no error findings (warnings and infos do not count)', async () => {
    expect((await runInProcess(['check', 'examples/manifests/etcd.yaml'], opts)).code).toBe(0);
    expect(
      (await runInProcess(['list', '--manifests', 'examples/manifests', '--node', 'n'], opts)).code,
    ).toBe(0);
    expect((await runInProcess(['version'], opts)).code).toBe(0);
    expect((await runInProcess(['--help'], opts)).code).toBe(0);
  });

  it('1: check found errors', async () => {
    expect((await runInProcess(['check', 'examples/manifests'], opts)).code).toBe(1);
  });

  it('1: check --fail-on warning found warnings', async () => {
    expect(
      (await runInProcess(['check', `${APP}test/fixtures/check/warnings-only`, '--fail-on', 'warning'], opts))
        .code,
    ).toBe(1);
  });

  it('1: to-daemonset refused a conversion', async () => {
    const r = await runInProcess(['to-daemonset', '-f', 'examples/manifests/etcd.yaml'], opts);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
  });

  it.each([
    [
      'an unknown flag',
      ['list', '--zzzzzzzz'],
      /^error: unknown flag: --zzzzzzzz: see "kubectl staticpods list --help"\n/,
    ],
    [
      'a mistyped flag, with a suggestion',
      ['list', '--manfests', 'x'],
      /^error: unknown flag: --manfests \(did you mean --manifests\?\): see "kubectl staticpods list --help"\n/,
    ],
    [
      'a bad flag value',
      ['check', 'x', '--fail-on', 'info'],
      /^error: Expected --fail-on=info to be one of: error, warning: see "kubectl staticpods check --help"\n/,
    ],
    [
      'an output format the command does not print',
      ['check', 'x', '-o', 'wide'],
      /^error: unable to match a printer suitable for the output format "wide": allowed formats are: text, json, yaml, sarif, junit\n/,
    ],
    [
      'a flag without its value',
      ['list', '--manifests'],
      /^error: Flag --manifests expects a value: see "kubectl staticpods list --help"\n/,
    ],
    [
      'an unknown command',
      ['nope'],
      /^error: unknown command "nope" for "kubectl staticpods": run "kubectl staticpods --help" for the commands\n$/,
    ],
    [
      'a mistyped command, with a suggestion',
      ['chekc', 'examples/manifests'],
      /^error: unknown command "chekc" for "kubectl staticpods": did you mean "kubectl staticpods check"\? run "kubectl staticpods --help" for the commands\n$/,
    ],
    [
      'a bad -o for list',
      ['list', '--manifests', 'examples/manifests', '-o', 'xml'],
      /^error: unable to match a printer suitable for the output format "xml"/,
    ],
    [
      'a bad jsonpath',
      ['list', '--manifests', 'examples/manifests', '-o', 'jsonpath={.items['],
      /^error: error parsing jsonpath \{\.items\[:/,
    ],
    [
      'an input that does not exist',
      ['check', '/nonexistent'],
      /^error: \/nonexistent: no such file or directory: check the path\n$/,
    ],
    ['no input', ['check'], /^error: check needs a file, a directory or - \(stdin\)/],
    [
      'an unsupported Kubernetes version',
      ['check', 'examples/manifests', '--kubernetes-version', '1.12'],
      /^error: unsupported Kubernetes version "1.12": give a version from 1.29 to 1.37, such as "1.33"\n$/,
    ],
    ['no kubeconfig', ['list'], /^error: no kubeconfig: pass --kubeconfig or set KUBECONFIG\n/],
    [
      '--drift without --manifests',
      ['list', '--drift'],
      /^error: --drift compares files with mirror Pods and needs --manifests PATH/,
    ],
    [
      '--watch with --manifests',
      ['list', '-w', '--manifests', 'examples/manifests'],
      /^error: --watch follows mirror Pods in the cluster and cannot be combined with --manifests/,
    ],
    [
      '--watch with --group',
      ['list', '--watch', '--group'],
      /^error: --watch cannot be combined with --group/,
    ],
    [
      'a --chunk-size that is not a number',
      ['list', '--chunk-size', '-5'],
      /^error: invalid argument "-5" for "--chunk-size" flag: not a whole number/,
    ],
  ])('2: could not run: %s', async (_, argv, stderr) => {
    const r = await runInProcess(argv, opts);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(stderr);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('2: an internal error says "please report", with the stack only under --verbose', async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'write')");
    const r = await runInProcess(['list', '--manifests', 'examples/manifests', '--node', 'n'], {
      ...opts,
      stdoutThrows: bug,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "error: internal error: Cannot read properties of undefined (reading 'write'): this is a bug in kubectl-staticpods; please report it at https://github.com/kubectl-staticpods/kubectl-staticpods/issues (add --verbose for the stack trace)\n",
    );
    const verbose = await runInProcess(
      ['list', '--manifests', 'examples/manifests', '--node', 'n', '--verbose'],
      { ...opts, stdoutThrows: bug },
    );
    expect(verbose.code).toBe(2);
    expect(verbose.stderr.split('\n')[1]).toBe(
      "TypeError: Cannot read properties of undefined (reading 'write')",
    );
    expect(verbose.stderr).toMatch(/\n\s+at /);
  });

  it('2: a user error shows its stack only under --verbose', async () => {
    const r = await runInProcess(['check', '/nonexistent', '--verbose'], opts);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('error: /nonexistent: no such file or directory: check the path');
    expect(r.stderr).toMatch(/\n\s+at /);
  });

  it('the real process exits with the same codes (bin/run.js)', async () => {
    expect((await runProcess(['check', 'examples/manifests'], { cwd: REPO })).code).toBe(1);
    expect((await runProcess(['check', 'examples/manifests/etcd.yaml'], { cwd: REPO })).code).toBe(0);
    expect((await runProcess(['list', '--nope'], { cwd: REPO })).code).toBe(2);
    expect((await runProcess(['nope'], { cwd: REPO })).code).toBe(2);
    expect((await runProcess(['list'], { cwd: REPO })).code).toBe(2);
  });
});
