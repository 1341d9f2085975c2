/**
 * The one registry of output formats. A command names the formats it supports and hands a view
 * of its result; the format renders it. A view only needs what its formats use
 * ({@link ViewFor}): the type checker refuses a command that names `sarif` without giving a
 * `sarif()`. Adding a format is one entry here (see docs/architecture.md).
 */
// The writer's own entry: rendering needs no more of core than the writer (start-up).
import { formatJson, writeManifests, writeYamlDocument } from '@staticpods/core/write';
import { UserError } from '../errors.js';
import type { OutStream } from '../io.js';
import { type CustomColumn, customColumnRows, parseCustomColumns } from '../printers/custom-columns.js';
import { compileJsonPath, type JsonPath, sortKeys } from '../printers/jsonpath.js';
import { renderTable } from '../printers/table.js';
import { type FormatName, formatList } from './format-names.js';

export type { FormatName } from './format-names.js';

/** What a renderer may need besides the view. */
export interface RenderContext {
  /** `--no-headers`. */
  readonly noHeaders: boolean;
  /** Where the text goes (colours only on a terminal). */
  readonly stream: OutStream;
  /** The working directory (SARIF locations are relative to it). */
  readonly cwd: string;
}

export interface Table {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** What each format reads from a view (one key per format name). */
export interface Capabilities extends Record<FormatName, unknown> {
  /** The default, for people: a table, findings, a version line. */
  readonly text: { text(ctx: RenderContext): string };
  readonly wide: { table(wide: boolean): Table };
  readonly json: Documented;
  readonly yaml: Documented;
  readonly name: { readonly names: readonly string[] };
  readonly jsonpath: Documented;
  readonly 'jsonpath-as-json': Documented;
  readonly 'custom-columns': { readonly items: readonly unknown[] };
  readonly sarif: { sarif(ctx: RenderContext): unknown };
  readonly junit: { junit(): string };
}

interface Documented {
  /** What json, yaml and jsonpath print: a List, an object, or the command's documented object. */
  readonly document: unknown;
  /** For YAML: several objects as a stream of documents rather than one List. */
  readonly documents?: readonly unknown[];
  /** Keys of API objects are sorted as kubectl sorts them; the tool's own documents keep their order. */
  readonly sortKeys?: boolean;
}

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void
  ? I
  : never;

/** The view a command must give for the formats it supports. */
export type ViewFor<Fs extends FormatName> = UnionToIntersection<Capabilities[Fs]>;

interface Format<N extends FormatName, A = undefined> {
  /** `-o name=ARGUMENT`: how the argument is read (undefined: the format takes none). */
  readonly argument?: { readonly example: string; parse(text: string): A };
  render(view: Capabilities[N], argument: A, ctx: RenderContext): string;
}

function documentOf(view: Documented): unknown {
  return view.sortKeys ? sortKeys(view.document) : view.document;
}

function table(t: Table, ctx: RenderContext): string {
  if (t.rows.length === 0) return '';
  return renderTable(ctx.noHeaders ? t.rows : [t.headers, ...t.rows]);
}

/** Every format, in the order `--help` lists them. */
export const FORMATS: {
  readonly [N in FormatName]: Format<
    N,
    N extends 'jsonpath' | 'jsonpath-as-json'
      ? JsonPath
      : N extends 'custom-columns'
        ? readonly CustomColumn[]
        : undefined
  >;
} = {
  text: { render: (view, _, ctx) => view.text(ctx) },
  wide: { render: (view, _, ctx) => table(view.table(true), ctx) },
  json: { render: (view) => formatJson(documentOf(view)) },
  yaml: {
    render: (view) =>
      view.documents
        ? writeManifests(view.sortKeys ? view.documents.map(sortKeys) : view.documents)
        : writeYamlDocument(documentOf(view)),
  },
  name: { render: (view) => view.names.map((n) => `${n}\n`).join('') },
  jsonpath: {
    argument: { example: "'{.items[*].metadata.name}'", parse: compileJsonPath },
    render: (view, path) => path.print(documentOf(view)),
  },
  'jsonpath-as-json': {
    argument: { example: "'{.items[*].metadata.name}'", parse: compileJsonPath },
    render: (view, path) => formatJson(path.values(documentOf(view))),
  },
  'custom-columns': {
    argument: { example: 'NAME:.metadata.name,NODE:.spec.nodeName', parse: parseCustomColumns },
    render: (view, columns, ctx) => {
      const rows = customColumnRows(columns, view.items);
      return renderTable(ctx.noHeaders ? rows : [columns.map((c) => c.header), ...rows]);
    },
  },
  sarif: { render: (view, _, ctx) => formatJson(view.sarif(ctx)) },
  junit: { render: (view) => view.junit() },
};

/** A parsed `-o`: the format and its argument. */
export interface OutputChoice {
  readonly name: FormatName;
  readonly argument: unknown;
}

/**
 * Parses `-o` against the formats a command supports, as kubectl does (`jsonpath=TEMPLATE`,
 * `custom-columns=SPEC`); no value means the command's first format.
 * @throws UserError E_USAGE for a format the command does not support, or a bad argument.
 */
export function parseOutput(value: string | undefined, supported: readonly FormatName[]): OutputChoice {
  const fallback = supported[0] ?? 'text';
  if (value === undefined || value === '') return { name: fallback, argument: undefined };
  const eq = value.indexOf('=');
  const name = (eq < 0 ? value : value.slice(0, eq)) as FormatName;
  const text = eq < 0 ? '' : value.slice(eq + 1);
  const format = supported.includes(name) ? (FORMATS[name] as Format<FormatName, unknown>) : undefined;
  if (!format || (eq >= 0 && !format.argument)) {
    throw new UserError(
      'E_USAGE',
      `unable to match a printer suitable for the output format "${value}"`,
      `allowed formats are: ${formatList(supported).join(', ')}`,
    );
  }
  if (!format.argument) return { name, argument: undefined };
  if (text.trim() === '') {
    throw new UserError(
      'E_USAGE',
      name === 'custom-columns'
        ? 'custom-columns format specified but no custom columns given'
        : `${name} template format specified but no template given`,
      `for example -o ${name}=${format.argument.example}`,
    );
  }
  return { name, argument: format.argument.parse(text) };
}

/** Renders a view in the chosen format. */
export function render(choice: OutputChoice, view: unknown, ctx: RenderContext): string {
  const format = FORMATS[choice.name] as Format<FormatName, unknown>;
  return format.render(view as never, choice.argument, ctx);
}

/** The `text` of a view that is a table: kubectl's default output. */
export function tableText(view: { table(wide: boolean): Table }): (ctx: RenderContext) => string {
  return (ctx) => table(view.table(false), ctx);
}
