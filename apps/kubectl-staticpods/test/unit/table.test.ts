import { describe, expect, it } from 'vitest';
import { parseOutput } from '../../src/output/formats.js';
import { humanDuration } from '../../src/printers/age.js';
import { customColumnRows, goValue, parseCustomColumns } from '../../src/printers/custom-columns.js';
import { renderTable } from '../../src/printers/table.js';

describe('renderTable (kubectl tabwriter: minwidth 6, padding 3)', () => {
  it('pads every column but the last to its widest cell plus three spaces', () => {
    expect(
      renderTable([
        ['NAME', 'READY', 'STATUS', 'AGE'],
        ['etcd-cp-1', '1/1', 'Running', '5m'],
      ]),
    ).toBe('NAME        READY   STATUS    AGE\netcd-cp-1   1/1     Running   5m\n');
  });
  it('gives narrow columns six characters', () => {
    expect(
      renderTable([
        ['A', 'B'],
        ['x', 'y'],
      ]),
    ).toBe('A     B\nx     y\n');
  });
  it('counts characters, not bytes', () => {
    expect(
      renderTable([
        ['ÄÖÜ', 'x'],
        ['a', 'y'],
      ]),
    ).toBe('ÄÖÜ   x\na     y\n');
  });
  it('drops blanks after an empty last cell', () => {
    expect(
      renderTable([
        ['A', 'REASON'],
        ['loaded', ''],
      ]),
    ).toBe('A        REASON\nloaded\n');
  });
});

// kubectl's duration.HumanDuration, table by table.
describe.each([
  [0, '0s'],
  [-1500, '0s'],
  [-3000, '<invalid>'],
  [59_000, '59s'],
  [119_000, '119s'],
  [120_000, '2m'],
  [125_000, '2m5s'],
  [600_000, '10m'],
  [179 * 60_000, '179m'],
  [3 * 3_600_000, '3h'],
  [3 * 3_600_000 + 20 * 60_000, '3h20m'],
  [8 * 3_600_000, '8h'],
  [47 * 3_600_000, '47h'],
  [48 * 3_600_000, '2d'],
  [(3 * 24 + 4) * 3_600_000, '3d4h'],
  [10 * 24 * 3_600_000, '10d'],
  [(2 * 365 + 3) * 24 * 3_600_000, '2y3d'],
  [9 * 365 * 24 * 3_600_000, '9y'],
])('humanDuration(%i)', (ms, expected) => {
  it(`is ${expected}`, () => expect(humanDuration(ms)).toBe(expected));
});

describe('custom columns', () => {
  const items = [
    { metadata: { name: 'a', labels: { x: '1' } }, spec: { containers: [{ name: 'c1' }, { name: 'c2' }] } },
    { metadata: { name: 'b' } },
  ];
  it('relaxes paths, joins several values with commas and prints <none> for nothing', () => {
    const columns = parseCustomColumns(
      'NAME:.metadata.name,CONTAINERS:spec.containers[*].name,LABELS:{.metadata.labels}',
    );
    expect(customColumnRows(columns, items)).toEqual([
      ['a', 'c1,c2', 'map[x:1]'],
      ['b', '<none>', '<none>'],
    ]);
  });
  it('formats values like Go %v', () => {
    expect(goValue([1, 'a', true])).toBe('[1 a true]');
    expect(goValue({ b: 2, a: { c: null } })).toBe('map[a:map[c:<nil>] b:2]');
  });
  it('refuses a column without a path', () => {
    expect(() => parseCustomColumns('NAME')).toThrow(/expected <header>:<json-path-expr>/);
  });
});

describe('parseOutput', () => {
  const list = ['text', 'wide', 'json', 'yaml', 'name', 'jsonpath', 'custom-columns'] as const;
  it.each(['wide', 'json', 'yaml', 'name'])('accepts %s', (f) => expect(parseOutput(f, list).name).toBe(f));
  it('takes the first format when -o is not given', () => {
    expect(parseOutput(undefined, list)).toEqual({ name: 'text', argument: undefined });
  });
  it('refuses what kubectl refuses, and what the command does not print', () => {
    expect(() => parseOutput('xml', list)).toThrow(
      'unable to match a printer suitable for the output format "xml"',
    );
    expect(() => parseOutput('jsonpath=', list)).toThrow(
      'jsonpath template format specified but no template given',
    );
    expect(() => parseOutput('sarif', list)).toThrow(
      expect.objectContaining({
        message: 'unable to match a printer suitable for the output format "sarif"',
        hint: 'allowed formats are: text, wide, json, yaml, name, jsonpath=…, custom-columns=…',
      }),
    );
    expect(() => parseOutput('json=x', list)).toThrow(/output format "json=x"/);
  });
});
