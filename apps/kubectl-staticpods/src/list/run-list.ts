import { hostname } from 'node:os';
import {
  type ClusterFacts,
  correlateFilesAndMirrors,
  DEFAULT_NODE_MANIFEST_PATH,
  NEWEST_KUBERNETES_VERSION,
  parseKubernetesVersion,
  readStaticPodPath,
  type StaticPodPathReport,
} from '@staticpods/core';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { UserError } from '../errors.js';
import { io } from '../io.js';
import type { ConnectFlags } from '../kube/connect.js';
import { type OutputFormat, type Printable, parseOutputFormat, render } from '../printers/output.js';
import {
  driftPrintable,
  manifestsPrintable,
  mirrorGroupsPrintable,
  mirrorPodsPrintable,
} from './printables.js';
import { progressLine } from './progress.js';

export interface ListFlags extends ConnectFlags {
  readonly manifests?: string;
  readonly node?: string;
  readonly drift?: boolean;
  readonly 'node-path'?: string;
  readonly group?: boolean;
  readonly kubelet?: boolean;
  readonly 'kubernetes-version'?: string;
  readonly selector?: string;
  readonly namespace?: string;
  readonly 'all-namespaces'?: boolean;
  readonly output?: string;
  readonly 'no-headers'?: boolean;
}

/** `kubectl staticpods list`: parse → read files and/or the cluster → print. */
export async function runList(flags: ListFlags): Promise<void> {
  const format = parseOutputFormat(flags.output);
  if (flags.drift && flags.manifests === undefined) {
    throw new UserError(
      'E_USAGE',
      '--drift compares files with mirror Pods and needs --manifests PATH',
      "add --manifests /etc/kubernetes/manifests (the kubelet's staticPodPath)",
    );
  }
  if (flags['node-path'] !== undefined && !flags.drift) {
    throw new UserError(
      'E_USAGE',
      "--node-path says where the node reads the files, for --drift's comparison",
      'add --drift, or drop --node-path',
    );
  }
  if (flags.group && flags.manifests !== undefined) {
    throw new UserError(
      'E_USAGE',
      '--group lists mirror Pods from the cluster and cannot be combined with --manifests',
      'drop one of the two flags',
    );
  }
  if (flags.kubelet) return (await import('./kubelet-list.js')).listKubelet(flags, format);
  if (flags.manifests === undefined) return listCluster(flags, format);
  return listManifests(flags, format, flags.manifests);
}

async function listManifests(flags: ListFlags, format: OutputFormat, input: string): Promise<void> {
  const kubernetesVersion = flags['kubernetes-version']
    ? parseKubernetesVersion(flags['kubernetes-version'])
    : NEWEST_KUBERNETES_VERSION;
  const nodeFrom = flags.node ? 'flag' : 'hostname';
  const nodeName = flags.node ?? hostname().toLowerCase();
  const report = await readStaticPodPath(input, { nodeName, kubernetesVersion });
  assertReadable(report, input);
  const options = { kubernetesVersion, nodeFrom } as const;
  let printable: Printable;
  if (flags.drift) {
    const [{ connect }, { findMirrorPods }] = await Promise.all([
      import('../kube/connect.js'),
      import('../kube/mirror-pods.js'),
    ]);
    const transport = await connect(flags);
    try {
      const pods = await withNamespaceFallback(transport, flags, (namespace) =>
        findMirrorPods(transport, { namespace, nodeName, labelSelector: flags.selector }),
      );
      const clusterFacts = await factsIfAllowed(transport);
      const nodePath = flags['node-path'] ?? (await nodePathFromKubelet(transport, nodeName, format));
      printable = driftPrintable(
        report,
        correlateFilesAndMirrors(report, pods.pods, {
          kubernetesVersion,
          ...(clusterFacts && { clusterFacts }),
          ...(nodePath !== undefined && { nodePath }),
        }),
        options,
      );
    } finally {
      transport.close();
    }
  } else {
    printable = manifestsPrintable(report, options);
  }
  if (nodeFrom === 'hostname' && format.kind === 'table') {
    io().stderr.write(
      `note: mirror names are for node "${nodeName}", this host's name; pass --node to choose the node\n`,
    );
  }
  io().stdout.write(render(format, printable, { noHeaders: flags['no-headers'] ?? false }));
}

function assertReadable(report: StaticPodPathReport, input: string): void {
  if (report.kind === 'missing') {
    throw new UserError(
      'E_INPUT',
      `${input}: no such file or directory`,
      "pass the kubelet's staticPodPath (kubeadm: /etc/kubernetes/manifests)",
    );
  }
  if (report.kind === 'other') {
    throw new UserError(
      'E_INPUT',
      `${input}: ${report.pathError ?? 'not a directory or file'}`,
      "pass the kubelet's staticPodPath, a directory or one manifest file",
    );
  }
}

async function listCluster(flags: ListFlags, format: OutputFormat): Promise<void> {
  const [{ connect }, { findMirrorPods }] = await Promise.all([
    import('../kube/connect.js'),
    import('../kube/mirror-pods.js'),
  ]);
  const transport = await connect(flags);
  const progress = progressLine('listing pods');
  try {
    const { pods, namespace } = await withNamespaceFallback(transport, flags, (ns) =>
      findMirrorPods(transport, {
        namespace: ns,
        labelSelector: flags.selector,
        onProgress: (scanned) => progress.update(`${scanned} scanned`),
      }),
    );
    progress.done();
    if (pods.length === 0) {
      io().stderr.write(
        namespace === undefined
          ? 'No mirror Pods found.\n'
          : `No mirror Pods found in namespace ${namespace}.\n`,
      );
      if (format.kind === 'table' || format.kind === 'name' || format.kind === 'custom-columns') return;
    }
    const printable = flags.group
      ? mirrorGroupsPrintable((await import('@staticpods/converter')).groupMirrorPods(pods))
      : mirrorPodsPrintable(pods, { showNamespace: namespace === undefined });
    io().stdout.write(render(format, printable, { noHeaders: flags['no-headers'] ?? false }));
  } finally {
    progress.done();
    transport.close();
  }
}

type Transport = Awaited<ReturnType<typeof import('../kube/connect.js').connect>>;

/**
 * Without --node-path: where the node reads its files, from its kubelet's /configz when allowed;
 * otherwise undefined (the default path), and a note saying so.
 */
async function nodePathFromKubelet(
  transport: Transport,
  nodeName: string,
  format: OutputFormat,
): Promise<string | undefined> {
  const { staticPodPathFromKubelet } = await import('../kube/node-config.js');
  const found = await staticPodPathFromKubelet(transport, nodeName);
  if ('path' in found) return found.path;
  if (format.kind === 'table') {
    io().stderr.write(
      `note: the staticPodPath of node "${nodeName}" could not be read from its kubelet (/configz: ${found.reason}); comparing as if the files were in ${DEFAULT_NODE_MANIFEST_PATH} on the node: pass --node-path if they are not\n`,
    );
  }
  return undefined;
}

/**
 * Namespaces and PriorityClasses explain why a mirror Pod is missing; without the permission to
 * list them, drift is still reported, with less precise reasons.
 */
async function factsIfAllowed(transport: Transport): Promise<ClusterFacts | undefined> {
  const { clusterFactsIfAllowed } = await import('../kube/cluster-facts.js');
  const known = await clusterFactsIfAllowed(transport);
  if ('facts' in known) return known.facts;
  io().stderr.write(
    `note: ${known.forbidden.message}; reasons for missing mirror Pods do not check namespaces and PriorityClasses\n`,
  );
  return undefined;
}

/**
 * All namespaces unless `-n` says otherwise; when listing Pods cluster-wide is forbidden, falls
 * back to the context's namespace and says so (kubectl's default scope for `get pods`).
 */
async function withNamespaceFallback(
  transport: Transport,
  flags: ListFlags,
  list: (namespace: string | undefined) => Promise<{ pods: Pod[] }>,
): Promise<{ pods: Pod[]; namespace: string | undefined }> {
  const { ForbiddenError } = await import('../kube/api.js');
  const explicit = !flags['all-namespaces'] && flags.namespace !== undefined;
  if (explicit) return { ...(await list(flags.namespace)), namespace: flags.namespace };
  try {
    return { ...(await list(undefined)), namespace: undefined };
  } catch (error) {
    if (!(error instanceof ForbiddenError) || error.namespace !== undefined || flags['all-namespaces'])
      throw error;
    const namespace = transport.target.namespace;
    io().stderr.write(
      `warning: ${error.message}; showing namespace "${namespace}" only — pass -n to choose another\n`,
    );
    return { ...(await list(namespace)), namespace };
  }
}
