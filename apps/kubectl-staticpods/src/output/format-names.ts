/**
 * The names of the output formats and which take an argument (`-o jsonpath=…`): plain data, so
 * declaring the `-o` flag loads no renderer. The renderers are in `formats.ts`.
 */
export const FORMAT_NAMES = [
  'text',
  'wide',
  'json',
  'yaml',
  'name',
  'jsonpath',
  'jsonpath-as-json',
  'custom-columns',
  'sarif',
  'junit',
] as const;

export type FormatName = (typeof FORMAT_NAMES)[number];

/** The formats written `-o NAME=ARGUMENT`. */
export const TAKES_ARGUMENT: ReadonlySet<FormatName> = new Set([
  'jsonpath',
  'jsonpath-as-json',
  'custom-columns',
]);

/** The formats as `-o` spells them: `jsonpath=…` for those that take an argument. */
export function formatList(supported: readonly FormatName[]): string[] {
  return supported.map((n) => (TAKES_ARGUMENT.has(n) ? `${n}=…` : n));
}

/** Formats that print tables, for which `--no-headers` means something. */
export const TABLE_FORMATS: ReadonlySet<FormatName> = new Set(['text', 'wide', 'custom-columns']);
