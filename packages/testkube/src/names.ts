import { randomBytes } from 'node:crypto';

/**
 * `<prefix>-<6 hex>`: a name (of a node, a namespace) unique to one test, so test files sharing
 * one control plane never collide.
 */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}
