import { describe, expect, it } from 'vitest';
import { resolvePlainScalar, resolveTaggedScalar } from '../../src/manifest/go-yaml-scalars.js';

// Each row is what go-yaml v2 (resolve.go) gives an untagged plain scalar; the kubelet sees the same.
describe.each([
  ['0644', 420], // YAML 1.1 octal: defaultMode: 0644 is 420
  ['0o644', 420], // Go's ParseInt base 0 also takes 0o
  ['0x1F', 31],
  ['0b101', 5],
  ['-0b101', -5],
  ['1_000', 1000], // underscores are dropped
  ['08', 8], // not octal: falls through to the float regexp
  ['1e3', 1000], // a float without a dot, unlike YAML 1.1 proper
  ['.5', 0.5],
  ['+12', 12],
  ['-0', 0], // Go's ParseInt has no negative zero
  ['yes', true],
  ['Y', true],
  ['y', true],
  ['on', true],
  ['ON', true],
  ['no', false],
  ['n', false],
  ['Off', false],
  ['~', null],
  ['', null],
  ['Null', null],
  ['2001-12-14', '2001-12-14'], // timestamps stay strings for interface{} targets
  ['2001-12-14T21:59:43Z', '2001-12-14T21:59:43Z'],
  ['yEs', 'yEs'],
  ['0x', '0x'],
  ['1.2.3', '1.2.3'],
  ['.', '.'],
  ['100Mi', '100Mi'],
  ['9223372036854775807', Number(9223372036854775807n)],
  ['18446744073709551615', Number(18446744073709551615n)], // ParseUint range
])('resolvePlainScalar(%j)', (text, expected) => {
  it(`is ${JSON.stringify(expected)}`, () => {
    expect(resolvePlainScalar(text)).toBe(expected);
  });
});

describe('resolveTaggedScalar', () => {
  it('keeps !!str values as strings', () =>
    expect(resolveTaggedScalar('tag:yaml.org,2002:str', '0644')).toEqual({ value: '0644' }));
  it('resolves !!int', () => expect(resolveTaggedScalar('!!int', '0644')).toEqual({ value: 420 }));
  it('refuses a string tagged !!int like go-yaml', () =>
    expect(resolveTaggedScalar('!!int', 'abc')).toEqual({ error: 'cannot decode !!str `abc` as a !!int' }));
  it('leaves unknown tags alone', () => expect(resolveTaggedScalar('!custom', 'x')).toEqual({ value: 'x' }));
});
