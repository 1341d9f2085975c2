import type { Finding } from '@staticpods/core';
import type { CheckRun } from './check-run.js';

/**
 * JUnit XML for CI test reports: one testsuite per file, one testcase per rule; error findings
 * are failures, warnings and info are printed in the testcase's system-out, suppressed findings
 * make it skipped, and rules that need --cluster are skipped without it.
 */
export function formatJunit(run: CheckRun): string {
  const byFile = new Map<string, Finding[]>();
  for (const f of [...run.findings, ...run.suppressed])
    byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const files = [...new Set([...run.files, ...byFile.keys()])];
  const suppressed = new Set<Finding>(run.suppressed);
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  const suites = files.map((file) => {
    const findings = byFile.get(file) ?? [];
    let suiteFailures = 0;
    let suiteSkipped = 0;
    const cases = run.rules.map((rule) => {
      const mine = findings.filter((f) => f.ruleId === rule.id);
      const open = mine.filter((f) => !suppressed.has(f));
      const errors = open.filter((f) => f.severity === 'error');
      const notes = open.filter((f) => f.severity !== 'error');
      const name = attr(`${rule.id} ${rule.name}`);
      const body: string[] = [];
      if (errors.length > 0) {
        suiteFailures++;
        body.push(
          `      <failure message="${attr(errors[0]?.message ?? '')}" type="error">${text(errors.map(line).join('\n'))}</failure>`,
        );
      } else if (rule.needs === 'cluster-facts' && !run.withCluster) {
        suiteSkipped++;
        body.push('      <skipped message="needs --cluster"/>');
      } else if (mine.length > 0 && open.length === 0) {
        suiteSkipped++;
        const reasons = mine.map((f) => (f as Finding & { reason?: string }).reason ?? '').join('; ');
        body.push(`      <skipped message="${attr(`suppressed: ${reasons}`)}"/>`);
      }
      if (notes.length > 0) body.push(`      <system-out>${text(notes.map(line).join('\n'))}</system-out>`);
      return body.length === 0
        ? `    <testcase name="${name}" classname="${attr(file)}"/>`
        : `    <testcase name="${name}" classname="${attr(file)}">\n${body.join('\n')}\n    </testcase>`;
    });
    tests += cases.length;
    failures += suiteFailures;
    skipped += suiteSkipped;
    return `  <testsuite name="${attr(file)}" tests="${cases.length}" failures="${suiteFailures}" errors="0" skipped="${suiteSkipped}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="kubectl staticpods check" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function line(f: Finding): string {
  return `${f.file}:${f.line}:${f.column}  ${f.severity}  ${f.message}  ${f.ruleId} ${f.name}`;
}

/** XML 1.0 forbids most control characters even when escaped; they are replaced. */
function clean(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD');
}

function attr(s: string): string {
  return clean(s)
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\n/g, '&#10;');
}

function text(s: string): string {
  return clean(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
