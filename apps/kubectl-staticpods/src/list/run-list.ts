import { hostname } from 'node:os';
import {
  type ClusterFacts,
  correlateFilesAndMirrors,
  DEFAULT_NODE_MANIFEST_PATH,
  groupMirrorPods,
  NEWEST_KUBERNETES_VERSION,
  parseKubernetesVersion,
  readStaticPodPath,
  type StaticPodPathReport,
} from '@staticpods/core';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { CommandInput, CommandOutput } from '../cli/define.js';
import type { ListFlags } from '../commands/list.js';
import { UserError } from '../errors.js';
import { io } from '../io.js';
import { parseLabelSelector } from './label-selector.js';
import {
  driftPrintable,
  type ListFormat,
  type ListView,
  manifestsPrintable,
  mirrorGroupsPrintable,
  mirrorPodsPrintable,
} from './printables.js';
import { progressLine } from './progress.js';

type ListInput = CommandInput<ListFlags, ListFormat>;
type ListOutput = CommandOutput<unknown, ListView>;

/** `kubectl staticpods list`: parse → read files and/or the cluster → print. */
export async function runList(input: ListInput): Promise<ListOutput> {
  const { flags } = input;
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
  if (flags.kubelet) return (await import('./kubelet-list.js')).listKubelet(input);
  if (flags.manifests === undefined) return listCluster(input);
  return listManifests(input, flags.manifests);
}

async function listManifests({ flags, output }: ListInput, input: string): Promise<ListOutput> {
  const kubernetesVersion = flags['kubernetes-version']
    ? parseKubernetesVersion(flags['kubernetes-version'])
    : NEWEST_KUBERNETES_VERSION;
  const nodeFrom = flags.node ? 'flag' : 'hostname';
  const nodeName = flags.node ?? hostname().toLowerCase();
  const report = await readStaticPodPath(input, { nodeName, kubernetesVersion });
  assertReadable(report, input);
  const options = { kubernetesVersion, nodeFrom } as const;
  let printable: ListView;
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
      const nodePath = flags['node-path'] ?? (await nodePathFromKubelet(transport, nodeName, output));
      printable = driftPrintable(
        report,
        correlateFilesAndMirrors(filterEntries(report, flags), pods.pods, {
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
    printable = manifestsPrintable(filterEntries(report, flags), options);
  }
  if (nodeFrom === 'hostname' && (output === 'text' || output === 'wide')) {
    io().stderr.write(
      `note: mirror names are for node "${nodeName}", this host's name; pass --node to choose the node\n`,
    );
  }
  return { result: printable.document, view: printable };
}

/**
 * `-n` and `-l` with `--manifests`: only the entries whose Pod is in that namespace and carries
 * matching labels (entries the kubelet cannot decode have neither, and are left out).
 */
function filterEntries(report: StaticPodPathReport, flags: ListFlags): StaticPodPathReport {
  const namespace = flags['all-namespaces'] ? undefined : flags.namespace;
  if (namespace === undefined && flags.selector === undefined) return report;
  const matches = flags.selector === undefined ? () => true : parseLabelSelector(flags.selector);
  const entries = report.entries.filter((entry) => {
    const pod = entry.verdict?.runs ? entry.verdict.pod : undefined;
    if (!pod) return false;
    if (namespace !== undefined && entry.verdict?.runs && entry.verdict.view.namespace !== namespace)
      return false;
    return matches((pod.metadata?.labels ?? {}) as Record<string, string>);
  });
  return { ...report, entries };
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

async function listCluster({ flags, output }: ListInput): Promise<ListOutput> {
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
      if (output === 'text' || output === 'wide' || output === 'name' || output === 'custom-columns')
        return { result: [] };
    }
    const printable = flags.group
      ? mirrorGroupsPrintable(groupMirrorPods(pods))
      : mirrorPodsPrintable(pods, { showNamespace: namespace === undefined });
    return { result: printable.document, view: printable };
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
  output: ListFormat,
): Promise<string | undefined> {
  const { staticPodPathFromKubelet } = await import('../kube/node-config.js');
  const found = await staticPodPathFromKubelet(transport, nodeName);
  if ('path' in found) return found.path;
  if (output === 'text' || output === 'wide') {
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
