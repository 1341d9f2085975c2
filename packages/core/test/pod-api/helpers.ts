import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { parseAllDocuments } from 'yaml';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const NODE = 'node-1';
export const MANIFESTS = '/etc/kubernetes/manifests';
export const ACCEPTED = '<accepted>';

export type Obj = Record<string, unknown>;

/**
 * Reads a manifest the way the kubelet's `utilyaml.ToJSON` does for these fixtures: JSON as is when it starts
 * with `{`, else the first YAML document with YAML 1.1 scalars (go-yaml v2: `0644` is octal, `yes` is a bool).
 */
export function readManifest(text: string): { obj: unknown; json: boolean; yamlError: boolean } {
  if (text.trimStart().startsWith('{')) return { obj: JSON.parse(text), json: true, yamlError: false };
  const [doc] = parseAllDocuments(text, { version: '1.1', uniqueKeys: false });
  if (doc === undefined || !('errors' in doc)) return { obj: null, json: false, yamlError: false };
  if (doc.errors.length > 0) return { obj: undefined, json: false, yamlError: true };
  return { obj: doc.toJS({ maxAliasCount: -1 }), json: false, yamlError: false };
}

/** `pkg/kubelet/config/common.go` `applyDefaults` for a file source on node `node-1` (the uid/hash is fake). */
export function applyKubeletDefaults(pod: Pod): Pod {
  const p = pod as unknown as { metadata: Obj; spec: Obj };
  p.metadata.name = `${String(p.metadata.name)}-${NODE.toLowerCase()}`;
  if (!p.metadata.namespace) p.metadata.namespace = 'default';
  p.spec.nodeName = NODE;
  const annotations = (p.metadata.annotations ?? {}) as Obj;
  annotations['kubernetes.io/config.hash'] = '0123456789abcdef0123456789abcdef';
  p.metadata.annotations = annotations;
  // helper.AddOrUpdateTolerationInPod with {operator: Exists, effect: NoExecute}
  const added = { operator: 'Exists', effect: 'NoExecute' };
  const tolerations = (Array.isArray(p.spec.tolerations) ? p.spec.tolerations : []) as Obj[];
  let updated = false;
  const next = tolerations.map((t) => {
    const matches =
      (t.key ?? '') === '' && t.operator === 'Exists' && (t.value ?? '') === '' && t.effect === 'NoExecute';
    if (!matches) return t;
    updated = true;
    return added;
  });
  if (!updated) next.push(added);
  p.spec.tolerations = next;
  return pod;
}

export interface Fixture {
  readonly file: string;
  readonly name: string;
  /** What the kubelet said (`<accepted>` or its error). */
  readonly golden: string;
  readonly text: string;
}

export const FIXTURE_CASES: readonly Fixture[] = readdirSync(FIXTURES)
  .filter((f) => /\.(ya?ml|json)$/.test(f) && !f.includes('.kubelet'))
  .map((file) => {
    const base = join(FIXTURES, file.replace(/\.(ya?ml|json)$/, ''));
    return {
      file,
      name: file.replace(/\.(ya?ml|json)$/, ''),
      golden: readFileSync(`${base}.kubelet.txt`, 'utf8').replace(/\n$/, ''),
      text: readFileSync(join(FIXTURES, file), 'utf8'),
    };
  });
