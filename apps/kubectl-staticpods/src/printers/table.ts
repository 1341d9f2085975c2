/**
 * Aligns rows the way kubectl does: Go's `text/tabwriter` with minwidth 6, padding 3 and
 * spaces (k8s.io/cli-runtime `pkg/printers/tabwriter.go` `GetNewTabWriter`). Every column but
 * the last is padded to its widest cell plus three spaces (at least six characters); the last
 * column is never padded. Widths count characters, not bytes.
 */
export function renderTable(
  rows: readonly (readonly string[])[],
  options: { minWidth?: number; padding?: number } = {},
): string {
  const widths = columnWidths(rows, options);
  let out = '';
  for (const row of rows) out += tableLine(row, widths);
  return out;
}

/** The width of every column but the last, as {@link renderTable} lays them out. */
export function columnWidths(
  rows: readonly (readonly string[])[],
  options: { minWidth?: number; padding?: number } = {},
): number[] {
  const minWidth = options.minWidth ?? 6;
  const padding = options.padding ?? 3;
  const columns = Math.max(0, ...rows.map((r) => r.length));
  const widths: number[] = [];
  for (let c = 0; c < columns - 1; c++) {
    let width = minWidth;
    for (const row of rows) {
      const cell = row[c];
      if (cell !== undefined && c < row.length - 1) width = Math.max(width, textWidth(cell) + padding);
    }
    widths.push(width);
  }
  return widths;
}

/**
 * One row laid out in given column widths (a cell wider than its column pushes the rest right,
 * keeping three spaces), with its newline.
 */
export function tableLine(row: readonly string[], widths: readonly number[], padding = 3): string {
  let line = '';
  row.forEach((cell, c) => {
    line +=
      c < row.length - 1 ? cell + ' '.repeat(Math.max((widths[c] ?? 0) - textWidth(cell), padding)) : cell;
  });
  // kubectl's tabwriter pads a cell followed by an empty last cell; trailing blanks are dropped here.
  return `${line.trimEnd()}\n`;
}

function textWidth(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** kubectl's placeholder for an empty cell. */
export const NONE = '<none>';

export function cell(value: string | number | undefined | null): string {
  if (value === undefined || value === null || value === '') return NONE;
  return String(value);
}
