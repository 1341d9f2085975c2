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
  mirrorRowsPrintable,
  withoutManagedFields,
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
  if ((flags.watch || flags['watch-only']) && (flags.manifests !== undefined || flags.kubelet)) {
    throw new UserError(
      'E_USAGE',
      `--watch follows mirror Pods in the cluster and cannot be combined with ${flags.kubelet ? '--kubelet' : '--manifests'}`,
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
      const { value: pods } = await withNamespaceFallback(transport, flags, (namespace) =>
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

/**
 * The cluster's mirror Pods, each output from the one request kind it needs (docs/cli.md, "At
 * scale"): the table and `-o name` from a paginated server-side Table, keeping only the rows of
 * mirror Pods; `-o json|yaml` written as the Pods arrive; `--group`, jsonpath and custom-columns
 * with the mirror Pods whole. Pages are dropped once read; nothing is fetched Pod by Pod.
 */
async function listCluster(input: ListInput): Promise<ListOutput> {
  const { flags, output } = input;
  const chunkSize = parseChunkSize(flags['chunk-size']);
  if (flags.watch || flags['watch-only'])
    return (await import('./watch-list.js')).watchList(input, chunkSize);
  const [{ connect }, mirrors] = await Promise.all([
    import('../kube/connect.js'),
    import('../kube/mirror-pods.js'),
  ]);
  const transport = await connect(flags);
  const progress = progressLine('listing pods');
  const query = (namespace: string | undefined) => ({
    namespace,
    labelSelector: flags.selector,
    chunkSize,
    onProgress: (scanned: number) => progress.update(`${scanned} scanned`),
  });
  const noneFound = (namespace: string | undefined) =>
    io().stderr.write(
      namespace === undefined
        ? 'No mirror Pods found.\n'
        : `No mirror Pods found in namespace ${namespace}.\n`,
    );
  if ((output === 'json' || output === 'yaml') && !flags.group) {
    try {
      const { value, namespace } = await withNamespaceFallback(transport, flags, async (ns) => {
        const batches = mirrors.mirrorPodBatches(transport, query(ns));
        return { batches, first: await batches.next() };
      });
      return {
        result: undefined,
        stream: {
          batches: streamedPods(
            value,
            () => {
              progress.done();
              transport.close();
            },
            () => noneFound(namespace),
          ),
          sortKeys: true,
        },
      };
    } catch (error) {
      progress.done();
      transport.close();
      throw error;
    }
  }
  try {
    const wholePods = flags.group || !(output === 'text' || output === 'wide' || output === 'name');
    if (wholePods) {
      const { value, namespace } = await withNamespaceFallback(transport, flags, (ns) =>
        mirrors.findMirrorPods(transport, query(ns)),
      );
      progress.done();
      if (value.pods.length === 0) {
        noneFound(namespace);
        if (output === 'custom-columns') return { result: [] };
      }
      const printable = flags.group
        ? mirrorGroupsPrintable(groupMirrorPods(value.pods))
        : mirrorPodsPrintable(value.pods, { showNamespace: namespace === undefined });
      return { result: printable.document, view: printable };
    }
    const { value, namespace } = await withNamespaceFallback(transport, flags, (ns) =>
      mirrors.findMirrorPodRows(transport, query(ns)),
    );
    progress.done();
    if (value.rows.length === 0) {
      noneFound(namespace);
      return { result: [] };
    }
    // Only the table formats and -o name come here (the view has what they read).
    const view = mirrorRowsPrintable(value.rows, { showNamespace: namespace === undefined }) as ListView;
    return { result: value.rows, view };
  } finally {
    progress.done();
    transport.close();
  }
}

type Batches = AsyncGenerator<{ readonly pods: readonly Pod[]; readonly restarted?: unknown }, unknown>;

/**
 * The mirror Pods of a list, batch by batch, for a List written as they arrive. A list that has
 * to start again (its continue token expired) after some Pods were written cannot be made whole:
 * it ends with an error, and the unfinished List stays unfinished.
 */
async function* streamedPods(
  {
    batches,
    first,
  }: {
    batches: Batches;
    first: IteratorResult<{ readonly pods: readonly Pod[]; readonly restarted?: unknown }, unknown>;
  },
  close: () => void,
  noneFound: () => void,
): AsyncGenerator<readonly Pod[]> {
  let written = 0;
  try {
    for (let next = first; !next.done; next = await batches.next()) {
      if (next.value.restarted && written > 0) {
        throw new UserError(
          'E_API',
          `the list of Pods expired (410 Gone) after ${written} mirror Pods were written; the List above is incomplete`,
          'try again, or narrow the list with -n or -l',
        );
      }
      const pods = next.value.pods.map(withoutManagedFields);
      written += pods.length;
      if (pods.length > 0) yield pods;
    }
    if (written === 0) noneFound();
  } finally {
    close();
  }
}

/** `--chunk-size`: kubectl's flag, items per page; 0 asks for everything at once. */
function parseChunkSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) > 2 ** 31 - 1) {
    throw new UserError(
      'E_USAGE',
      `invalid argument "${value}" for "--chunk-size" flag: not a whole number`,
      'pass the number of Pods per request, e.g. --chunk-size 500 (0: all at once)',
    );
  }
  return Number(value);
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
async function withNamespaceFallback<T>(
  transport: Transport,
  flags: ListFlags,
  list: (namespace: string | undefined) => Promise<T>,
): Promise<{ value: T; namespace: string | undefined }> {
  const { ForbiddenError } = await import('../kube/api.js');
  const explicit = !flags['all-namespaces'] && flags.namespace !== undefined;
  if (explicit) return { value: await list(flags.namespace), namespace: flags.namespace };
  try {
    return { value: await list(undefined), namespace: undefined };
  } catch (error) {
    if (!(error instanceof ForbiddenError) || error.namespace !== undefined || flags['all-namespaces'])
      throw error;
    const namespace = transport.target.namespace;
    io().stderr.write(
      `warning: ${error.message}; showing namespace "${namespace}" only — pass -n to choose another\n`,
    );
    return { value: await list(namespace), namespace };
  }
}
