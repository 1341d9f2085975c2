import { type SourceEntry, type StaticPodPathReport, withPodDefaults } from '@staticpods/core';
import type { OracleResult } from '../../src/index.js';

/**
 * Named exception: the scheme name in "no kind … is registered … in scheme %q" comes from the
 * caller's source path (apimachinery `naming.GetNameFromCallsite`), so it depends on how the binary
 * was built. Release kubelets print "pkg/api/legacyscheme/scheme.go:30" (what the library says);
 * the oracle, built from the module cache, prints "pkg/runtime/scheme.go:111".
 */
export const ORACLE_SCHEME_NAME = 'in scheme "pkg/runtime/scheme.go:111"';
const RELEASE_SCHEME_NAME = 'in scheme "pkg/api/legacyscheme/scheme.go:30"';

/** What the kubelet logged about one path: message and error, in its words. */
function oracleLogFor(oracle: OracleResult, path: string) {
  const log = oracle.logs.find((l) => l.values?.path === path && l.isError);
  const err = log?.err?.replace(ORACLE_SCHEME_NAME, RELEASE_SCHEME_NAME);
  return log ? { msg: log.msg, ...(err !== undefined && { err }) } : undefined;
}

/** The decoded-pod fields compared on both sides. */
function podSummary(pod: {
  metadata?: { name?: string; namespace?: string; labels?: object; annotations?: Record<string, string> };
  spec?: {
    nodeName?: string;
    tolerations?: object[];
    containers?: { image?: string; env?: unknown }[];
    volumes?: object[];
    hostNetwork?: boolean;
  };
}) {
  const annotations = { ...(pod.metadata?.annotations ?? {}) };
  // Opaque on the kubelet side (a hash of its internal structs); never computed by the library.
  delete annotations['kubernetes.io/config.hash'];
  delete annotations['kubernetes.io/config.seen'];
  return {
    name: pod.metadata?.name,
    namespace: pod.metadata?.namespace,
    labels: sortedKeys(pod.metadata?.labels ?? {}),
    annotations: sortedKeys(annotations),
    nodeName: pod.spec?.nodeName,
    tolerations: pod.spec?.tolerations ?? [],
    images: (pod.spec?.containers ?? []).map((c) => c.image),
    volumes: (pod.spec?.volumes ?? []).map((v) => Object.keys(v).sort().join('+')),
    hostNetwork: pod.spec?.hostNetwork ?? false,
  };
}

/** Our view of a loaded entry, shaped like the kubelet's pod. */
function ourPod(entry: SourceEntry) {
  const v = entry.verdict;
  if (!v?.runs) throw new Error(`${entry.path} does not run`);
  const defaulted = withPodDefaults(v.pod);
  return podSummary({
    metadata: {
      name: v.view.mirrorName,
      namespace: v.view.namespace,
      labels: v.view.labels,
      annotations: { ...v.view.annotations },
    },
    spec: { ...defaulted.spec, nodeName: v.view.nodeName, tolerations: [...v.view.tolerations] },
  });
}

/** Every disagreement between the library and the kubelet for one staticPodPath. */
export function compare(
  ours: StaticPodPathReport,
  oracle: OracleResult,
  /** Entries whose field errors come from Go iterating a map: any order of the same errors is the kubelet's. */
  mapOrder: (entry: SourceEntry) => boolean = () => false,
): string[] {
  const problems: string[] = [];
  for (const entry of ours.entries) {
    const theirs = oracleLogFor(oracle, entry.path);
    const mine = entry.kubeletLog && {
      msg: entry.kubeletLog.msg,
      ...(entry.kubeletLog.err !== undefined && { err: entry.kubeletLog.err }),
    };
    if (!theirs && !mine) continue;
    if (!theirs || !mine || theirs.msg !== mine.msg) {
      problems.push(
        `${entry.name}: kubelet logged ${JSON.stringify(theirs)}, library says ${JSON.stringify(mine)}`,
      );
    } else if (
      entry.kubeletLog?.exact &&
      theirs.err !== mine.err &&
      !(mapOrder(entry) && sameErrorsInSomeOrder(entry, theirs.err))
    ) {
      problems.push(`${entry.name}: error text differs\n  kubelet: ${theirs.err}\n  library: ${mine.err}`);
    } else if (!entry.kubeletLog?.exact && category(theirs.err) !== category(mine.err)) {
      problems.push(
        `${entry.name}: error category differs\n  kubelet: ${theirs.err}\n  library: ${mine.err}`,
      );
    }
  }
  const running = ours.entries.filter((e) => e.outcome === 'loaded').map(ourPod);
  const expected = oracle.pods.map(podSummary);
  const byKey = (p: { namespace?: string | undefined; name?: string | undefined }) =>
    `${p.namespace}/${p.name}`;
  const mineByKey = new Map(running.map((p) => [byKey(p), p]));
  for (const pod of expected) {
    const mine = mineByKey.get(byKey(pod));
    if (!mine) problems.push(`kubelet runs ${byKey(pod)}, the library does not`);
    else if (JSON.stringify(mine) !== JSON.stringify(pod)) {
      problems.push(
        `${byKey(pod)} differs\n  kubelet: ${JSON.stringify(pod)}\n  library: ${JSON.stringify(mine)}`,
      );
    }
    mineByKey.delete(byKey(pod));
  }
  for (const key of mineByKey.keys()) problems.push(`the library runs ${key}, the kubelet does not`);
  return problems;
}

/** For approximated errors: the wrapper and the decoder's first words must agree. */
function category(err: string | undefined): string {
  return (err ?? '')
    .replace(/^.*?: couldn't parse as pod\(/, 'parse(')
    .split(/[:(]/)
    .slice(0, 2)
    .join(':');
}

/** Go prints a map's entries in random order: the kubelet's text is one permutation of ours. */
function sameErrorsInSomeOrder(entry: SourceEntry, theirs: string | undefined): boolean {
  const errors = entry.verdict && !entry.verdict.runs ? (entry.verdict.fieldErrors ?? []) : [];
  const messages = errors.map((e) => e.message);
  const orders = (items: string[]): string[][] =>
    items.length <= 1
      ? [items]
      : items.flatMap((x, i) => orders([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]));
  return messages.length <= 6 && orders(messages).some((o) => `invalid pod: [${o.join(' ')}]` === theirs);
}

/** Maps compare by content, not by key order. */
function sortedKeys(map: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
