import {
  allRules,
  type CheckOptions,
  type ClusterFacts,
  checkEntries,
  checkManifest,
  compareFindings,
  type Finding,
  findRule,
  type KubernetesVersion,
  kubeletConstants,
  NEWEST_KUBERNETES_VERSION,
  oversizedManifest,
  PLACEHOLDER_NODE_NAME,
  parseKubernetesVersion,
  parseManifest,
  type Rule,
  readStaticPodPath,
  type SuppressedFinding,
} from '@staticpods/core';
import { EXIT, UserError } from '../errors.js';
import { io } from '../io.js';
import type { ConnectFlags } from '../kube/connect.js';
import { readStreamAtMost } from '../util/read-bounded.js';
import { type CheckConfig, findConfigFile, loadConfig } from './config-file.js';
import { formatJson } from './format-json.js';
import { formatJunit } from './format-junit.js';
import { formatSarif } from './format-sarif.js';
import { formatText } from './format-text.js';

export interface CheckFlags extends Omit<ConnectFlags, 'cluster'> {
  readonly output: 'text' | 'json' | 'sarif' | 'junit';
  readonly 'kubernetes-version'?: string;
  readonly node?: string;
  readonly disable?: readonly string[];
  readonly config?: string;
  readonly 'fail-on': 'error' | 'warning';
  readonly cluster?: boolean;
}

/** Everything the formats print: the findings and what they came from. */
export interface CheckRun {
  readonly inputs: readonly string[];
  /** Every file looked at, in order (directory entries and `<stdin>`). */
  readonly files: readonly string[];
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  /** The rules that ran. */
  readonly rules: readonly Rule[];
  readonly kubernetesVersion: KubernetesVersion;
  readonly nodeName?: string;
  readonly configFile?: string;
  /** Cluster facts were fetched (`--cluster`): the rules that need them ran. */
  readonly withCluster: boolean;
}

export const STDIN = '<stdin>';

/** `kubectl staticpods check`: read → core rules → print; the exit code says whether errors were found. */
export async function runCheck(paths: readonly string[], flags: CheckFlags): Promise<void> {
  if (paths.length === 0) {
    throw new UserError(
      'E_USAGE',
      'check needs a file, a directory or - (stdin)',
      'for example: kubectl staticpods check /etc/kubernetes/manifests',
    );
  }
  if (paths.filter((p) => p === '-').length > 1)
    throw new UserError('E_USAGE', '- (stdin) can be given only once', 'pass - once');
  const configFile = findConfigFile(flags.config, io().cwd);
  const config: CheckConfig | undefined = configFile ? loadConfig(configFile) : undefined;
  for (const rule of flags.disable ?? []) {
    if (!findRule(rule))
      throw new UserError(
        'E_USAGE',
        `unknown rule "${rule}" in --disable`,
        'use a rule id such as SP013 or a name such as secret-reference (docs/rules.md)',
      );
  }
  const versionText = flags['kubernetes-version'] ?? config?.kubernetesVersion;
  const kubernetesVersion = versionText ? parseKubernetesVersion(versionText) : NEWEST_KUBERNETES_VERSION;
  const nodeName = flags.node ?? config?.nodeName;
  const disable = [...(config?.disable ?? []), ...(flags.disable ?? [])];
  const clusterFacts = flags.cluster ? await fetchFacts(flags, nodeName) : undefined;
  const options: CheckOptions = {
    kubernetesVersion,
    disable,
    severity: config?.severity ?? {},
    ...(nodeName !== undefined && { nodeName }),
    ...(clusterFacts && { clusterFacts }),
  };

  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const files: string[] = [];
  for (const input of paths) {
    const result =
      input === '-'
        ? await checkStdin(options)
        : await checkPath(input, options, nodeName, kubernetesVersion);
    // Loops, not push(...list): a directory can hold more findings than a call takes arguments.
    for (const f of result.findings) findings.push(f);
    for (const f of result.suppressed) suppressed.push(f);
    for (const f of result.files) files.push(f);
  }
  const run: CheckRun = {
    inputs: paths,
    files,
    findings: findings.sort(compareFindings),
    suppressed: suppressed.sort(compareFindings),
    rules: allRules.filter((r) => !disable.some((d) => d.toUpperCase() === r.id || d === r.name)),
    kubernetesVersion,
    ...(nodeName !== undefined && { nodeName }),
    ...(configFile !== undefined && { configFile }),
    withCluster: clusterFacts !== undefined,
  };
  const out = io().stdout;
  switch (flags.output) {
    case 'json':
      out.write(formatJson(run));
      break;
    case 'sarif':
      out.write(formatSarif(run));
      break;
    case 'junit':
      out.write(formatJunit(run));
      break;
    default:
      out.write(formatText(run, out));
  }
  const failing = run.findings.filter(
    (f) => f.severity === 'error' || (flags['fail-on'] === 'warning' && f.severity === 'warning'),
  );
  io().exitCode = failing.length > 0 ? EXIT.findings : EXIT.ok;
}

async function checkPath(
  input: string,
  options: CheckOptions,
  nodeName: string | undefined,
  kubernetesVersion: KubernetesVersion,
): Promise<{ findings: readonly Finding[]; suppressed: readonly SuppressedFinding[]; files: string[] }> {
  const report = await readStaticPodPath(input, {
    nodeName: nodeName ?? PLACEHOLDER_NODE_NAME,
    kubernetesVersion,
  });
  if (report.kind === 'missing')
    throw new UserError('E_INPUT', `${input}: no such file or directory`, 'check the path');
  if (report.kind === 'other')
    throw new UserError(
      'E_INPUT',
      `${input}: ${report.pathError ?? 'not a directory or file'}`,
      'pass a manifest file, a directory or - (stdin)',
    );
  const result = checkEntries(report.entries, report.duplicates, options);
  return { ...result, files: report.entries.map((e) => e.path) };
}

async function checkStdin(
  options: CheckOptions,
): Promise<{ findings: readonly Finding[]; suppressed: readonly SuppressedFinding[]; files: string[] }> {
  // Read like a manifest file: the kubelet's 10 MiB limit, and nothing past it.
  const read = await readStreamAtMost(io().stdin, kubeletConstants.MAX_MANIFEST_BYTES);
  // SP002 judges a directory entry's name; stdin has none (core reports "<stdin>" as extension-less).
  const stdinOptions = { ...options, disable: [...(options.disable ?? []), 'SP002'] };
  const manifest = read.limitReached
    ? oversizedManifest(STDIN, read.bytes.length)
    : parseManifest(read.bytes, { file: STDIN });
  const result = checkManifest(manifest, stdinOptions);
  return { ...result, files: [STDIN] };
}

async function fetchFacts(flags: CheckFlags, nodeName: string | undefined): Promise<ClusterFacts> {
  const [{ connect }, { fetchClusterFacts }] = await Promise.all([
    import('../kube/connect.js'),
    import('../kube/cluster-facts.js'),
  ]);
  const { cluster: _, ...connection } = flags;
  const transport = await connect(connection);
  try {
    const { facts, nodeMissing } = await fetchClusterFacts(transport, nodeName);
    if (nodeMissing) {
      io().stderr.write(
        `warning: node "${nodeName}" is not in the cluster; the node checks (SP033) are skipped\n`,
      );
    } else if (nodeName === undefined) {
      io().stderr.write('note: no --node given; the node checks (SP033) are skipped\n');
    }
    return facts;
  } finally {
    transport.close();
  }
}
