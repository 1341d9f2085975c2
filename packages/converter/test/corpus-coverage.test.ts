import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { decodePod, parseManifest } from '@staticpods/core';
import { describe, expect, it } from 'vitest';
import { fixturesDir } from './helpers/fixtures.js';

/**
 * Every file of the shared corpus (packages/core/test/corpus, see its SOURCES.md) that decodes as a Pod
 * has a golden fixture here, as a byte-for-byte copy; the others are listed with the kubelet's reason.
 */
const corpus = new URL('../../core/test/corpus/', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name === 'SOURCES.md' ? [] : [join(dir, e.name)],
  );
}

function fixtureName(rel: string): string {
  const [dir = '', ...rest] = rel.split('/');
  const base = rest
    .join('-')
    .replace(/\.(ya?ml|json)$/, '')
    .replace(/\.manifest$/, '');
  return `corpus-${dir}-${base}`.toLowerCase();
}

const entries = files(corpus)
  .sort()
  .map((path) => {
    const rel = relative(corpus, path);
    const decoded = decodePod(parseManifest(readFileSync(path), { file: rel }));
    return { path, rel, decoded };
  });

describe('the corpus', () => {
  it.each(entries.filter((e) => e.decoded.ok).map((e) => [e.rel, e.path]))(
    '%s has a fixture with the same bytes',
    (rel, path) => {
      const input = join(fixturesDir, fixtureName(rel), 'input.yaml');
      expect(existsSync(input), `${input} is missing`).toBe(true);
      expect(readFileSync(input).equals(readFileSync(path))).toBe(true);
    },
  );

  it('lists what cannot be converted, because it is not a Pod the kubelet can decode', () => {
    const skipped = entries
      .filter((e) => !e.decoded.ok)
      .map((e) => (e.decoded.ok ? '' : `${e.rel}: ${e.decoded.failure.stage}`));
    expect(skipped).toEqual([
      'issues-problematic/k8s-113492-network-controller-manager-configmap.yaml: syntax',
      'issues-problematic/k8s-113935-mirror-ephemeralContainers-fragment.json: not-a-pod',
      'k8s-saltbase/fluentd-es-v1beta3.json: not-a-pod',
      'kops/kube-apiserver-healthcheck-fragment.yaml: name-required',
      'not-static-pods/k3s-manifests-kube-apiserver-crb.yaml: not-a-pod',
      'not-static-pods/rke2-kube-vip-daemonset-multidoc.yaml: not-a-pod',
      'not-static-pods/tsaarni-managed-kube-etcd-multidoc.yaml: not-a-pod',
      'talos-docs/kubestaticpodconfig-nginx.yaml: not-a-pod',
      'talos-docs/machine-pods-fragment.yaml: syntax',
    ]);
  });
});
