import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/manifest/parse.js';
import { checkManifest } from '../../src/rules/run.js';
import { readStaticPodPath, type SourceEntry } from '../../src/source/read-static-pod-path.js';

const pod = (name: string, ns = 'kube-system') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  containers:\n  - name: c\n    image: registry.k8s.io/pause:3.10\n`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'staticpods-dir-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const summary = (entries: readonly SourceEntry[]) =>
  entries.map((e) => [e.name, e.kind, e.outcome, e.ignoredBecause ?? '']);

describe('readStaticPodPath: the kubelet directory semantics', () => {
  it('reads every non-dot entry whatever its extension, in byte order', async () => {
    writeFileSync(join(dir, 'b.yaml'), pod('b'));
    writeFileSync(
      join(dir, 'a.json'),
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'a' },
        spec: { containers: [{ name: 'c', image: 'x' }] },
      }),
    );
    writeFileSync(join(dir, 'README'), 'not a manifest\n');
    writeFileSync(join(dir, 'Z.yml'), pod('z'));
    writeFileSync(join(dir, '.hidden.yaml'), pod('hidden'));
    const r = await readStaticPodPath(dir, { nodeName: 'cp-1' });
    expect(r.kind).toBe('directory');
    expect(summary(r.entries)).toEqual([
      ['.hidden.yaml', 'file', 'ignored', 'dotfile'],
      ['README', 'file', 'invalid', ''],
      ['Z.yml', 'file', 'loaded', ''],
      ['a.json', 'file', 'loaded', ''],
      ['b.yaml', 'file', 'loaded', ''],
    ]);
  });

  it('follows symlinks, skips subdirectories, dangling links and FIFOs, and keeps going', async () => {
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'inner.yaml'), pod('inner'));
    writeFileSync(join(dir, 'real.yaml'), pod('real'));
    symlinkSync(join(dir, 'real.yaml'), join(dir, 'link.yaml'));
    symlinkSync(join(dir, 'nowhere.yaml'), join(dir, 'dangling.yaml'));
    symlinkSync(join(dir, 'sub'), join(dir, 'sublink'));
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    const r = await readStaticPodPath(dir, { nodeName: 'cp-1' });
    expect(summary(r.entries)).toEqual([
      ['dangling.yaml', 'dangling-symlink', 'ignored', 'stat-failed'],
      ['link.yaml', 'file', 'shadowed', ''],
      ['pipe', 'fifo', 'ignored', 'not-regular-file'],
      ['real.yaml', 'file', 'loaded', ''],
      ['sub', 'directory', 'ignored', 'directory'],
      ['sublink', 'directory', 'ignored', 'directory'],
    ]);
    const dangling = r.entries[0] as SourceEntry;
    expect(dangling.kubeletLog).toEqual({
      msg: 'Could not get metadata',
      err: `stat ${join(dir, 'dangling.yaml')}: no such file or directory`,
      exact: true,
    });
    expect(r.entries.find((e) => e.name === 'sub')?.kubeletLog?.msg).toBe(
      'Provided manifest path is a directory, not recursing into manifest path',
    );
  });

  it('resolves two files with the same namespace/name as the kubelet store does: the last one read wins', async () => {
    writeFileSync(join(dir, 'kube-apiserver.yaml'), pod('kube-apiserver'));
    writeFileSync(join(dir, 'kube-apiserver.yaml.bak'), pod('kube-apiserver'));
    writeFileSync(join(dir, 'other-ns.yaml'), pod('kube-apiserver', 'default'));
    const r = await readStaticPodPath(dir, { nodeName: 'cp-1' });
    expect(r.duplicates).toEqual([
      {
        namespace: 'kube-system',
        staticName: 'kube-apiserver',
        mirrorName: 'kube-apiserver-cp-1',
        files: [join(dir, 'kube-apiserver.yaml'), join(dir, 'kube-apiserver.yaml.bak')],
        winner: join(dir, 'kube-apiserver.yaml.bak'),
      },
    ]);
    expect(summary(r.entries).map((e) => e[2])).toEqual(['shadowed', 'loaded', 'loaded']);
  });

  it('refuses every Pod when the node name has capitals: spec.nodeName keeps them and fails validation', async () => {
    // The kubelet lower-cases the node name only inside the mirror name (common.go generatePodName);
    // real kubelets lower-case their hostname first (nodeutil.GetHostname), so this only bites overrides.
    writeFileSync(join(dir, 'a.yaml'), pod('a'));
    const r = await readStaticPodPath(dir, { nodeName: 'CP-1' });
    expect(r.entries[0]?.outcome).toBe('invalid');
    expect(r.entries[0]?.kubeletLog?.err).toContain(
      'spec.nodeName: Invalid value: "CP-1": a lowercase RFC 1123 subdomain',
    );
  });

  it('quotes a JSON file without kind verbatim, read from a directory or given to checkManifest', async () => {
    // Go's decoder quotes the bytes it was given; for JSON that is the file itself, spacing included
    // (apimachinery runtime/serializer/json SimpleMetaFactory.Interpret, "Object 'Kind' is missing").
    const text = '{ "apiVersion": "v1",\n  "metadata": { "name": "x" } }\n';
    writeFileSync(join(dir, 'x.json'), text);
    const wanted = `couldn't parse as pod(Object 'Kind' is missing in '${text}'), please check config file`;
    const [entry] = (await readStaticPodPath(dir, { nodeName: 'cp-1' })).entries;
    expect(entry?.kubeletLog?.err).toBe(`${join(dir, 'x.json')}: ${wanted}`);
    const logged = checkManifest(parseManifest(text, { file: 'x.json' })).findings.map((f) => f.logged);
    expect(logged).toContainEqual(expect.objectContaining({ message: `x.json: ${wanted}`, exact: true }));
  });

  it('reads editor leftovers like any manifest (x.yaml~, 4913) and reports invalid ones with the kubelet message', async () => {
    writeFileSync(join(dir, 'x.yaml~'), pod('x'));
    writeFileSync(join(dir, '4913'), '');
    const r = await readStaticPodPath(dir, { nodeName: 'cp-1' });
    expect(summary(r.entries)).toEqual([
      ['4913', 'file', 'invalid', ''],
      ['x.yaml~', 'file', 'loaded', ''],
    ]);
    expect(r.entries[0]?.kubeletLog).toEqual({
      msg: 'Could not process manifest file',
      err: `${join(dir, '4913')}: couldn't parse as pod(Object 'Kind' is missing in 'null'), please check config file`,
      exact: true,
    });
  });

  it('accepts a single file as the staticPodPath', async () => {
    writeFileSync(join(dir, 'only.yaml'), pod('only'));
    const r = await readStaticPodPath(join(dir, 'only.yaml'), { nodeName: 'n' });
    expect(r.kind).toBe('file');
    expect(summary(r.entries)).toEqual([['only.yaml', 'file', 'loaded', '']]);
  });

  it('reports a missing path the way the kubelet does, without throwing', async () => {
    const r = await readStaticPodPath(join(dir, 'nope/'), { nodeName: 'n' });
    expect(r).toMatchObject({ kind: 'missing', pathError: 'path does not exist, ignoring', entries: [] });
    expect(r.path).toBe(join(dir, 'nope'));
  });

  it('refuses files of 10 MiB or more without reading them into memory', async () => {
    writeFileSync(join(dir, 'big.yaml'), Buffer.alloc(10 * 1024 * 1024, 0x20));
    const r = await readStaticPodPath(dir, { nodeName: 'n' });
    expect(r.entries[0]).toMatchObject({
      outcome: 'invalid',
      kubeletLog: { err: 'the read limit is reached' },
    });
  });
});
