// Regression tests for the classes of input that used to crash the library or grow its work or
// output faster than the input (issue #11). The kubelet's verdicts on null list items are golden
// files of test/pod-api/fixtures/null-*.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kubeletVerdict } from '../../src/kubelet/verdict.js';
import { parseManifest } from '../../src/manifest/parse.js';
import type { Rule } from '../../src/rules/rule.js';
import { checkEntries, checkManifest, checkStaticPodPath } from '../../src/rules/run.js';
import { readStaticPodPath } from '../../src/source/read-static-pod-path.js';

const podYaml = (spec: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: kube-system\nspec:\n  containers:\n  - name: c\n    image: registry.k8s.io/pause:3.10\n${spec}`;

const check = (text: string) => checkManifest(parseManifest(text, { file: 'm.yaml' }), { nodeName: 'n1' });

describe('null list items and map values', () => {
  // Every list of the Pod API that the rules and validation walk, with a null item.
  const lists: [string, string][] = [
    ['volumes', '  volumes: [~]\n'],
    ['containers', '  -\n'],
    ['initContainers', '  initContainers: [~]\n'],
    ['ephemeralContainers', '  ephemeralContainers: [~]\n'],
    ['env', '    env: [~]\n'],
    ['envFrom', '    envFrom: [~]\n'],
    ['ports', '    ports: [~]\n'],
    ['volumeMounts', '    volumeMounts: [~]\n'],
    ['tolerations', '  tolerations:\n  -\n'],
    ['imagePullSecrets', '  imagePullSecrets: [~]\n'],
    ['projected sources', '  volumes:\n  - name: v\n    projected:\n      sources: [~]\n'],
    ['hostAliases', '  hostAliases: [~]\n'],
    ['topologySpreadConstraints', '  topologySpreadConstraints: [~]\n'],
    ['resourceClaims', '  resourceClaims: [~]\n'],
    ['readinessGates', '  readinessGates: [~]\n'],
    ['dnsConfig.options', '  dnsConfig:\n    options: [~]\n'],
    ['args', '    args: [~]\n'],
    ['resources.claims', '    resources:\n      claims: [~]\n'],
  ];
  it.each(lists)('%s: a finding, never an exception', (_name, spec) => {
    const { findings } = check(podYaml(spec));
    for (const f of findings) {
      expect(f.message).not.toMatch(/internal error|undefined|\[object Object\]/);
    }
  });

  it('decodes a null list item to the zero value, as Go does', () => {
    const v = kubeletVerdict(parseManifest(podYaml('  volumes: [~]\n')), { nodeName: 'n1' });
    expect(v.runs).toBe(false);
    expect(!v.runs && v.error).toBe('invalid pod: [spec.volumes[0].name: Required value]');
  });

  it('decodes a null quantity to zero, as the kubelet holds it', () => {
    // Go's Quantity.UnmarshalJSON(null) is a zero Quantity without a format; it serializes as "0".
    const text = podYaml('').replace(
      '    image: registry.k8s.io/pause:3.10\n',
      '    image: registry.k8s.io/pause:3.10\n    resources:\n      limits: {cpu: ~}\n',
    );
    const v = kubeletVerdict(parseManifest(text), { nodeName: 'n1' });
    expect(v.runs && v.pod.spec?.containers[0]?.resources).toEqual({ limits: { cpu: '0' } });
  });

  it('decodes a null map value to the zero value', () => {
    const text = podYaml('').replace('  name: p\n', '  name: p\n  labels: {a: ~}\n');
    const v = kubeletVerdict(parseManifest(text), { nodeName: 'n1' });
    expect(v.runs && v.pod.metadata?.labels).toEqual({ a: '' });
  });
});

describe('kind and apiVersion that are not strings', () => {
  it.each([
    ['kind', 'apiVersion: v1\nkind: {a: 1}\nmetadata:\n  name: p\n', 'kind must be a string, not a map'],
    [
      'apiVersion',
      'apiVersion: [v1]\nkind: Pod\nmetadata:\n  name: p\n',
      'apiVersion must be a string, not a list',
    ],
    ['kind', 'apiVersion: v1\nkind: 3\nmetadata:\n  name: p\n', 'kind must be a string, not a number (3)'],
  ])('%s: says what it is', (_field, text, message) => {
    const [f] = check(text).findings;
    expect(f?.ruleId).toBe('SP006');
    expect(f?.message).toContain(message);
    expect(f?.message).not.toContain('[object Object]');
  });
});

describe('deep JSON nesting', () => {
  const nested = (n: number) => `{"a":${'['.repeat(n - 1)}${']'.repeat(n - 1)}}`;
  it('reads the 10000 levels the kubelet accepts', () => {
    const m = parseManifest(nested(10_000));
    expect(m.syntaxError).toBeUndefined();
    const [f] = check(nested(10_000)).findings;
    expect(f?.logged?.message).toContain("Object 'Kind' is missing");
  });
  it('refuses the 10001st level with the decoder error', () => {
    const m = parseManifest(nested(10_001));
    expect(m.syntaxError?.kubeletError).toBe("invalid character '[' exceeded max depth");
    expect(m.syntaxError?.column).toBe(10_005);
  });
  it('merges a repeated key whose values are 9000 levels deep, as Go does, without recursion', () => {
    const deep = `${'['.repeat(9000)}${']'.repeat(9000)}`;
    const { findings } = check(`{"a":${deep},"a":${deep}}`);
    expect(findings.map((f) => f.ruleId)).toEqual(['SP006', 'SP039']);
  });
  it('keeps positions in deep objects', () => {
    const text = `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`;
    const m = parseManifest(text);
    expect(m.positionOf(['spec', 'a', 'a'])).toEqual({ line: 1, column: 70 });
  });
  it('reports YAML nested deeper than the YAML reader goes as a finding', () => {
    const { findings } = check(`a: ${'['.repeat(3000)}${']'.repeat(3000)}\n`);
    expect(findings.map((f) => f.ruleId)).toEqual(['SP038']);
    expect(findings[0]?.message).toContain('nested too deeply');
  });
});

describe('many duplicate keys', () => {
  it('reports each one, without exhausting the stack', () => {
    const n = 200_000;
    const text = `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{${Array.from({ length: n }, () => '"a":"1"').join(',')}}}}`;
    const { findings } = check(text);
    expect(findings.filter((f) => f.ruleId === 'SP039')).toHaveLength(n - 1);
  });
});

describe('aliases', () => {
  it('resolve to the last anchor of that name before them', () => {
    const m = parseManifest('a: &x 1\nb: *x\nc: &x 2\nd: *x\ne: [&y [*x], *y]\n');
    expect(m.value).toEqual({ a: 1, b: 1, c: 2, d: 2, e: [[2], [2]] });
  });
  it('an alias to the node that holds it is refused', () => {
    const m = parseManifest('a: &x [*x]\n');
    expect(m.syntaxError?.kubeletError).toBe("yaml: anchor 'x' value contains itself");
  });
});

describe('duplicate Pods', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'staticpods-robust-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('name a bounded number of other files per finding, so the output grows linearly', async () => {
    const copies = 1000;
    for (let i = 0; i < copies; i++)
      writeFileSync(join(dir, `p${String(i).padStart(4, '0')}.yaml`), podYaml(''));
    const report = await readStaticPodPath(dir, { nodeName: 'n1' });
    const sp030 = checkStaticPodPath(report).findings.filter((f) => f.ruleId === 'SP030');
    expect(sp030).toHaveLength(copies);
    for (const f of sp030) expect(f.message.length).toBeLessThan(400);
    expect(sp030[0]?.message).toContain(`and ${copies - 4} more`);
  });
});

describe('a bug in one rule', () => {
  it('becomes a finding on the file, and the other rules still run', () => {
    const broken = {
      id: 'SP999',
      name: 'broken',
      severity: 'warning',
      category: 'kubelet',
      scope: 'entry',
      summary: '',
      description: '',
      remediation: '',
      upstream: [],
      docsUrl: '',
      check() {
        throw new TypeError("Cannot read properties of null (reading 'x')");
      },
    } as unknown as Rule;
    const manifest = parseManifest('kind: 3\n', { file: 'a.yaml' });
    const entry = {
      path: 'a.yaml',
      name: 'a.yaml',
      kind: 'file' as const,
      outcome: 'invalid' as const,
      manifest,
      verdict: kubeletVerdict(manifest, { nodeName: 'n1' }),
    };
    const { findings } = checkEntries([entry], [], { rules: [broken] });
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['SP999', 'error']]);
    expect(findings[0]?.message).toContain('internal error');
  });
});
