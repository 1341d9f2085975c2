import { parseManifest } from '@staticpods/core';
import { YAML_LOOK_ALIKES } from '@staticpods/core/testing';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { toJson, toYaml } from '../src/index.js';

describe('toYaml', () => {
  it('puts apiVersion, kind, metadata and spec first, then sorts every level', () => {
    const yaml = toYaml([
      { status: 1, spec: { b: 1, a: [{ z: 1, y: 2 }] }, metadata: { name: 'x' }, kind: 'K', apiVersion: 'v' },
    ]);
    expect(yaml).toBe(
      'apiVersion: v\nkind: K\nmetadata:\n  name: x\nspec:\n  a:\n  - "y": 2\n    z: 1\n  b: 1\nstatus: 1\n',
    );
  });

  it('separates documents with ---', () => {
    expect(toYaml([{ kind: 'A' }, { kind: 'B' }])).toBe('kind: A\n---\nkind: B\n');
    expect(toYaml([])).toBe('');
  });

  it.each(YAML_LOOK_ALIKES)(
    'keeps %j a string for go-yaml v2 (the kubelet, kubectl) and YAML 1.2 readers',
    (value) => {
      const yaml = toYaml([{ kind: 'ConfigMap', data: { [value || 'empty']: value } }]);
      expect(parseManifest(yaml).value).toEqual({ kind: 'ConfigMap', data: { [value || 'empty']: value } });
      expect(parse(yaml)).toEqual({ kind: 'ConfigMap', data: { [value || 'empty']: value } });
    },
  );

  it('quotes the strings YAML 1.1 readers would turn into booleans or numbers', () => {
    // Without quotes go-yaml v2 reads these as true, 420, 1000, 1000, 80 and 12.
    expect(parseManifest('a: yes\nb: 0644\nc: 1e3\nd: 1_000\ne: 1:20\nf: 0o14\n').value).toEqual({
      a: true,
      b: 420,
      c: 1000,
      d: 1000,
      e: '1:20',
      f: 12,
    });
    expect(
      toYaml([{ a: 'yes', b: '0644', c: '1e3', d: '1_000', e: '1:20', f: '0o14', g: 'on', h: 'y' }]),
    ).toBe('a: "yes"\nb: "0644"\nc: "1e3"\nd: "1_000"\ne: "1:20"\nf: "0o14"\ng: "on"\nh: "y"\n');
  });

  it('never folds long lines and writes multi-line strings as literal blocks', () => {
    const long = `--flag=${'x'.repeat(200)}`;
    expect(toYaml([{ args: [long], script: 'a\nb\n' }])).toBe(`args:\n- ${long}\nscript: |\n  a\n  b\n`);
  });
});

describe('toJson', () => {
  it('writes one object as it is and several as a v1 List, in canonical order', () => {
    expect(toJson([{ spec: {}, kind: 'A', apiVersion: 'v' }])).toBe(
      '{\n    "apiVersion": "v",\n    "kind": "A",\n    "spec": {}\n}\n',
    );
    expect(JSON.parse(toJson([{ kind: 'A' }, { kind: 'B' }]))).toEqual({
      apiVersion: 'v1',
      kind: 'List',
      items: [{ kind: 'A' }, { kind: 'B' }],
    });
    expect(toJson([{ b: 1, kind: 'A' }, { kind: 'B' }]).indexOf('"kind": "A"')).toBeLessThan(
      toJson([{ b: 1, kind: 'A' }, { kind: 'B' }]).indexOf('"b": 1'),
    );
  });
});
