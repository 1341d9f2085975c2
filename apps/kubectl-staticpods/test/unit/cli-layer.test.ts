import { describe, expect, it } from 'vitest';
import { allFlags } from '../../src/cli/define.js';
import { parseLabelSelector } from '../../src/list/label-selector.js';
import { FORMAT_NAMES } from '../../src/output/format-names.js';
import { FORMATS, parseOutput, render } from '../../src/output/formats.js';
import { COMMAND_SPECS, commandTable } from '../../src/registry.js';
import { closest } from '../../src/suggest.js';
import { flagName, OPTION_FLAGS } from '../../src/to-daemonset/option-flags.js';

describe('parseLabelSelector (kubectl -l)', () => {
  const labels = { component: 'etcd', tier: 'control-plane' };
  it.each([
    ['component=etcd', true],
    ['component==etcd', true],
    ['component!=etcd', false],
    ['component!=kube-apiserver', true],
    ['component', true],
    ['!component', false],
    ['!missing', true],
    ['missing!=x', true],
    ['component in (etcd,kube-apiserver)', true],
    ['component notin (etcd)', false],
    ['component=etcd,tier=control-plane', true],
    ['component=etcd,tier=node', false],
    ['', true],
  ])('%s → %s', (selector, expected) => expect(parseLabelSelector(selector)(labels)).toBe(expected));
  it('refuses what kubectl cannot parse', () => {
    expect(() => parseLabelSelector('a b')).toThrow('unable to parse requirement "a b"');
  });
});

describe('closest (did you mean)', () => {
  it.each([
    ['lsit', ['list', 'check'], 'list'],
    ['--manfests', ['--manifests', '--node'], '--manifests'],
    ['chek', ['list', 'check'], 'check'],
    ['xyzzy', ['list', 'check'], undefined],
  ])('%s → %s', (typed, candidates, expected) => expect(closest(typed, candidates)).toBe(expected));
});

describe('the command registry', () => {
  it('declares every command once, with ids unique', () => {
    const ids = COMMAND_SPECS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([
      'list',
      'check',
      'to-daemonset',
      'migrate',
      'export',
      'rules',
      'explain',
      'version',
    ]);
  });
  it('derives -o from the formats a command names, and --no-headers for tables', () => {
    const list = COMMAND_SPECS.find((c) => c.id === 'list');
    const version = COMMAND_SPECS.find((c) => c.id === 'version');
    expect(list && allFlags(list).output?.summary).toContain('jsonpath=…');
    expect(list && allFlags(list)['no-headers']).toBeDefined();
    expect(version && allFlags(version)['no-headers']).toBeUndefined();
  });
  it('gives every flag a unique short name within its command', () => {
    for (const spec of COMMAND_SPECS) {
      const chars = Object.values(allFlags(spec)).flatMap((f) => (f.char ? [f.char] : []));
      expect(new Set(chars).size, spec.id).toBe(chars.length);
    }
  });
  it('is data for completion: every command with its flags and formats', () => {
    const table = commandTable();
    const check = table.find((c) => c.id === 'check');
    expect(check?.formats).toEqual(['text', 'json', 'yaml', 'sarif', 'junit']);
    expect(check?.flags.find((f) => f.name === 'fail-on')).toMatchObject({
      takesValue: true,
      options: ['error', 'warning'],
    });
    expect(JSON.parse(JSON.stringify(table))).toEqual(table);
  });
});

describe('the format registry', () => {
  it('has a renderer for every format name', () => {
    expect(Object.keys(FORMATS).sort()).toEqual([...FORMAT_NAMES].sort());
  });
  it('indents JSON with four spaces everywhere, sarif included', () => {
    const ctx = { noHeaders: false, stream: { write() {} }, cwd: '/' };
    expect(render(parseOutput('json', ['json']), { document: { a: 1 } }, ctx)).toBe('{\n    "a": 1\n}\n');
    expect(render(parseOutput('sarif', ['sarif']), { sarif: () => ({ a: 1 }) }, ctx)).toBe(
      '{\n    "a": 1\n}\n',
    );
  });
  it('writes YAML with the kubelet-safe writer', () => {
    const ctx = { noHeaders: false, stream: { write() {} }, cwd: '/' };
    expect(render(parseOutput('yaml', ['yaml']), { document: { enabled: 'yes' } }, ctx)).toBe(
      'enabled: "yes"\n',
    );
  });
});

describe('converter remedies as flags', () => {
  it('names the flag of the option, --no-<flag> to turn a default off', () => {
    expect(flagName({ option: 'force', value: true, effect: 'x' })).toBe('--force');
    expect(flagName({ option: 'cutoverGate', value: false, effect: 'x' })).toBe('--no-cutover-gate');
    expect(flagName({ option: 'backupDir', effect: 'x' })).toBe('--backup-dir');
  });
  it('maps every option to a flag to-daemonset declares', () => {
    const spec = COMMAND_SPECS.find((c) => c.id === 'to-daemonset');
    const declared = Object.keys(spec ? allFlags(spec) : {});
    for (const flag of Object.values(OPTION_FLAGS)) if (flag) expect(declared).toContain(flag);
  });
});
