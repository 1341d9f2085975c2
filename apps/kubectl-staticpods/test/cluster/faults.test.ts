import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ensureNamespace,
  type FaultProxy,
  type FaultRule,
  startFaultProxy,
  uniqueName,
} from '@staticpods/testkube';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { controlPlane, exampleManifest, mirror, nodes } from '../helpers/cluster.js';
import { baseEnv, runProcess } from '../helpers/run.js';

/**
 * The real CLI against the real API server through a fault-injecting proxy (testkube
 * `startFaultProxy`, which cuts pages to 2 items so that the list has several pages with real
 * continue tokens). Every fault ends in one of two ways: the complete answer (exit 0, every mirror
 * Pod), or exit 2 with nothing on stdout. Never a part of the list printed as if it were whole.
 */
const cp = controlPlane();
const ns = uniqueName('ksp-faults');
const run = ns.slice(-6);
const nodeNames = [1, 2, 3].map((i) => `fault${i}-${run}`);
const dir = mkdtempSync(path.join(tmpdir(), 'ksp-faults-'));
const podsPath = `/api/v1/namespaces/${ns}/pods`;
let proxy: FaultProxy;
let kubeconfig: string;
const expected: string[] = [];

beforeAll(async () => {
  await ensureNamespace(cp, ns);
  await nodes(cp, nodeNames);
  for (const node of nodeNames) {
    for (const file of ['etcd.yaml', 'kube-scheduler.yaml']) {
      const res = await mirror(cp, node, exampleManifest(file, { namespace: ns }));
      expect(res.accepted, res.message).toBe(true);
      expected.push(`pod/${file.replace('.yaml', '')}-${node}`);
    }
  }
  expected.sort();
  proxy = await startFaultProxy(cp.adminKubeconfig, { pageSize: 2 });
  kubeconfig = proxy.writeKubeconfig(path.join(dir, 'proxy.kubeconfig'));
});

afterAll(async () => {
  await proxy?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function listThrough(rules: readonly FaultRule[], extra: readonly string[] = []) {
  proxy.setFaults(rules);
  const result = await runProcess(['list', '-n', ns, '-o', 'name', '--kubeconfig', kubeconfig, ...extra], {
    env: baseEnv(),
  });
  return { ...result, injected: proxy.injected };
}

/** The contract: the whole list and exit 0, or exit 2 and nothing on stdout. */
function completeOrFailed(r: { code: number; stdout: string; stderr: string }): 'complete' | 'failed' {
  if (r.code === 0) {
    expect(r.stdout.trim().split('\n').sort()).toEqual(expected);
    return 'complete';
  }
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^error: /);
  expect(r.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
  return 'failed';
}

describe('through the proxy without faults', () => {
  it('lists every mirror Pod over several pages', async () => {
    const r = await listThrough([]);
    expect(completeOrFailed(r)).toBe('complete');
    // Six mirror Pods, two per page: three pages of one paginated Table, and no request per Pod.
    expect(proxy.requests).toBe(3);
  });
});

const next = { path: podsPath, page: 'next' } as const;

describe.each<[string, FaultRule[], readonly string[], 'complete' | 'failed', RegExp]>([
  // Malformed answers are errors, never a shorter list.
  [
    'a 200 HTML page instead of a page',
    [{ ...next, fault: { kind: 'html' } }],
    [],
    'failed',
    /not a JSON object \(text\/html/,
  ],
  ['a page cut in half', [{ ...next, fault: { kind: 'truncate' } }], [], 'failed', /not a JSON object/],
  [
    'a connection reset in the middle of a page',
    [{ ...next, fault: { kind: 'reset-mid' } }],
    [],
    'failed',
    /broke in the middle of its answer/,
  ],
  [
    'a continue token that repeats',
    [{ ...next, fault: { kind: 'repeat-continue' }, times: Infinity }],
    [],
    'failed',
    /did not advance/,
  ],
  // client-go retries these on GETs (rest/with_retry.go).
  [
    'a connection reset before the answer, once',
    [{ ...next, fault: { kind: 'reset-before' } }],
    [],
    'complete',
    /^$/,
  ],
  [
    '429 with Retry-After: 1, once',
    [{ ...next, fault: { kind: 'status', status: 429, retryAfter: '1' } }],
    [],
    'complete',
    /^$/,
  ],
  [
    '503 with Retry-After: 0, twice',
    [{ ...next, fault: { kind: 'status', status: 503, retryAfter: '0' }, times: 2 }],
    [],
    'complete',
    /^$/,
  ],
  [
    '500 with Retry-After: 0 on the first page',
    [{ path: podsPath, page: 'first', fault: { kind: 'status', status: 500, retryAfter: '0' } }],
    [],
    'complete',
    /^$/,
  ],
  // ... and not these.
  [
    '500 without Retry-After',
    [{ ...next, fault: { kind: 'status', status: 500 } }],
    [],
    'failed',
    /answered 500/,
  ],
  [
    '429 with Retry-After: 0 every time',
    [{ ...next, fault: { kind: 'status', status: 429, retryAfter: '0' }, times: Infinity }],
    [],
    'failed',
    /answered 429/,
  ],
  [
    '429 with a Retry-After past --request-timeout',
    [{ ...next, fault: { kind: 'status', status: 429, retryAfter: '30' } }],
    ['--request-timeout=3s'],
    'failed',
    /answered 429/,
  ],
  // A page that never finishes arriving is bounded by --request-timeout.
  [
    'a server that trickles a page',
    [{ ...next, fault: { kind: 'trickle', intervalMs: 200 } }],
    ['--request-timeout=2s'],
    'failed',
    /did not finish its answer within 2s/,
  ],
  // An expired continue token restarts the list (410 Gone), a few times at most.
  ['410 Gone once', [{ ...next, fault: { kind: 'gone' } }], [], 'complete', /^$/],
  [
    '410 Gone every time',
    [{ ...next, fault: { kind: 'gone' }, times: Infinity }],
    [],
    'failed',
    /kept expiring/,
  ],
])('%s', (_name, rules, extra, outcome, stderr) => {
  it(`ends ${outcome === 'complete' ? 'with the complete list' : 'with exit 2 and no output'}`, async () => {
    const r = await listThrough(rules, extra);
    expect(r.injected, 'the fault was injected').toBeGreaterThan(0);
    expect(completeOrFailed(r), r.stderr).toBe(outcome);
    expect(r.stderr).toMatch(stderr);
  });
});

describe('retries are bounded', () => {
  it('gives up after client-go’s 10 retries', async () => {
    const r = await listThrough([
      { ...next, fault: { kind: 'status', status: 503, retryAfter: '0' }, times: Infinity },
    ]);
    expect(completeOrFailed(r)).toBe('failed');
    expect(r.injected).toBe(11);
  });
  it('does not retry a POST (to-daemonset --dry-run=server), as client-go does not', async () => {
    proxy.setFaults([
      { method: 'POST', fault: { kind: 'status', status: 503, retryAfter: '0' }, times: Infinity },
    ]);
    const manifest = path.join(dir, 'exporter.yaml');
    writeFileSync(
      manifest,
      exampleManifest('etcd.yaml', { namespace: ns }).replace(/name: etcd\b/, 'name: exporter'),
    );
    const r = await runProcess(
      ['to-daemonset', '-f', manifest, '--force', '--dry-run=server', '--kubeconfig', kubeconfig],
      { env: baseEnv() },
    );
    expect(r.code, r.stderr).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(proxy.injected).toBe(1);
  });
});

describe('exec credential plugins', () => {
  function execKubeconfig(name: string, script: string): string {
    const plugin = path.join(dir, `${name}.sh`);
    writeFileSync(plugin, `#!/bin/sh\n${script}\n`);
    chmodSync(plugin, 0o755);
    const file = path.join(dir, `${name}.kubeconfig`);
    writeFileSync(
      file,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'c', cluster: { server: proxy.url } }],
        users: [
          { name: 'u', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin } } },
        ],
        contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
        'current-context': 'x',
      }),
    );
    return file;
  }

  it('a plugin that never returns is killed at --request-timeout', async () => {
    proxy.setFaults([]);
    const r = await runProcess(
      ['list', '-n', ns, '--kubeconfig', execKubeconfig('hang', 'sleep 600 & wait'), '--request-timeout=1s'],
      { env: baseEnv() },
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^error: cannot get credentials for user "u" \(exec plugin ".*hang\.sh"\): it did not finish within 1s/,
    );
  });
  it('a plugin that prints endlessly is stopped at the output cap', async () => {
    const r = await runProcess(['list', '-n', ns, '--kubeconfig', execKubeconfig('flood', 'exec yes')], {
      env: baseEnv(),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\): it printed more than 4 MiB/);
  });
});
