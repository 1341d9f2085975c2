import { stringify } from 'yaml';
import { UserError } from '../errors.js';
import { type CustomColumn, customColumnRows, parseCustomColumns } from './custom-columns.js';
import { compileJsonPath, type JsonPath, sortKeys } from './jsonpath.js';
import { renderTable } from './table.js';

/** What `-o` asked for. */
export type OutputFormat =
  | { readonly kind: 'table'; readonly wide: boolean }
  | { readonly kind: 'json' }
  | { readonly kind: 'yaml' }
  | { readonly kind: 'name' }
  | { readonly kind: 'jsonpath'; readonly path: JsonPath; readonly asJson: boolean }
  | { readonly kind: 'custom-columns'; readonly columns: readonly CustomColumn[] };

export const KUBECTL_OUTPUTS = ['wide', 'json', 'yaml', 'name', 'jsonpath=…', 'custom-columns=…'] as const;

/**
 * Parses `-o` as kubectl does: `wide`, `json`, `yaml`, `name`, `jsonpath=TEMPLATE`,
 * `jsonpath-as-json=TEMPLATE`, `custom-columns=SPEC`; nothing means the table.
 * @throws UserError E_USAGE for anything else.
 */
export function parseOutputFormat(value: string | undefined): OutputFormat {
  if (value === undefined || value === '') return { kind: 'table', wide: false };
  if (value === 'wide') return { kind: 'table', wide: true };
  if (value === 'json' || value === 'yaml' || value === 'name') return { kind: value };
  const eq = value.indexOf('=');
  const name = eq < 0 ? value : value.slice(0, eq);
  const arg = eq < 0 ? '' : value.slice(eq + 1);
  if (name === 'jsonpath' || name === 'jsonpath-as-json') {
    if (arg === '')
      throw new UserError(
        'E_USAGE',
        `${name} template format specified but no template given`,
        `for example -o ${name}='{.items[*].metadata.name}'`,
      );
    return { kind: 'jsonpath', path: compileJsonPath(arg), asJson: name === 'jsonpath-as-json' };
  }
  if (name === 'custom-columns') return { kind: 'custom-columns', columns: parseCustomColumns(arg) };
  throw new UserError(
    'E_USAGE',
    `unable to match a printer suitable for the output format "${value}"`,
    'allowed formats are: custom-columns, json, jsonpath, jsonpath-as-json, name, wide, yaml',
  );
}

/** Something a command can print in every `-o` format. */
export interface Printable {
  /** What json, yaml and jsonpath see: a List, or the command's documented object. */
  readonly document: unknown;
  /** What custom-columns iterates over (the document's items). */
  readonly items: readonly unknown[];
  /** `-o name`: `pod/<name>` per item. */
  readonly names: readonly string[];
  /** Header and rows of the table; `wide` adds columns. */
  table(wide: boolean): {
    readonly headers: readonly string[];
    readonly rows: readonly (readonly string[])[];
  };
  /** Keys of API objects are sorted as kubectl sorts them; the tool's own documents keep their order. */
  readonly sortKeys?: boolean;
}

export function render(
  format: OutputFormat,
  printable: Printable,
  options: { noHeaders?: boolean } = {},
): string {
  const doc = printable.sortKeys ? sortKeys(printable.document) : printable.document;
  switch (format.kind) {
    case 'json':
      return `${JSON.stringify(doc, null, 4)}\n`;
    case 'yaml':
      return toYaml(doc);
    case 'name':
      return printable.names.map((n) => `${n}\n`).join('');
    case 'jsonpath':
      return format.asJson ? `${JSON.stringify(format.path.values(doc), null, 4)}\n` : format.path.print(doc);
    case 'custom-columns': {
      const rows = customColumnRows(format.columns, printable.items);
      const header = format.columns.map((c) => c.header);
      return renderTable(options.noHeaders ? rows : [header, ...rows]);
    }
    case 'table': {
      const { headers, rows } = printable.table(format.wide);
      if (rows.length === 0) return '';
      return renderTable(options.noHeaders ? rows : [headers, ...rows]);
    }
  }
}

/** YAML as kubectl prints it: block style, sequences not indented under their key, no line folding. */
export function toYaml(value: unknown): string {
  return stringify(value, {
    indentSeq: false,
    lineWidth: 0,
    minContentWidth: 0,
    aliasDuplicateObjects: false,
  });
}
