import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ensureNamespace,
  type FaultProxy,
  type HollowNode,
  startFaultProxy,
  uniqueName,
  waitFor,
} from '@staticpods/testkube';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlPlane, exampleManifest, realNode } from '../helpers/cluster.js';
import { baseEnv, startCli } from '../helpers/run.js';

// `list --watch` against the real API server, with mirror Pods made by a real kubelet (a hollow
// node: the kubelet's own code with a fake container runtime) from files in its staticPodPath.
const cp = controlPlane();
const admin = cp.client('admin');
const ns = uniqueName('ksp-watch');
const run = ns.slice(-6);
const env = baseEnv({ KUBECONFIG: cp.adminKubeconfig });
const dir = mkdtempSync(path.join(tmpdir(), 'ksp-watch-'));
let node: HollowNode;
let proxy: FaultProxy;

const agent = (name: string) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns },
    spec: { containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10' }] },
  });
const phase = async (name: string) => {
  const res = await admin.request('GET', `/api/v1/namespaces/${ns}/pods/${name}`);
  return res.status === 200 ? ((res.body as { status?: { phase?: string } }).status?.phase ?? '') : undefined;
};

/** The EVENT and NAME cells of each row of `--output-watch-events` (with a namespace column when -A). */
const events = (text: string) =>
  text
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => line.split(/\s+/).slice(0, 2).join(' '));

beforeAll(async () => {
  await ensureNamespace(cp, ns);
  node = await realNode(cp, `watch-${run}`);
  await node.writeManifest('etcd.yaml', exampleManifest('etcd.yaml', { namespace: ns }));
  await waitFor('etcd Running', async () =>
    (await phase(node.mirrorPodName('etcd'))) === 'Running' ? true : undefined,
  );
  proxy = await startFaultProxy(cp.adminKubeconfig);
});
afterAll(async () => {
  await proxy?.close();
  await node?.stop();
  rmSync(dir, { recursive: true, force: true });
  cp.close();
});

describe('list --watch', () => {
  it('prints the list, then every change the kubelet makes to mirror Pods, until Ctrl-C (130)', async () => {
    const etcd = node.mirrorPodName('etcd');
    const scheduler = node.mirrorPodName('kube-scheduler');
    const cli = startCli(['list', '-w', '-n', ns, '--output-watch-events', '--request-timeout=170s'], env);
    await cli.waitFor(
      'the list',
      (t) => t.includes(`ADDED    ${etcd}`) || events(t).includes(`ADDED ${etcd}`),
    );
    expect(cli.stdout().split('\n')[0]?.split(/\s+/)).toEqual([
      'EVENT',
      'NAME',
      'STATIC',
      'NAME',
      'NODE',
      'READY',
      'STATUS',
      'RESTARTS',
      'AGE',
    ]);
    // A Pod the kubelet runs from the API server is no mirror Pod: never printed.
    const plain = await admin.request('POST', `/api/v1/namespaces/${ns}/pods`, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'plain' },
      spec: {
        nodeName: node.name,
        automountServiceAccountToken: false,
        containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10' }],
      },
    });
    expect([201, 403]).toContain(plain.status);
    await node.writeManifest(
      'kube-scheduler.yaml',
      exampleManifest('kube-scheduler.yaml', { namespace: ns }),
    );
    await cli.waitFor('the new mirror Pod Running', (t) =>
      t.split('\n').some((l) => l.startsWith(`MODIFIED   ${scheduler}`) && l.includes(' Running ')),
    );
    await node.removeManifest('kube-scheduler.yaml');
    await cli.waitFor('its deletion', (t) => events(t).includes(`DELETED ${scheduler}`));
    cli.kill('SIGINT');
    const r = await cli.done;
    expect(r.code, r.stderr).toBe(130);
    const seen = events(r.stdout);
    expect(seen[0]).toBe(`ADDED ${etcd}`);
    expect(seen.filter((e) => e === `ADDED ${scheduler}`)).toHaveLength(1);
    expect(seen.at(-1)).toBe(`DELETED ${scheduler}`);
    expect(seen.every((e) => !e.endsWith(' plain'))).toBe(true);
    expect(r.stderr).toBe('');
  });

  it('--watch-only -o json: each change as a watch event; --request-timeout ends it with exit 0', async () => {
    const name = node.mirrorPodName('agent-json');
    const cli = startCli(
      [
        'list',
        '--watch-only',
        '-n',
        ns,
        '-o',
        'json',
        '--output-watch-events',
        '--request-timeout=12s',
        '-v',
        '6',
      ],
      env,
    );
    await cli.waitFor('the watch to open', (t) => t.includes('(watch)'), { on: 'stderr' });
    await node.writeManifest('agent.json', agent('agent-json'));
    await cli.waitFor('the event', (t) => t.includes(`"name": "${name}"`));
    const r = await cli.done;
    expect(r.code, r.stderr).toBe(0);
    const objects = r.stdout
      .split(/(?<=^\})\n/m)
      .filter((s) => s.trim() !== '')
      .map(
        (s) => JSON.parse(s) as { type: string; object: { metadata: { name: string; annotations: object } } },
      );
    expect(objects[0]?.type).toBe('ADDED');
    expect(objects[0]?.object.metadata.name).toBe(name);
    expect(objects[0]?.object.metadata.annotations).toHaveProperty('kubernetes.io/config.mirror');
    // --watch-only: the Pods that were there before are not listed.
    expect(
      objects.some((o) => o.type === 'ADDED' && o.object.metadata.name === node.mirrorPodName('etcd')),
    ).toBe(false);
    await node.removeManifest('agent.json');
  });

  it('survives a broken connection and a 410 Gone: opens the watch again, lists again, prints each change once', async () => {
    const kubeconfig = proxy.writeKubeconfig(path.join(dir, 'proxy.kubeconfig'));
    const name = node.mirrorPodName('cut');
    // The first watch breaks after one event; the next one is told its version is too old.
    proxy.setFaults([
      { watch: true, fault: { kind: 'cut-watch', events: 1 } },
      { watch: true, fault: { kind: 'watch-gone', events: 0 } },
    ]);
    const cli = startCli(
      [
        'list',
        '-w',
        '-n',
        ns,
        '--output-watch-events',
        '-v',
        '6',
        '--kubeconfig',
        kubeconfig,
        '--request-timeout=170s',
      ],
      baseEnv(),
    );
    await cli.waitFor('the list', (t) => events(t).includes(`ADDED ${node.mirrorPodName('etcd')}`));
    await cli.waitFor('the watch to open', (t) => t.includes('(watch)'), { on: 'stderr' });
    await node.writeManifest('cut.json', agent('cut'));
    await cli.waitFor('the new mirror Pod', (t) => events(t).includes(`ADDED ${name}`));
    await waitFor('the kubelet to run it', async () =>
      (await phase(name)) === 'Running' ? true : undefined,
    );
    await cli.waitFor('the watch to open a third time', (t) => t.split('(watch)').length > 3, {
      on: 'stderr',
    });
    await cli.waitFor('it Running', (t) =>
      t.split('\n').some((l) => l.includes(name) && l.includes(' Running ')),
    );
    await node.removeManifest('cut.json');
    await cli.waitFor('its deletion', (t) => events(t).includes(`DELETED ${name}`));
    cli.kill('SIGINT');
    const r = await cli.done;
    expect(r.code, r.stderr).toBe(130);
    expect(proxy.injected).toBe(2);
    // Listed twice: before the watch, and again after the 410.
    expect(r.stderr.match(/\/pods\?limit=500 200 OK/g)).toHaveLength(2);
    const seen = events(r.stdout);
    expect(seen.filter((e) => e === `ADDED ${name}`)).toHaveLength(1);
    expect(seen.filter((e) => e === `DELETED ${name}`)).toHaveLength(1);
    expect(r.stderr).not.toMatch(/^error/m);
  });
});
