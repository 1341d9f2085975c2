#!/usr/bin/env node
// Records what the real kubelet says about each fixture manifest, as the golden values of
// test/pod-api/kubelet-parity.test.ts.
//
//   node packages/core/test/pod-api/record-kubelet-messages.mjs <kubelet-oracle> [case ...]
//
// <kubelet-oracle> runs the kubelet's own file source (`--path DIR --node NODE`, JSON on stdout). Each
// fixtures/<case>.yaml (or .json) is copied alone into a temporary manifest directory (so that cases cannot
// interfere, e.g. through duplicate pod names), the oracle reads it as node "node-1", and
// fixtures/<case>.kubelet.txt receives the kubelet's error for that file, with the temporary directory
// replaced by /etc/kubernetes/manifests, or "<accepted>" when the kubelet ran the pod. For accepted pods,
// fixtures/<case>.kubelet-pod.json receives the v1 Pod the kubelet holds (after decoding, defaulting and
// applyDefaults), without the fields that change from run to run (uid, config hash/seen annotations, status).
// The .kubelet.txt files are golden values: regenerate them with this script, never edit them by hand.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_NAME = 'node-1';
export const MANIFEST_DIR = '/etc/kubernetes/manifests';
export const ACCEPTED = '<accepted>';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const [oracle, ...only] = process.argv.slice(2);
if (!oracle) {
  console.error('usage: record-kubelet-messages.mjs <kubelet-oracle> [case ...]');
  process.exit(2);
}

const files = readdirSync(fixtures)
  .filter((f) => /\.(ya?ml|json)$/.test(f) && !f.includes('.kubelet'))
  .filter((f) => only.length === 0 || only.includes(f.replace(/\.(ya?ml|json)$/, '')));
/** The pod without what differs between runs of the same manifest. */
function stable(pod) {
  const { status: _status, ...rest } = pod;
  const { uid: _uid, ...metadata } = rest.metadata ?? {};
  const annotations = { ...(metadata.annotations ?? {}) };
  for (const key of ['kubernetes.io/config.hash', 'kubernetes.io/config.seen']) delete annotations[key];
  return { ...rest, metadata: { ...metadata, annotations } };
}

let rejected = 0;
for (const f of files) {
  const work = mkdtempSync(join(tmpdir(), 'pod-api-kubelet-'));
  const dir = join(work, 'manifests');
  try {
    mkdirSync(dir);
    copyFileSync(join(fixtures, f), join(dir, f));
    const out = execFileSync(oracle, ['--path', dir, '--node', NODE_NAME], {
      encoding: 'utf8',
      maxBuffer: 256 << 20,
    });
    const result = JSON.parse(out);
    const log = (result.logs ?? []).find(
      (l) => l.msg === 'Could not process manifest file' && l.values?.path === join(dir, f),
    );
    if (log === undefined && !(result.pods ?? []).length) throw new Error(`${f}: neither an error nor a pod`);
    const text = log === undefined ? ACCEPTED : String(log.err).split(`${dir}/`).join(`${MANIFEST_DIR}/`);
    if (log !== undefined) rejected++;
    const base = join(fixtures, f.replace(/\.(ya?ml|json)$/, ''));
    writeFileSync(`${base}.kubelet.txt`, `${text}\n`);
    rmSync(`${base}.kubelet-pod.json`, { force: true });
    if (log === undefined)
      writeFileSync(`${base}.kubelet-pod.json`, `${JSON.stringify(stable(result.pods[0]), null, 2)}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
console.log(`recorded ${files.length} cases (${rejected} rejected, ${files.length - rejected} accepted)`);
