import type { Finding } from '@staticpods/core';
import { type OutStream, useColor } from '../io.js';
import type { CheckRun } from './check-run.js';

const COLORS = { error: '31', warning: '33', info: '36' } as const;

/**
 * One line per finding, `file:line:col  severity  message  SP0xx name` (what editors and CI
 * annotators parse), then a summary. Colours only on a terminal, and never with NO_COLOR.
 */
export function formatText(run: CheckRun, stream: OutStream): string {
  const color = useColor(stream);
  const paint = (code: string, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const lines = run.findings.map(
    (f) =>
      `${f.file}:${f.line}:${f.column}  ${paint(COLORS[f.severity], f.severity)}  ${f.message}  ${paint('2', `${f.ruleId} ${f.name}`)}`,
  );
  const summary = summaryLine(run.findings, run.files.length, run.suppressed.length);
  return `${lines.join('\n')}${lines.length > 0 ? '\n\n' : ''}${paint('1', summary)}\n`;
}

export function summaryLine(findings: readonly Finding[], files: number, suppressed: number): string {
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  const [errors, warnings, infos] = [count('error'), count('warning'), count('info')];
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 || word === 'info' ? '' : 's'}`;
  const parts = [plural(errors, 'error'), plural(warnings, 'warning'), plural(infos, 'info')];
  const where = `in ${plural(files, 'file')}`;
  const tail = suppressed > 0 ? ` (${suppressed} suppressed)` : '';
  if (errors + warnings + infos === 0) return `no problems ${where}${tail}`;
  return `${parts.join(', ')} ${where}${tail}`;
}
