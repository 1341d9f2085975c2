import { describe, expect, it } from 'vitest';
import { parseSimple } from '../../src/fast/fast-path.js';
import { parseRequestTimeout } from '../../src/kube/connect.js';
import { podColumns } from '../../src/list/pod-status.js';
import { joinHint } from '../../src/report-error.js';

describe('parseRequestTimeout (kubectl --request-timeout)', () => {
  it.each([
    [undefined, 0],
    ['0', 0],
    ['5', 5000],
    ['5s', 5000],
    ['500ms', 500],
    ['1m30s', 90_000],
    ['2h', 7_200_000],
  ])('%s is %i ms', (v, ms) => expect(parseRequestTimeout(v)).toBe(ms));
  it.each(['5x', 'soon', '1.5'])('%s is refused', (v) =>
    expect(() => parseRequestTimeout(v)).toThrow(/invalid --request-timeout/),
  );
});

describe('podColumns (kubectl printPod)', () => {
  const now = Date.parse('2026-01-01T00:10:00Z');
  it('running and ready', () => {
    const c = podColumns(
      {
        spec: { containers: [{ name: 'a' }] },
        status: {
          phase: 'Running',
          podIP: '10.0.0.5',
          containerStatuses: [
            {
              name: 'a',
              ready: true,
              restartCount: 2,
              image: '',
              imageID: '',
              state: { running: {} },
              lastState: { terminated: { exitCode: 1, finishedAt: '2026-01-01T00:05:00Z' } },
            },
          ],
        },
      },
      now,
    );
    expect(c).toMatchObject({ ready: '1/1', status: 'Running', restarts: '2 (5m ago)', ip: '10.0.0.5' });
  });
  it('waiting reason wins, pending has no IP', () => {
    const c = podColumns(
      {
        spec: { containers: [{ name: 'a' }, { name: 'b' }] },
        status: {
          phase: 'Pending',
          containerStatuses: [
            {
              name: 'a',
              ready: false,
              restartCount: 0,
              image: '',
              imageID: '',
              state: { waiting: { reason: 'CrashLoopBackOff' } },
            },
          ],
        },
      },
      now,
    );
    expect(c).toMatchObject({ ready: '0/2', status: 'CrashLoopBackOff', restarts: '0', ip: '<none>' });
  });
  it('init containers and deletion', () => {
    expect(
      podColumns(
        {
          spec: { initContainers: [{ name: 'i' }], containers: [{ name: 'a' }] },
          status: {
            phase: 'Pending',
            initContainerStatuses: [
              { name: 'i', ready: false, restartCount: 0, image: '', imageID: '', state: { running: {} } },
            ],
          },
        },
        now,
      ).status,
    ).toBe('Init:0/1');
    expect(
      podColumns(
        {
          metadata: { deletionTimestamp: '2026-01-01T00:00:00Z' },
          spec: { containers: [{ name: 'a' }] },
          status: { phase: 'Running' },
        },
        now,
      ).status,
    ).toBe('Terminating');
  });
});

describe('parseSimple (the fast path takes only plain argv)', () => {
  const spec = {
    node: { type: 'string' as const, summary: 'n' },
    output: { type: 'string' as const, char: 'o', options: ['json'], summary: 'o' },
    quiet: { type: 'boolean' as const, summary: 'q' },
    level: { type: 'string' as const, default: 'low', summary: 'l' },
  };
  it('parses --flag value, --flag=value, -o value and booleans', () => {
    expect(parseSimple(['--node', 'a', '-o', 'json', '--quiet', 'x'], spec, true)).toEqual({
      flags: { node: 'a', output: 'json', quiet: true, level: 'low' },
      args: ['x'],
    });
    expect(parseSimple(['--node=a', '--level', 'high'], spec, false)).toEqual({
      flags: { node: 'a', level: 'high' },
      args: [],
    });
  });
  it.each([
    [['--nope']],
    [['-x']],
    [['--node']],
    [['--node', '-o']],
    [['-o', 'yaml']],
    [['--node', 'a', '--node', 'b']],
    [['--quiet=true']],
    [['arg']],
    [['-ojson']],
  ])('hands %j to oclif', (argv) => expect(parseSimple(argv, spec, false)).toBeUndefined());
});

describe('joinHint', () => {
  it('joins message and hint into one line', () => {
    expect(joinHint('no kubeconfig', 'pass --kubeconfig or set KUBECONFIG')).toBe(
      'no kubeconfig: pass --kubeconfig or set KUBECONFIG',
    );
    expect(
      joinHint('unsupported Kubernetes version "x"', 'Give a version from 1.29 to 1.37, such as "1.33".'),
    ).toBe('unsupported Kubernetes version "x": give a version from 1.29 to 1.37, such as "1.33"');
  });
});
