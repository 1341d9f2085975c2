import type { K } from './go-type-kinds.js';
import { GO_TYPE_ROWS } from './go-types.js';

/** A Go type of the v1.Pod tree, linked from the generated rows of `go-types.ts`. */
export interface TypeInfo {
  readonly kind: K;
  readonly goType: string;
  elem: TypeInfo | undefined;
  readonly structName: string;
  readonly fields: Map<string, { type: TypeInfo; embedded: readonly string[] }>;
}

const TYPES: TypeInfo[] = GO_TYPE_ROWS.map(([kind, goType, , structName]) => ({
  kind,
  goType,
  elem: undefined,
  structName,
  fields: new Map(),
}));
GO_TYPE_ROWS.forEach(([, , elem, , fields], i) => {
  const t = TYPES[i] as TypeInfo;
  if (elem >= 0) t.elem = TYPES[elem];
  for (const [name, row, embeddedIn] of fields) {
    t.fields.set(name, { type: TYPES[row] as TypeInfo, embedded: embeddedIn ? embeddedIn.split('.') : [] });
  }
});
export const POD = TYPES[0] as TypeInfo;

export function isObject(v: unknown): v is object {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
