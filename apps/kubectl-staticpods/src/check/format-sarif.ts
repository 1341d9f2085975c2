import path from 'node:path';
import { type Finding, KUBERNETES_SOURCE, type Severity } from '@staticpods/core';
import { toolVersion } from '../version.js';
import { type CheckRun, STDIN } from './check-run.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

/**
 * SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/): one run, the rules that ran
 * with their help text and docs URL, one result per finding with its location relative to the
 * working directory (`%SRCROOT%`), suppressed findings marked `inSource` with their reason.
 */
export function sarifDocument(run: CheckRun, cwd: string): unknown {
  const rules = run.rules;
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const result = (f: Finding, reason?: string) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId) ?? -1,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifact(f.file, cwd),
          region: { startLine: f.line, startColumn: f.column },
        },
        ...(f.field && { logicalLocations: [{ fullyQualifiedName: f.field, kind: 'member' }] }),
      },
    ],
    ...(reason !== undefined && { suppressions: [{ kind: 'inSource', justification: reason }] }),
  });
  const doc = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kubectl-staticpods',
            version: toolVersion(),
            informationUri: 'https://github.com/kubectl-staticpods/kubectl-staticpods',
            properties: { kubernetesSource: KUBERNETES_SOURCE },
            rules: rules.map((r) => ({
              id: r.id,
              name: r.name,
              shortDescription: { text: r.summary },
              fullDescription: { text: r.description },
              help: {
                text: r.remediation,
                markdown: `${r.remediation}\n\n[${r.id} ${r.name}](${r.docsUrl})`,
              },
              helpUri: r.docsUrl,
              defaultConfiguration: { level: LEVEL[r.severity] },
              properties: { category: r.category, tags: [r.category] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileUri(cwd)}/` } },
        results: [...run.findings.map((f) => result(f)), ...run.suppressed.map((s) => result(s, s.reason))],
      },
    ],
  };
  return doc;
}

function artifact(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  if (file === STDIN) return { uri: 'stdin' };
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  if (!relative.startsWith('..') && !path.isAbsolute(relative)) {
    return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  }
  return { uri: pathToFileUri(absolute) };
}

function pathToFileUri(p: string): string {
  return `file://${p.split(path.sep).map(encodeURIComponent).join('/')}`;
}
