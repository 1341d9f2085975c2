import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/manifest/parse.js';

const pod = (extra = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: c\n    image: nginx\n${extra}`;

describe('parseManifest: YAML like the kubelet', () => {
  it('reads the first document with YAML 1.1 scalars', () => {
    const p = parseManifest(
      pod('  volumes:\n  - name: v\n    secret: {secretName: s, defaultMode: 0644}\n  hostNetwork: yes\n'),
    );
    expect(p.format).toBe('yaml');
    expect(p.value).toMatchObject({
      spec: { volumes: [{ secret: { defaultMode: 420 } }], hostNetwork: true },
    });
    expect(p.syntaxError).toBeUndefined();
  });

  it('keeps a position for every field', () => {
    const p = parseManifest(pod(), { file: 'web.yaml' });
    expect(p.positionOf(['spec', 'containers', 0, 'image'])).toEqual({ line: 8, column: 5 });
    expect(p.positionOf(['metadata', 'name'])).toEqual({ line: 4, column: 3 });
  });

  it('falls back to the nearest existing field', () => {
    expect(parseManifest(pod()).positionOf(['spec', 'volumes', 3, 'secret'])).toEqual({ line: 5, column: 1 });
  });

  it('ignores documents after the first, even invalid ones, and says so', () => {
    const p = parseManifest(`${pod()}---\nkind: Service\n---\n{ broken: [\n`);
    expect(p.value).toMatchObject({ kind: 'Pod' });
    expect(p.syntaxError).toBeUndefined();
    expect(p.ignoredDocuments).toEqual([
      { index: 2, hasSyntaxError: false, line: 9, column: 1 },
      { index: 3, hasSyntaxError: true, line: 11, column: 1 },
    ]);
  });

  it('decodes an empty first document as null', () => {
    const p = parseManifest(`---\n---\n${pod()}`);
    expect(p.value).toBeNull();
    expect(p.firstDocumentEmpty).toBe(true);
    expect(p.ignoredDocuments).toHaveLength(1);
  });

  it('reads a leading --- and a comment before it as one document', () => {
    const p = parseManifest(`# header\n---\n${pod()}`);
    expect(p.value).toMatchObject({ kind: 'Pod' });
    expect(p.ignoredDocuments).toEqual([]);
  });

  it('keeps the last of duplicate keys and reports the duplicate', () => {
    const p = parseManifest('a: 1\nb:\n  c: 1\n  c: 2\na: 3\n');
    expect(p.value).toEqual({ a: 3, b: { c: 2 } });
    expect(p.duplicateKeys).toEqual([
      { path: ['b', 'c'], line: 4, column: 3 },
      { path: ['a'], line: 5, column: 1 },
    ]);
  });

  it('applies merge keys like go-yaml v2 (later keys overwrite)', () => {
    const p = parseManifest('base: &b {x: 1, z: 2}\nm:\n  z: 0\n  <<: *b\n');
    expect(p.value).toEqual({ base: { x: 1, z: 2 }, m: { z: 2, x: 1 } });
  });

  it('turns non-string keys into strings as sigs.k8s.io/yaml does', () => {
    expect(parseManifest('labels:\n  1: a\n  true: b\n  y: c\n').value).toEqual({
      labels: { '1': 'a', true: 'c' },
    });
  });

  it('refuses tabs used for indentation', () => {
    const p = parseManifest('a:\n\tb: 1\n');
    expect(p.value).toBeUndefined();
    expect(p.syntaxError).toMatchObject({ line: 2 });
  });

  it('accepts a byte-order mark and CRLF line ends', () => {
    const p = parseManifest(`\ufeff${pod().replaceAll('\n', '\r\n')}`);
    expect(p.value).toMatchObject({ kind: 'Pod', metadata: { name: 'web' } });
    expect(p.positionOf(['metadata', 'name'])).toEqual({ line: 4, column: 3 });
  });

  it('refuses a binary file with the position of the first control character', () => {
    const p = parseManifest(new Uint8Array([0x61, 0x3a, 0x20, 0x00, 0x01, 0x0a]));
    expect(p.syntaxError).toMatchObject({
      line: 1,
      column: 4,
      kubeletError: 'yaml: control characters are not allowed',
      exact: true,
    });
  });

  it('refuses invalid UTF-8 in the first document', () => {
    const p = parseManifest(new Uint8Array([0x61, 0x3a, 0x20, 0xff, 0x0a]));
    expect(p.syntaxError).toMatchObject({ line: 1, column: 4 });
  });

  it('stops an alias bomb quickly', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const start = performance.now();
    const p = parseManifest(levels.join('\n'));
    expect(performance.now() - start).toBeLessThan(5000); // bounded, not a benchmark
    expect(p.syntaxError?.kubeletError).toBe('yaml: document contains excessive aliasing');
  });

  it('refuses an alias to its own anchor', () => {
    expect(parseManifest('a: &a [*a]\n').syntaxError?.kubeletError).toBe(
      "yaml: anchor 'a' value contains itself",
    );
  });

  it('does not crash on deeply nested flow collections', () => {
    const p = parseManifest(`a: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
    expect(p.value).toBeUndefined();
    expect(p.syntaxError).toBeDefined();
  });

  it('marks files of 10 MiB or more as too large without parsing them', () => {
    const p = parseManifest(new Uint8Array(10 * 1024 * 1024));
    expect(p.tooLarge).toBe(true);
    expect(p.value).toBeUndefined();
  });
});

describe('parseManifest: JSON like the kubelet', () => {
  it('treats content whose first non-space character is { as JSON', () => {
    const p = parseManifest(' \n {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}}');
    expect(p.format).toBe('json');
    expect(p.value).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } });
    expect(p.positionOf(['metadata', 'name'])).toEqual({ line: 2, column: 51 });
  });

  it('uses Go encoding/json error texts', () => {
    expect(parseManifest('{"a": [1, 2,]}').syntaxError?.kubeletError).toBe(
      "invalid character ']' looking for beginning of value",
    );
    expect(parseManifest('{"a": 1} x').syntaxError?.kubeletError).toBe(
      "invalid character 'x' after top-level value",
    );
    expect(parseManifest('{"a": tru}').syntaxError?.kubeletError).toBe(
      "invalid character '}' in literal true (expecting 'e')",
    );
    expect(parseManifest('{"a": 1').syntaxError?.kubeletError).toBe('unexpected end of JSON input');
  });

  it('does not treat a YAML flow mapping as YAML', () => {
    expect(parseManifest('{a: 1}').syntaxError?.kubeletError).toBe(
      "invalid character 'a' looking for beginning of object key string",
    );
  });

  it('does not take a BOM for whitespace (Go unicode.IsSpace)', () => {
    expect(parseManifest('\ufeff{"a": 1}').format).toBe('yaml');
  });

  it('keeps __proto__ as an ordinary key', () => {
    const value = parseManifest('{"__proto__": {"polluted": true}}').value as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
