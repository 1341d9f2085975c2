import { describe, expect, it } from 'vitest';
import {
  duplicate,
  FieldErrorType,
  forbidden,
  formatErrorList,
  GoNamed,
  internalError,
  invalid,
  notFound,
  notSupported,
  required,
  tooLong,
  tooMany,
  typeInvalid,
} from '../../src/pod-api/index.js';

const path = ['spec', 'containers', 0, 'resources', 'limits', 'example.com/gpu'];

describe('field errors print like field.Error.Error()', () => {
  it('prints the path with indexes and map keys', () => {
    expect(required(path).field).toBe('spec.containers[0].resources.limits[example.com/gpu]');
  });

  it('prints no value for Required, Forbidden, TooLong and Internal', () => {
    expect(required(['a']).message).toBe('a: Required value');
    expect(required(['a'], 'why').message).toBe('a: Required value: why');
    expect(forbidden(['a'], 'no').message).toBe('a: Forbidden: no');
    expect(tooLong(['a'], 1).message).toBe('a: Too long: may not be more than 1 byte');
    expect(tooLong(['a'], 262144).message).toBe('a: Too long: may not be more than 262144 bytes');
    expect(tooLong(['a'], -1).message).toBe('a: Too long: value is too long');
    expect(internalError(['a'], 'boom').message).toBe('a: Internal error: boom');
  });

  it('quotes strings with %q, prints numbers and booleans plainly and the rest as JSON', () => {
    expect(invalid(['a'], 'x"y', 'd').message).toBe('a: Invalid value: "x\\"y": d');
    expect(invalid(['a'], 70000, 'd').message).toBe('a: Invalid value: 70000: d');
    expect(invalid(['a'], true, 'd').message).toBe('a: Invalid value: true: d');
    expect(invalid(['a'], ['1.1.1.1', '<x>'], 'd').message).toBe(
      'a: Invalid value: ["1.1.1.1","\\u003cx\\u003e"]: d',
    );
    expect(invalid(['a'], { b: 1, a: null }, 'd').message).toBe('a: Invalid value: {"a":null,"b":1}: d');
    expect(invalid(['a'], new GoNamed('<x>'), 'd').message).toBe('a: Invalid value: "\\u003cx\\u003e": d');
    expect(typeInvalid(['a'], 'x', 'd').message).toBe('a: Invalid value: "x": d');
    expect(invalid(['a'], '', 'd').message).toBe('a: Invalid value: "": d');
  });

  it('words NotSupported, Duplicate, NotFound and TooMany like Go', () => {
    expect(notSupported(['p'], new GoNamed('HTTP'), ['SCTP', 'TCP', 'UDP']).message).toBe(
      'p: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    );
    expect(notSupported(['p'], 'x', []).message).toBe('p: Unsupported value: "x"');
    expect(duplicate(['p'], 'TCP//80').message).toBe('p: Duplicate value: "TCP//80"');
    expect(notFound(['p'], 'vol').message).toBe('p: Not found: "vol"');
    expect(notFound(['p'], 'c', 'must be one of x').message).toBe('p: Not found: "c": must be one of x');
    expect(tooMany(['p'], 21, 20).message).toBe('p: Too many: 21: must have at most 20 items');
    expect(tooMany(['p'], -1, 1).message).toBe('p: Too many: must have at most 1 item');
  });

  it('keeps the type, path, detail and bad value', () => {
    const e = invalid(['spec', 'hostname'], 'A', 'bad');
    expect(e).toEqual({
      type: FieldErrorType.Invalid,
      path: ['spec', 'hostname'],
      field: 'spec.hostname',
      badValue: 'A',
      detail: 'bad',
      message: 'spec.hostname: Invalid value: "A": bad',
    });
    expect(notSupported(['a'], new GoNamed('X'), ['Y']).badValue).toBe('X');
  });

  it('formats a list like %v of a field.ErrorList', () => {
    expect(formatErrorList([required(['a']), forbidden(['b'], 'no')])).toBe(
      '[a: Required value b: Forbidden: no]',
    );
    expect(formatErrorList([])).toBe('[]');
  });
});
