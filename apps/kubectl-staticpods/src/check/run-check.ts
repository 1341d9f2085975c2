import { readFile } from 'node:fs/promises';
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
  parseManifestDocuments,
  readStaticPodPath,
  type SuppressedFinding,
} from '@staticpods/core';
import type { CommandInput, CommandOutput } from '../cli/define.js';
import type { CheckFlags } from '../commands/check.js';
import { EXIT, UserError } from '../errors.js';
import { io } from '../io.js';
import type { ViewFor } from '../output/formats.js';
import { readStreamAtMost } from '../util/read-bounded.js';
import { type CheckRun, STDIN } from './check-run.js';
import { type CheckConfig, findConfigFile, loadConfig } from './config-file.js';
import { checkDocument } from './format-json.js';
import { formatJunit } from './format-junit.js';
import { sarifDocument } from './format-sarif.js';
import { formatText } from './format-text.js';

type CheckFormat = 'text' | 'json' | 'yaml' | 'sarif' | 'junit';

/** `kubectl staticpods check`: read → core rules → the findings; the exit code says whether errors were found. */
export async function runCheck(
  input: CommandInput<CheckFlags, CheckFormat>,
): Promise<CommandOutput<CheckRun, ViewFor<CheckFormat>>> {
  const { args: paths, flags } = input;
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
        'use a rule id such as SP013 or a name such as secret-reference ("kubectl staticpods rules" lists them)',
      );
  }
  const versionText = flags['kubernetes-version'] ?? config?.kubernetesVersion;
  const kubernetesVersion = versionText ? parseKubernetesVersion(versionText) : NEWEST_KUBERNETES_VERSION;
  const nodeName = flags.node ?? config?.nodeName;
  const disable = [...(config?.disable ?? []), ...(flags.disable ?? [])];
  const clusterFacts = flags.cluster ? await fetchFacts(flags, nodeName) : undefined;
  const options: CheckOptions = {
    kubernetesVersion,
    // Every document is checked on its own: that the kubelet would ignore the later ones is not news.
    disable: flags['all-documents'] ? [...disable, 'SP005'] : disable,
    severity: config?.severity ?? {},
    ...(nodeName !== undefined && { nodeName }),
    ...(clusterFacts && { clusterFacts }),
  };

  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const files: string[] = [];
  for (const path of paths) {
    const result = flags['all-documents']
      ? await checkDocuments(path, options)
      : path === '-'
        ? checkStdin(await readStdin(), options)
        : await checkPath(path, options, nodeName, kubernetesVersion);
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
  const failing = run.findings.filter(
    (f) => f.severity === 'error' || (flags['fail-on'] === 'warning' && f.severity === 'warning'),
  );
  const document = checkDocument(run);
  return {
    result: run,
    view: {
      text: (ctx) => formatText(run, ctx.stream),
      document,
      sarif: (ctx) => sarifDocument(run, ctx.cwd),
      junit: () => formatJunit(run),
    },
    exitCode: failing.length > 0 ? EXIT.findings : EXIT.ok,
  };
}

type Checked = { findings: readonly Finding[]; suppressed: readonly SuppressedFinding[]; files: string[] };

async function checkPath(
  input: string,
  options: CheckOptions,
  nodeName: string | undefined,
  kubernetesVersion: KubernetesVersion,
): Promise<Checked> {
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

/** stdin, read like a manifest file: the kubelet's 10 MiB limit, and nothing past it. */
async function readStdin(): Promise<{ bytes: Buffer; limitReached: boolean }> {
  return readStreamAtMost(io().stdin, kubeletConstants.MAX_MANIFEST_BYTES);
}

function checkStdin(read: { bytes: Buffer; limitReached: boolean }, options: CheckOptions): Checked {
  // SP002 judges a directory entry's name; stdin has none (core reports "<stdin>" as extension-less).
  const stdinOptions = { ...options, disable: [...(options.disable ?? []), 'SP002'] };
  const manifest = read.limitReached
    ? oversizedManifest(STDIN, read.bytes.length)
    : parseManifest(read.bytes, { file: STDIN });
  const result = checkManifest(manifest, stdinOptions);
  return { ...result, files: [STDIN] };
}

/**
 * `--all-documents`: every document of a file or of stdin on its own, as CI streams need
 * (`helm template … | check --all-documents -`). Documents of another kind than Pod are not
 * static Pods and are skipped, with a note.
 */
async function checkDocuments(input: string, options: CheckOptions): Promise<Checked> {
  let bytes: Buffer;
  const file = input === '-' ? STDIN : input;
  if (input === '-') {
    const read = await readStdin();
    if (read.limitReached) {
      throw new UserError(
        'E_INPUT',
        `${STDIN}: more than ${kubeletConstants.MAX_MANIFEST_BYTES} bytes; --all-documents reads at most the kubelet's manifest limit`,
        'split the stream, or check the files one by one',
      );
    }
    bytes = read.bytes;
  } else {
    const report = await readStaticPodPath(input, { nodeName: PLACEHOLDER_NODE_NAME });
    if (report.kind === 'missing')
      throw new UserError('E_INPUT', `${input}: no such file or directory`, 'check the path');
    if (report.kind !== 'file')
      throw new UserError(
        'E_USAGE',
        `${input}: --all-documents reads files and stdin, not directories`,
        'leave --all-documents out to read a staticPodPath the way the kubelet does',
      );
    bytes = await readFile(input);
  }
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const skipped: string[] = [];
  const documentOptions = { ...options, disable: [...(options.disable ?? []), 'SP002'] };
  for (const manifest of parseManifestDocuments(bytes, { file })) {
    const kind = (manifest.value as { kind?: unknown } | null | undefined)?.kind;
    if (typeof kind === 'string' && kind !== 'Pod') {
      skipped.push(kind);
      continue;
    }
    const result = checkManifest(manifest, documentOptions);
    for (const f of result.findings) findings.push(f);
    for (const f of result.suppressed) suppressed.push(f);
  }
  if (skipped.length > 0) {
    io().stderr.write(
      `note: ${file}: ${skipped.length} document(s) that are not Pods were not checked (${[...new Set(skipped)].join(', ')})\n`,
    );
  }
  return { findings, suppressed, files: [file] };
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
