import { UserError } from '../errors.js';
import { compileJsonPath, type JsonPath } from './jsonpath.js';
import { NONE } from './table.js';

export interface CustomColumn {
  readonly header: string;
  readonly path: JsonPath;
}

/**
 * Parses `NAME:.metadata.name,NODE:.spec.nodeName` the way kubectl's custom-columns printer
 * does: each path is relaxed to `{.path}` (`RelaxedJSONPathExpression` in k8s.io/kubectl
 * `pkg/cmd/get/customcolumn.go`).
 * @throws UserError E_USAGE for a column without `:` or a path kubectl would refuse.
 */
export function parseCustomColumns(spec: string): CustomColumn[] {
  if (spec.trim() === '') {
    throw new UserError(
      'E_USAGE',
      'custom-columns format specified but no custom columns given',
      'for example -o custom-columns=NAME:.metadata.name',
    );
  }
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) {
      throw new UserError(
        'E_USAGE',
        `unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`,
        'for example -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName',
      );
    }
    return { header: part.slice(0, colon), path: compileJsonPath(relax(part.slice(colon + 1))) };
  });
}

function relax(expression: string): string {
  if (expression === '') return expression;
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(expression);
  if (!m) {
    throw new UserError(
      'E_USAGE',
      `unexpected path string ${JSON.stringify(expression)}, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'`,
    );
  }
  return `{.${m[1] ?? m[2]}}`;
}

/** One row per item; several values in one cell are joined by commas, nothing found is `<none>`. */
export function customColumnRows(columns: readonly CustomColumn[], items: readonly unknown[]): string[][] {
  return items.map((item) =>
    columns.map((c) => {
      const values = c.path.values(item);
      return values.length === 0 ? NONE : values.map(goValue).join(',');
    }),
  );
}

/** Go's `fmt.Sprintf("%v", v)` for decoded JSON, which kubectl uses for custom-column cells. */
export function goValue(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(goValue).join(' ')}]`;
  const record = value as Record<string, unknown>;
  return `map[${Object.keys(record)
    .sort()
    .map((k) => `${k}:${goValue(record[k])}`)
    .join(' ')}]`;
}
