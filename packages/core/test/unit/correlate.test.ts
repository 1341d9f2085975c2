import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { correlateFilesAndMirrors, readStaticPodPath } from '../../src/index.js';
import { mirrorPodFor, staticPod } from '../../src/testing.js';

const dir = mkdtempSync(join(tmpdir(), 'staticpods-drift-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, pod: object) => writeFileSync(join(dir, name), JSON.stringify(pod));

describe('correlateFilesAndMirrors', () => {
  it('explains every file and every mirror Pod of the node', async () => {
    write('a-in-sync.json', staticPod({ name: 'etcd' }));
    write('b-no-mirror.json', staticPod({ name: 'agent', spec: { serviceAccountName: 'agent' } }));
    write('c-invisible.json', staticPod({ name: 'quiet', spec: { priority: 7 } }));
    write('d-dup.json', staticPod({ name: 'dup', image: 'a' }));
    write('e-dup.json', staticPod({ name: 'dup', image: 'b' }));
    write('f-broken.json', { apiVersion: 'v1', kind: 'Pod' });
    const report = await readStaticPodPath(dir, { nodeName: 'cp-1' });
    const mirrors = [
      mirrorPodFor(staticPod({ name: 'etcd' }), { nodeName: 'cp-1', hash: 'h1' }),
      mirrorPodFor(staticPod({ name: 'gone' }), { nodeName: 'cp-1', hash: 'h2' }),
      mirrorPodFor(staticPod({ name: 'elsewhere' }), { nodeName: 'cp-2', hash: 'h3' }),
    ];
    const rows = correlateFilesAndMirrors(report, mirrors);
    expect(rows.map((r) => [r.status, r.mirrorName, r.file?.replace(`${dir}/`, '') ?? ''])).toEqual([
      ['in-sync', 'etcd-cp-1', 'a-in-sync.json'],
      ['refused', 'agent-cp-1', 'b-no-mirror.json'],
      ['no-mirror', 'quiet-cp-1', 'c-invisible.json'],
      ['shadowed', 'dup-cp-1', 'd-dup.json'],
      ['no-mirror', 'dup-cp-1', 'e-dup.json'],
      ['refused', '', 'f-broken.json'],
      ['mirror-without-file', 'gone-cp-1', ''],
    ]);
    expect(rows[1]?.reason).toBe('static pods may not reference serviceaccounts');
    expect(rows[2]?.reason).toBe(
      'the API server refuses the mirror Pod: pods "quiet-cp-1" is forbidden: the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
    );
    expect(rows[5]?.reason).toBe('invalid pod: name is needed for the pod');
  });

  it('a mirror Pod dump in the staticPodPath is read, but never started: refused', async () => {
    const sub = mkdtempSync(join(dir, 'dump-'));
    const dump = mirrorPodFor(staticPod({ name: 'copied' }), { nodeName: 'cp-9', hash: 'h9' });
    writeFileSync(join(sub, 'copied.json'), JSON.stringify(dump));
    const rows = correlateFilesAndMirrors(await readStaticPodPath(sub, { nodeName: 'cp-1' }), []);
    expect(rows).toMatchObject([{ status: 'refused', staticName: 'copied-cp-9' }]);
    expect(rows[0]?.reason).toBe(
      'the manifest carries kubernetes.io/config.mirror: the kubelet takes it for a mirror Pod and never starts it ("Unable to find pod for mirror pod, skipping")',
    );
  });
});
