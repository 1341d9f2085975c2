import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  configHash,
  contentDigest,
  correlateFilesAndMirrors,
  groupNodesByContent,
  parseManifest,
  readStaticPodPath,
} from '../../src/index.js';
import { mirrorPodFor, staticPod } from '../../src/testing.js';

const dir = mkdtempSync(join(tmpdir(), 'staticpods-drift-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, pod: object) => writeFileSync(join(dir, name), JSON.stringify(pod));
/** The config hash the kubelet of `node` gives `pod` read from `path` on the node. */
const hashOf = (pod: object, node: string, path: string) => {
  const h = configHash(parseManifest(JSON.stringify(pod)), { nodeName: node, path });
  if (!h.ok) throw new Error(h.reason);
  return h.uid;
};

describe('correlateFilesAndMirrors', () => {
  it('explains every file and every mirror Pod of the node, comparing versions by config hash', async () => {
    const etcd = staticPod({ name: 'etcd' });
    const apiserver = staticPod({ name: 'kube-apiserver', image: 'registry.k8s.io/kube-apiserver:v1.37.1' });
    const edited = staticPod({ name: 'kube-apiserver', image: 'registry.k8s.io/kube-apiserver:v1.37.2' });
    write('a-in-sync.json', etcd);
    write('a2-stale.json', edited);
    write('b-refused.json', staticPod({ name: 'agent', spec: { serviceAccountName: 'agent' } }));
    write('c-invisible.json', staticPod({ name: 'quiet', spec: { priority: 7 } }));
    write('d-dup.json', staticPod({ name: 'dup', image: 'a' }));
    write('e-dup.json', staticPod({ name: 'dup', image: 'b' }));
    write('f-broken.json', { apiVersion: 'v1', kind: 'Pod' });
    const report = await readStaticPodPath(dir, { nodeName: 'cp-1' });
    const onNode = (name: string) => `/etc/kubernetes/manifests/${name}`;
    const mirrors = [
      mirrorPodFor(etcd, { nodeName: 'cp-1', hash: hashOf(etcd, 'cp-1', onNode('a-in-sync.json')) }),
      // The node still runs the file before the image edit.
      mirrorPodFor(apiserver, { nodeName: 'cp-1', hash: hashOf(apiserver, 'cp-1', onNode('a2-stale.json')) }),
      mirrorPodFor(staticPod({ name: 'gone' }), { nodeName: 'cp-1', hash: 'h2' }),
      mirrorPodFor(staticPod({ name: 'elsewhere' }), { nodeName: 'cp-2', hash: 'h3' }),
    ];
    const rows = correlateFilesAndMirrors(report, mirrors);
    expect(rows.map((r) => [r.status, r.mirrorName, r.file?.replace(`${dir}/`, '') ?? ''])).toEqual([
      ['in-sync', 'etcd-cp-1', 'a-in-sync.json'],
      ['stale', 'kube-apiserver-cp-1', 'a2-stale.json'],
      ['missing', 'agent-cp-1', 'b-refused.json'],
      ['missing', 'quiet-cp-1', 'c-invisible.json'],
      ['shadowed', 'dup-cp-1', 'd-dup.json'],
      ['missing', 'dup-cp-1', 'e-dup.json'],
      ['missing', '', 'f-broken.json'],
      ['mirror-without-file', 'gone-cp-1', ''],
    ]);
    expect(rows[0]).toMatchObject({
      fileHash: mirrors[0]?.metadata?.annotations?.['kubernetes.io/config.mirror'],
    });
    expect(rows[0]?.nodePath).toBe(onNode('a-in-sync.json'));
    expect(rows[1]?.reason).toMatch(
      /^the node runs another version: its mirror Pod has config hash [0-9a-f]{32}, this file [0-9a-f]{32} at \/etc\/kubernetes\/manifests\/a2-stale.json, .*a2-stale.json; the kubelet has not picked up the edit yet/,
    );
    expect(rows[2]?.reason).toBe(
      'the kubelet refuses the file: static pods may not reference serviceaccounts',
    );
    expect(rows[3]?.reason).toBe(
      'the API server refuses the mirror Pod: pods "quiet-cp-1" is forbidden: the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
    );
    expect(rows[6]?.reason).toBe('the kubelet refuses the file: invalid pod: name is needed for the pod');
  });

  it('finds the file at the path the node reads it from, and says which paths it tried', async () => {
    const etcd = staticPod({ name: 'etcd-custom' });
    write('g-custom-path.json', etcd);
    const report = await readStaticPodPath(join(dir, 'g-custom-path.json'), { nodeName: 'cp-1' });
    const onNode = '/var/lib/kubelet/static/etcd.json';
    const mirror = mirrorPodFor(etcd, { nodeName: 'cp-1', hash: hashOf(etcd, 'cp-1', onNode) });
    const [guessed] = correlateFilesAndMirrors(report, [mirror]);
    expect(guessed?.status).toBe('stale');
    expect(guessed?.reason).toContain(`at ${join(dir, 'g-custom-path.json')}`);
    const [told] = correlateFilesAndMirrors(report, [mirror], { nodePath: onNode });
    expect(told).toMatchObject({ status: 'in-sync', nodePath: onNode });
  });

  it('cannot compare versions when the hash is not computable, and says so', async () => {
    const stamped = staticPod({ name: 'stamped' });
    (stamped.metadata as Record<string, unknown>).creationTimestamp = '2026-01-01T00:00:00Z';
    write('h-stamped.json', stamped);
    const report = await readStaticPodPath(join(dir, 'h-stamped.json'), { nodeName: 'cp-1' });
    const [row] = correlateFilesAndMirrors(report, [
      mirrorPodFor(stamped, { nodeName: 'cp-1', hash: 'abc' }),
    ]);
    expect(row?.status).toBe('unverified');
    expect(row?.reason).toContain("kubelet's time zone");
  });
});

describe('groupNodesByContent', () => {
  it('groups nodes by the manifest content behind their mirror Pods, whatever their config hashes', () => {
    const v1 = staticPod({ name: 'kube-apiserver', image: 'registry.k8s.io/kube-apiserver:v1.37.1' });
    const v2 = staticPod({ name: 'kube-apiserver', image: 'registry.k8s.io/kube-apiserver:v1.37.2' });
    const groups = groupNodesByContent([
      mirrorPodFor(v2, { nodeName: 'cp-3', hash: 'c' }),
      mirrorPodFor(v1, { nodeName: 'cp-2', hash: 'b' }),
      mirrorPodFor(v1, { nodeName: 'cp-1', hash: 'a' }),
    ]);
    expect(groups.map((g) => g.nodes)).toEqual([['cp-1', 'cp-2'], ['cp-3']]);
    expect(groups[0]?.digest).toBe(contentDigest(parseManifest(JSON.stringify(v1))));
  });

  it('a mirror Pod dump in the staticPodPath is read, but never started: missing, with the kubelet log line', async () => {
    const sub = mkdtempSync(join(dir, 'dump-'));
    const dump = mirrorPodFor(staticPod({ name: 'copied' }), { nodeName: 'cp-9', hash: 'h9' });
    writeFileSync(join(sub, 'copied.json'), JSON.stringify(dump));
    const rows = correlateFilesAndMirrors(await readStaticPodPath(sub, { nodeName: 'cp-1' }), []);
    expect(rows).toMatchObject([{ status: 'missing', staticName: 'copied-cp-9' }]);
    expect(rows[0]?.reason).toBe(
      'the kubelet never starts it: the manifest carries kubernetes.io/config.mirror, so the kubelet takes it for a mirror Pod ("Unable to find pod for mirror pod, skipping")',
    );
  });
});
