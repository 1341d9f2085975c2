import { formatFieldPath } from '../field-path.js';
import { kubeletVerdict } from '../kubelet/verdict.js';
import { byUtf8 } from '../manifest/go-json.js';
import type { ParsedManifest } from '../manifest/parse.js';
import {
  type DuplicateGroup,
  judgedEntry,
  type SourceEntry,
  type StaticPodPathReport,
} from '../source/read-static-pod-path.js';
import { type KubernetesVersion, NEWEST_KUBERNETES_VERSION } from '../versions.js';
import { allRules } from './registry.js';
import type { ClusterFacts, Finding, Report, ResolvedCheckOptions, Rule, Severity } from './rule.js';
import { suppressionsOf } from './suppressions.js';

/** A node name used when none is given: short, so that name-length checks stay conservative. */
export const PLACEHOLDER_NODE_NAME = 'node';

export interface CheckOptions {
  /** The kubelet's node name; mirror names and their limits depend on it. */
  readonly nodeName?: string;
  /** The Kubernetes version whose kubelet and API server to model. @default the newest (1.37) */
  readonly kubernetesVersion?: KubernetesVersion;
  /** Enables the rules that need them (namespace exists, PriorityClass exists, node labels). */
  readonly clusterFacts?: ClusterFacts;
  /** Rules to skip, by id (`SP027`) or name (`priority-missing`). */
  readonly disable?: readonly string[];
  /** Severity per rule id or name. */
  readonly severity?: Readonly<Record<string, Severity>>;
  /** @default allRules */
  readonly rules?: readonly Rule[];
}

/** A finding that an annotation on the manifest switched off, with the reason it gives. */
export interface SuppressedFinding extends Finding {
  readonly reason: string;
}

export interface CheckResult {
  /** Sorted by file, line, column and rule id. */
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
}

/** Checks every entry of a staticPodPath read by `readStaticPodPath`. */
export function checkStaticPodPath(report: StaticPodPathReport, options: CheckOptions = {}): CheckResult {
  return checkEntries(report.entries, report.duplicates, {
    ...options,
    nodeName: options.nodeName ?? report.nodeName,
  });
}

/** Checks one manifest that is not part of a directory (a single file, stdin, a string). */
export function checkManifest(manifest: ParsedManifest, options: CheckOptions = {}): CheckResult {
  const resolved = resolveOptions(options);
  const verdict = kubeletVerdict(manifest, {
    nodeName: resolved.nodeName,
    kubernetesVersion: resolved.kubernetesVersion,
  });
  const name = manifest.file.split('/').pop() ?? manifest.file;
  return checkEntries([judgedEntry(manifest.file, name, manifest, verdict)], [], options);
}

/** Runs the rules over entries; findings are collected for every file, never stopping at the first. */
export function checkEntries(
  entries: readonly SourceEntry[],
  duplicates: readonly DuplicateGroup[],
  options: CheckOptions = {},
): CheckResult {
  const resolved = resolveOptions(options);
  const rules = (options.rules ?? allRules).filter((r) => !isDisabled(r, options.disable ?? []));
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];

  const emit = (rule: Rule, entry: SourceEntry, report: Report) => {
    const finding = toFinding(rule, entry, report, severityFor(rule, report, options.severity ?? {}));
    const reason = entry.verdict?.pod
      ? (suppressionsOf(entry.verdict.pod).get(rule.id) ?? suppressionsOf(entry.verdict.pod).get(rule.name))
      : undefined;
    if (reason) suppressed.push({ ...finding, reason });
    else findings.push(finding);
  };

  // A bug in one rule must not hide the other findings: the failure becomes a finding of that rule.
  const guarded = (rule: Rule, entry: SourceEntry | undefined, run: () => void) => {
    try {
      run();
    } catch (error) {
      const target = entry ?? entries[0];
      if (!target) return;
      emit(rule, target, {
        message: `${rule.id} could not check this file (internal error of kubectl-staticpods, please report it): ${(error as Error)?.message ?? String(error)}`,
        severity: 'error',
      });
    }
  };
  for (const entry of entries) {
    for (const rule of rules)
      guarded(rule, entry, () => runRule(rule, entry, resolved, (r) => emit(rule, entry, r)));
  }
  for (const rule of rules) {
    if (rule.scope === 'set')
      guarded(rule, undefined, () =>
        rule.check({ options: resolved, entries, duplicates, report: (entry, r) => emit(rule, entry, r) }),
      );
  }
  return { findings: findings.sort(compareFindings), suppressed: suppressed.sort(compareFindings) };
}

function runRule(
  rule: Rule,
  entry: SourceEntry,
  options: ResolvedCheckOptions,
  report: (r: Report) => void,
): void {
  const { manifest, verdict } = entry;
  if (rule.scope === 'entry') rule.check({ entry, options, report });
  else if (rule.scope === 'manifest' && manifest && verdict)
    rule.check({ entry, options, report, manifest, verdict });
  else if (rule.scope === 'pod' && manifest && verdict?.pod && verdict.view) {
    rule.check({ entry, options, report, manifest, verdict, pod: verdict.pod, view: verdict.view });
  }
}

function resolveOptions(options: CheckOptions): ResolvedCheckOptions {
  return {
    nodeName: options.nodeName ?? PLACEHOLDER_NODE_NAME,
    nodeNameAssumed: options.nodeName === undefined,
    kubernetesVersion: options.kubernetesVersion ?? NEWEST_KUBERNETES_VERSION,
    ...(options.clusterFacts && { clusterFacts: options.clusterFacts }),
  };
}

function isDisabled(rule: Rule, disable: readonly string[]): boolean {
  return disable.some((d) => d.toUpperCase() === rule.id || d === rule.name);
}

function severityFor(rule: Rule, report: Report, overrides: Readonly<Record<string, Severity>>): Severity {
  return overrides[rule.id] ?? overrides[rule.name] ?? report.severity ?? rule.severity;
}

function toFinding(rule: Rule, entry: SourceEntry, report: Report, severity: Severity): Finding {
  const position =
    report.position ??
    (report.path && entry.manifest ? entry.manifest.positionOf(report.path) : { line: 1, column: 1 });
  return {
    ruleId: rule.id,
    name: rule.name,
    severity,
    message: report.message,
    file: entry.path,
    ...(report.path && report.path.length > 0 && { field: formatFieldPath(report.path), path: report.path }),
    line: position.line,
    column: position.column,
    ...(report.logged && { logged: report.logged }),
    docsUrl: rule.docsUrl,
  };
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    byUtf8(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}
