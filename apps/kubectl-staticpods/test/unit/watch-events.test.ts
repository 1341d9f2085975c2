import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { handle } from '../../src/list/watch-list.js';

const pod = (resourceVersion: string): Pod => ({ metadata: { name: 'etcd-n1', resourceVersion } });

describe('one watch event', () => {
  it('a change is applied and moves the watch to its version', () => {
    const seen: string[] = [];
    expect(handle({ type: 'MODIFIED', object: pod('12') }, (type) => seen.push(type))).toBe('12');
    expect(seen).toEqual(['MODIFIED']);
  });
  it('a bookmark only moves the version', () => {
    const seen: string[] = [];
    expect(handle({ type: 'BOOKMARK', object: pod('30') }, (type) => seen.push(type))).toBe('30');
    expect(seen).toEqual([]);
  });
  it('an ERROR with a 410 Status means: list again', () => {
    const status = { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version' };
    expect(handle({ type: 'ERROR', object: status }, () => undefined)).toBe('gone');
  });
  it('any other ERROR ends the watch with its message', () => {
    const status = { kind: 'Status', code: 500, message: 'etcdserver: request timed out' };
    expect(() => handle({ type: 'ERROR', object: status }, () => undefined)).toThrow(
      'the watch of Pods ended with an error: etcdserver: request timed out',
    );
  });
});
