import { isMirrorPod } from '@staticpods/core';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { CommandInput, CommandOutput, FollowOutput } from '../cli/define.js';
import type { ListFlags } from '../commands/list.js';
import { UserError } from '../errors.js';
import { io } from '../io.js';
import { isStatus, PODS, resourcePath } from '../kube/api.js';
import { parseRequestTimeout } from '../kube/connect.js';
import type { Transport } from '../kube/transport.js';
import type { WatchEvent } from '../kube/watch-stream.js';
import { columnWidths, tableLine } from '../printers/table.js';
import { mirrorRowCells, mirrorRowHeaders, rowFromPod } from './mirror-rows.js';
import type { ListFormat, ListView } from './printables.js';
import { withoutManagedFields } from './printables.js';

type ListInput = CommandInput<ListFlags, ListFormat>;

/** Exit status after Ctrl-C, as a shell reports a process ended by SIGINT. */
const EXIT_INTERRUPTED = 130;

/** Failed attempts in a row to open the watch again before giving up. */
const MAX_RECONNECTS = 5;

/**
 * `list --watch` / `--watch-only`, as `kubectl get pods -w` (k8s.io/kubectl `pkg/cmd/get/get.go`
 * `watch`): one list of whole Pods (one snapshot, one resourceVersion), then a watch of Pods from
 * that version with bookmarks (`allowWatchBookmarks`), printing every change to a mirror Pod as it
 * happens. Unlike kubectl, it outlives a watch: a watch the server ends (its timeoutSeconds) or a
 * broken connection is opened again from the last version seen (client-go's reflector does the
 * same, `tools/cache/reflector.go`), and a 410 Gone (the version is too old) lists again and
 * prints what changed meanwhile. Ends on Ctrl-C (exit 130), or after --request-timeout (exit 0).
 */
export async function watchList(
  { flags, output }: ListInput,
  chunkSize: number | undefined,
): Promise<CommandOutput<unknown, ListView>> {
  if (flags.group) {
    throw new UserError('E_USAGE', '--watch cannot be combined with --group', 'drop one of the two flags');
  }
  const duration = flags['request-timeout'] ? parseRequestTimeout(flags['request-timeout']) : 0;
  const [{ connect }, { findMirrorPods }] = await Promise.all([
    import('../kube/connect.js'),
    import('../kube/mirror-pods.js'),
  ]);
  const transport = await connect({ ...flags, 'request-timeout': undefined });
  const namespace = flags['all-namespaces'] ? undefined : flags.namespace;
  const query = { namespace, labelSelector: flags.selector, chunkSize, onePass: true } as const;
  let first: Awaited<ReturnType<typeof findMirrorPods>>;
  try {
    first = await findMirrorPods(transport, query);
  } catch (error) {
    transport.close();
    throw error;
  }
  const relist = () => findMirrorPods(transport, query);
  return {
    result: undefined,
    follow: async (out) => {
      const printer = watchPrinter(output, flags, namespace === undefined, out);
      try {
        await follow(transport, { namespace, labelSelector: flags.selector }, first, relist, printer, {
          durationMs: duration,
          watchOnly: flags['watch-only'] === true,
        });
      } finally {
        transport.close();
      }
    },
  };
}

/** Prints the objects of a watch in the format `-o` chose. */
interface WatchPrinter {
  /** The list before the watch (`--watch`), laid out together. */
  initial(pods: readonly Pod[]): void;
  change(type: string, pod: Pod): void;
}

function watchPrinter(
  output: ListFormat,
  flags: ListFlags,
  showNamespace: boolean,
  out: FollowOutput,
): WatchPrinter {
  const events = flags['output-watch-events'] === true;
  if (output === 'text' || output === 'wide') {
    const wide = output === 'wide';
    let widths: number[] | undefined;
    const cells = (type: string, pod: Pod, now: number) => {
      const row = rowFromPod(pod, now);
      return row
        ? [...(events ? [type] : []), ...mirrorRowCells(row, { showNamespace, wide, now })]
        : undefined;
    };
    const lines = (rows: string[][]) => {
      const all =
        widths === undefined && !out.noHeaders
          ? [[...(events ? ['EVENT'] : []), ...mirrorRowHeaders({ showNamespace, wide })], ...rows]
          : rows;
      if (widths === undefined) {
        widths = columnWidths(all);
        // The EVENT column fits every event name, not only the ADDED of the list.
        if (events) widths[0] = Math.max(widths[0] ?? 0, 'MODIFIED'.length + 3);
      }
      out.write(all.map((r) => tableLine(r, widths as number[])).join(''));
    };
    return {
      initial(pods) {
        const now = Date.now();
        const rows = pods.map((p) => cells('ADDED', p, now)).filter((r) => r !== undefined);
        if (rows.length > 0) lines(rows);
      },
      change(type, pod) {
        const row = cells(type, pod, Date.now());
        if (row) lines([row]);
      },
    };
  }
  let count = 0;
  const one = (type: string, pod: Pod) => {
    const object = withoutManagedFields(pod);
    const document = events ? { type, object } : object;
    const text = out.render(
      { document, sortKeys: true, items: [object], names: [`pod/${pod.metadata?.name ?? ''}`] },
      { noHeaders: out.noHeaders || count > 0 },
    );
    out.write(output === 'yaml' && count > 0 ? `---\n${text}` : text);
    count++;
  };
  return {
    initial: (pods) => {
      for (const pod of pods) one('ADDED', pod);
    },
    change: one,
  };
}

interface FollowOptions {
  /** Stop after this long (--request-timeout); 0: until Ctrl-C. */
  readonly durationMs: number;
  readonly watchOnly: boolean;
}

type Snapshot = { readonly pods: readonly Pod[]; readonly resourceVersion?: string | undefined };

async function follow(
  transport: Transport,
  scope: { namespace: string | undefined; labelSelector: string | undefined },
  first: Snapshot,
  relist: () => Promise<Snapshot>,
  printer: WatchPrinter,
  options: FollowOptions,
): Promise<void> {
  /** The version of each mirror Pod last printed (by namespace/name), to print each change once. */
  const known = new Map<string, Pod>();
  const key = (pod: Pod) => `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
  for (const pod of first.pods) known.set(key(pod), pod);
  if (!options.watchOnly) printer.initial(first.pods);
  let resourceVersion = first.resourceVersion;

  const stop = new AbortController();
  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
    stop.abort();
  };
  process.once('SIGINT', onSigint);
  const timer = options.durationMs > 0 ? setTimeout(() => stop.abort(), options.durationMs) : undefined;

  /** Prints an event for a Pod unless it is not a mirror Pod or was printed at this version. */
  const apply = (type: string, pod: Pod) => {
    const k = key(pod);
    const before = known.get(k);
    if (type === 'DELETED') {
      if (!before && !isMirrorPod(pod)) return;
      known.delete(k);
      printer.change('DELETED', pod);
      return;
    }
    if (!isMirrorPod(pod)) return;
    if (before?.metadata?.resourceVersion === pod.metadata?.resourceVersion) return;
    known.set(k, pod);
    printer.change(before ? 'MODIFIED' : 'ADDED', pod);
  };

  /** After a 410: list again and print what changed since the last version printed. */
  const resync = async () => {
    const now = await relist();
    const seen = new Set<string>();
    for (const pod of now.pods) {
      seen.add(key(pod));
      apply('MODIFIED', pod);
    }
    for (const [k, pod] of [...known]) if (!seen.has(k)) apply('DELETED', pod);
    resourceVersion = now.resourceVersion;
  };

  let failures = 0;
  try {
    while (!stop.signal.aborted) {
      // client-go's reflector: a random 5–10 minute timeout per watch, so servers spread the load.
      const timeoutSeconds = 300 + Math.floor(Math.random() * 300);
      let watch: Awaited<ReturnType<Transport['watch']>>;
      try {
        watch = await transport.watch({
          path: resourcePath(PODS, scope.namespace),
          query: {
            resourceVersion,
            allowWatchBookmarks: 'true',
            timeoutSeconds,
            labelSelector: scope.labelSelector,
          },
        });
      } catch (error) {
        if (stop.signal.aborted) break;
        if (++failures > MAX_RECONNECTS) throw lost(error, transport);
        await pause(Math.min(1000 * 2 ** (failures - 1), 30_000), stop.signal);
        continue;
      }
      if (watch.status === 410) {
        await resync();
        continue;
      }
      if (watch.status !== 200) {
        const { apiError } = await import('../kube/api.js');
        throw apiError({ status: watch.status, body: watch.body }, transport, 'watch', PODS, scope.namespace);
      }
      failures = 0;
      const onAbort = () => watch.close();
      stop.signal.addEventListener('abort', onAbort);
      let gone = false;
      try {
        for await (const event of watch.events) {
          const next = handle(event, apply);
          if (next === 'gone') {
            gone = true;
            break;
          }
          if (next !== undefined) resourceVersion = next;
        }
      } catch (error) {
        if (stop.signal.aborted) break;
        if (error instanceof UserError && error.code === 'E_API') throw error;
        // The connection broke: open the watch again from the last version seen.
        if (++failures > MAX_RECONNECTS) throw lost(error, transport);
        await pause(Math.min(1000 * 2 ** (failures - 1), 30_000), stop.signal);
      } finally {
        stop.signal.removeEventListener('abort', onAbort);
        watch.close();
      }
      if (gone) await resync();
    }
  } finally {
    process.off('SIGINT', onSigint);
    if (timer) clearTimeout(timer);
  }
  if (interrupted) io().exitCode = EXIT_INTERRUPTED;
}

/**
 * One watch event: a change to print (through `apply`), a bookmark, or an error. Returns the
 * resourceVersion the watch has reached, `gone` for a 410 (too old: list again), or undefined.
 * @throws UserError for any other error event.
 */
export function handle(
  event: WatchEvent,
  apply: (type: string, pod: Pod) => void,
): string | 'gone' | undefined {
  const object = event.object as Pod | undefined;
  const version = object?.metadata?.resourceVersion;
  switch (event.type) {
    case 'ADDED':
    case 'MODIFIED':
    case 'DELETED':
      if (object) apply(event.type, object);
      return version;
    case 'BOOKMARK':
      return version;
    case 'ERROR': {
      const status = isStatus(event.object) ? event.object : undefined;
      if (status?.code === 410) return 'gone';
      throw new UserError(
        'E_API',
        `the watch of Pods ended with an error: ${status?.message ?? JSON.stringify(event.object)}`,
        'run the command again',
      );
    }
    default:
      return undefined;
  }
}

function lost(error: unknown, transport: Transport): UserError {
  const why = error instanceof Error ? error.message : String(error);
  return new UserError(
    'E_UNREACHABLE',
    `lost the watch of Pods at ${transport.target.cluster.server}: ${MAX_RECONNECTS} attempts to open it again failed (${why})`,
    'the changes printed so far are real; run the command again when the API server is reachable',
  );
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
