import type { Finding, SuppressedFinding } from '@staticpods/core';
import { formatVersion, KUBERNETES_SOURCE } from '@staticpods/core';
import { toolVersion } from '../version.js';
import type { CheckRun } from './check-run.js';

/** Bumped on any incompatible change; docs/json-schema/check-v1.json describes version 1. */
export const CHECK_SCHEMA_VERSION = 1;

/** A finding as the JSON output prints it: every key always present (`field` is null for file-level findings). */
export interface JsonFinding {
  readonly ruleId: string;
  readonly name: string;
  readonly severity: Finding['severity'];
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly field: string | null;
  readonly docsUrl: string;
  readonly logged: { readonly by: string; readonly message: string; readonly exact: boolean } | null;
}

export function jsonFinding(f: Finding): JsonFinding {
  return {
    ruleId: f.ruleId,
    name: f.name,
    severity: f.severity,
    message: f.message,
    file: f.file,
    line: f.line,
    column: f.column,
    field: f.field ?? null,
    docsUrl: f.docsUrl,
    logged: f.logged ? { by: f.logged.by, message: f.logged.message, exact: f.logged.exact } : null,
  };
}

export function checkDocument(run: CheckRun) {
  const count = (s: Finding['severity']) => run.findings.filter((f) => f.severity === s).length;
  return {
    schemaVersion: CHECK_SCHEMA_VERSION,
    tool: { name: 'kubectl-staticpods', version: toolVersion(), kubernetesSource: KUBERNETES_SOURCE },
    kubernetesVersion: formatVersion(run.kubernetesVersion),
    nodeName: run.nodeName ?? null,
    cluster: run.withCluster,
    configFile: run.configFile ?? null,
    inputs: run.inputs,
    files: run.files,
    findings: run.findings.map(jsonFinding),
    suppressed: run.suppressed.map((s: SuppressedFinding) => ({ ...jsonFinding(s), reason: s.reason })),
    summary: {
      errors: count('error'),
      warnings: count('warning'),
      infos: count('info'),
      suppressed: run.suppressed.length,
      files: run.files.length,
    },
  };
}
