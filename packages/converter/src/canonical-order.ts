import { canonicalize } from '@staticpods/core';

/** A stable string for comparing JSON-like values (key order does not matter). */
export function stableJson(value: unknown): string {
  return JSON.stringify(canonicalize(value, false)) ?? 'undefined';
}
