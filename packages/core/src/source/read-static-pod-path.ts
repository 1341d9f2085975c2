import type { Dirent, Stats } from 'node:fs';
import { lstat, readdir, readlink, stat } from 'node:fs/promises';
import path from 'node:path';
import { MAX_MANIFEST_BYTES, READ_LIMIT_ERROR } from '../kubelet/constants.js';
import { type KubeletVerdict, kubeletVerdict } from '../kubelet/verdict.js';
import { byUtf8 } from '../manifest/go-json.js';
import { oversizedManifest, type ParsedManifest, parseManifest } from '../manifest/parse.js';
import type { KubernetesVersion } from '../versions.js';
import { readAtMost } from './read-at-most.js';

/** What a directory entry is, after following symlinks the way `os.Stat` does. */
export type EntryKind = 'file' | 'directory' | 'dangling-symlink' | 'fifo' | 'socket' | 'device' | 'other';

/** One entry of a staticPodPath, and what the kubelet does with it. */
export interface SourceEntry {
  /** The path as the kubelet globs it (`filepath.Join(dir, name)`); used in its log messages. */
  readonly path: string;
  readonly name: string;
  readonly kind: EntryKind;
  /** The staticPodPath directory that listed this entry; absent for a file checked on its own. */
  readonly listedIn?: string;
  /** The entry itself is a symbolic link (the kubelet follows it); its target. */
  readonly symlinkTarget?: string;
  /**
   * `loaded`: the kubelet runs it. `shadowed`: valid, but another file defines the same
   * namespace/name and wins. `invalid`: read and refused. `ignored`: never read.
   */
  readonly outcome: 'loaded' | 'shadowed' | 'invalid' | 'ignored';
  /** Why an entry is ignored. */
  readonly ignoredBecause?: 'dotfile' | 'directory' | 'stat-failed' | 'not-regular-file';
  /** What the kubelet logs for this entry (`msg` and, when it has one, `err`); none for loaded files. */
  readonly kubeletLog?: { readonly msg: string; readonly err?: string; readonly exact: boolean };
  readonly manifest?: ParsedManifest;
  readonly verdict?: KubeletVerdict;
  /** For a shadowed entry: the path of the file that wins. */
  readonly shadowedBy?: string;
}

/** Files that define the same namespace/name: the kubelet keeps one and silently drops the rest. */
export interface DuplicateGroup {
  readonly namespace: string;
  /** `metadata.name` in the files. */
  readonly staticName: string;
  readonly mirrorName: string;
  /** All files, in the order the kubelet reads them. */
  readonly files: readonly string[];
  /** The file whose Pod runs after a (re)start or periodic re-list: the last one in sort order. */
  readonly winner: string;
}

export interface StaticPodPathReport {
  /** The path as given, with trailing slashes removed (as `NewSourceFile` does). */
  readonly path: string;
  /** `missing`: the kubelet logs "path does not exist, ignoring" and runs no file Pod. */
  readonly kind: 'directory' | 'file' | 'missing' | 'other';
  /** The kubelet's error for the path itself, when it cannot use it at all. */
  readonly pathError?: string;
  readonly nodeName: string;
  readonly entries: readonly SourceEntry[];
  readonly duplicates: readonly DuplicateGroup[];
}

export interface ReadStaticPodPathOptions {
  /** The kubelet's node name, used for mirror names and duplicate detection. */
  readonly nodeName: string;
  readonly kubernetesVersion?: KubernetesVersion;
}

/**
 * Reads a staticPodPath exactly as the kubelet's file source does (kubernetes/kubernetes v1.37.2
 * `pkg/kubelet/config/file.go` `listConfig`, `extractFromDir`, `extractFromFile`): a directory or
 * one file; in a directory every entry whose name does not start with `.`, whatever its extension,
 * in byte-wise order; symlinks followed; subdirectories, dangling links, FIFOs, sockets and devices
 * skipped; every file parsed on its own, so one bad file never stops the rest; two files with the
 * same namespace/name resolved as the kubelet's store does (the last one read wins).
 */
export async function readStaticPodPath(
  input: string,
  options: ReadStaticPodPathOptions,
): Promise<StaticPodPathReport> {
  const root = input.length > 1 ? input.replace(/\/+$/, '') : input;
  const base = { path: root, nodeName: options.nodeName } as const;
  let info: Stats;
  try {
    info = await stat(root);
  } catch (error) {
    if (isNotFound(error))
      return {
        ...base,
        kind: 'missing',
        pathError: 'path does not exist, ignoring',
        entries: [],
        duplicates: [],
      };
    return { ...base, kind: 'other', pathError: errorText(error), entries: [], duplicates: [] };
  }
  if (info.isFile()) {
    const entry = await readManifestEntry(root, path.basename(root), info, options);
    return { ...base, kind: 'file', entries: [entry], duplicates: [] };
  }
  if (!info.isDirectory()) {
    return {
      ...base,
      kind: 'other',
      pathError: 'path is not a directory or file',
      entries: [],
      duplicates: [],
    };
  }
  let dirents: Dirent[];
  try {
    dirents = await readdir(root, { withFileTypes: true });
  } catch {
    // filepath.Glob ignores errors reading the directory: the kubelet just finds no files.
    dirents = [];
  }
  const dir = path.join(root);
  dirents.sort((a, b) => byUtf8(a.name, b.name));
  // Files are independent, so they are read a few at a time; the order of the result stays the kubelet's.
  const entries = await mapInOrder(dirents, READ_CONCURRENCY, async (d): Promise<SourceEntry> => {
    const entryPath = path.join(dir, d.name);
    if (d.name.startsWith('.')) return { ...(await dotEntry(entryPath, d.name)), listedIn: root };
    // A plain file needs no stat: the kubelet's os.Stat would say "regular file" too.
    if (d.isFile())
      return { ...(await readManifestEntry(entryPath, d.name, undefined, options)), listedIn: root };
    return { ...(await directoryEntry(entryPath, d.name, options)), listedIn: root };
  });
  return { ...base, kind: 'directory', ...resolveDuplicates(entries) };
}

async function dotEntry(entryPath: string, name: string): Promise<SourceEntry> {
  return {
    path: entryPath,
    name,
    kind: await kindOf(entryPath),
    outcome: 'ignored',
    ignoredBecause: 'dotfile',
  };
}

async function directoryEntry(
  entryPath: string,
  name: string,
  options: ReadStaticPodPathOptions,
): Promise<SourceEntry> {
  const link = await symlinkTarget(entryPath);
  const withLink = link === undefined ? {} : { symlinkTarget: link };
  let info: Stats;
  try {
    info = await stat(entryPath);
  } catch (error) {
    return {
      path: entryPath,
      name,
      kind: link === undefined ? 'other' : 'dangling-symlink',
      ...withLink,
      outcome: 'ignored',
      ignoredBecause: 'stat-failed',
      kubeletLog: { msg: 'Could not get metadata', err: errorText(error), exact: isGoErrno(error) },
    };
  }
  if (info.isDirectory()) {
    return {
      path: entryPath,
      name,
      kind: 'directory',
      ...withLink,
      outcome: 'ignored',
      ignoredBecause: 'directory',
      kubeletLog: {
        msg: 'Provided manifest path is a directory, not recursing into manifest path',
        exact: true,
      },
    };
  }
  if (!info.isFile()) {
    return {
      path: entryPath,
      name,
      kind: kindOfStats(info),
      ...withLink,
      outcome: 'ignored',
      ignoredBecause: 'not-regular-file',
      kubeletLog: { msg: 'Manifest path is not a directory or file', exact: true },
    };
  }
  return { ...(await readManifestEntry(entryPath, name, info, options)), ...withLink };
}

/** Reads and judges one regular file (`extractFromFile`). */
async function readManifestEntry(
  file: string,
  name: string,
  info: Stats | undefined,
  options: ReadStaticPodPathOptions,
): Promise<SourceEntry> {
  let read: { bytes: Uint8Array; limitReached: boolean };
  try {
    // The kubelet reads 10 MiB before giving up; the outcome is the same without reading.
    read =
      info && info.size >= MAX_MANIFEST_BYTES
        ? { bytes: new Uint8Array(0), limitReached: true }
        : readAtMost(file, MAX_MANIFEST_BYTES);
  } catch (error) {
    return {
      path: file,
      name,
      kind: 'file',
      outcome: isNotFound(error) ? 'ignored' : 'invalid',
      kubeletLog: { msg: 'Could not process manifest file', err: errorText(error), exact: isGoErrno(error) },
    };
  }
  if (read.limitReached) {
    const manifest = oversizedManifest(file, Math.max(info?.size ?? 0, MAX_MANIFEST_BYTES));
    return judgedEntry(file, name, manifest, {
      runs: false,
      stage: 'read-limit',
      error: READ_LIMIT_ERROR,
      exact: true,
    });
  }
  try {
    const manifest = parseManifest(read.bytes, { file });
    const verdict = kubeletVerdict(manifest, {
      nodeName: options.nodeName,
      ...(options.kubernetesVersion && { kubernetesVersion: options.kubernetesVersion }),
    });
    return judgedEntry(file, name, manifest, verdict);
  } catch (error) {
    // A bug of ours on one file must not hide the verdicts on the others: the entry says so instead.
    return {
      path: file,
      name,
      kind: 'file',
      outcome: 'invalid',
      kubeletLog: {
        msg: 'Could not process manifest file',
        err: `internal error of kubectl-staticpods, please report it: ${(error as Error)?.message ?? String(error)}`,
        exact: false,
      },
    };
  }
}

/** The entry of a regular file the kubelet read: it runs the Pod, or logs why not (`extractFromFile`). */
export function judgedEntry(
  file: string,
  name: string,
  manifest: ParsedManifest,
  verdict: KubeletVerdict,
): SourceEntry {
  return {
    path: file,
    name,
    kind: 'file',
    outcome: verdict.runs ? 'loaded' : 'invalid',
    manifest,
    verdict,
    ...(!verdict.runs && {
      kubeletLog: { msg: 'Could not process manifest file', err: verdict.error, exact: verdict.exact },
    }),
  };
}

const READ_CONCURRENCY = 16;

/** `Promise.all(items.map(fn))` with at most `limit` calls in flight; results keep the input order. */
async function mapInOrder<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * The kubelet's store is keyed by namespace/name (`cache.MetaNamespaceKeyFunc` over an
 * `UndeltaStore`); `Replace` with the files in sorted order keeps the last Pod for a key.
 */
function resolveDuplicates(entries: SourceEntry[]): { entries: SourceEntry[]; duplicates: DuplicateGroup[] } {
  const groups = new Map<string, SourceEntry[]>();
  for (const e of entries) {
    if (e.outcome !== 'loaded' || !e.verdict?.runs) continue;
    const key = `${e.verdict.view.namespace}/${e.verdict.view.mirrorName}`;
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  const duplicates: DuplicateGroup[] = [];
  const shadowed = new Map<string, string>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const winner = group[group.length - 1] as SourceEntry;
    const view = (winner.verdict as Extract<KubeletVerdict, { runs: true }>).view;
    duplicates.push({
      namespace: view.namespace,
      staticName: view.staticName,
      mirrorName: view.mirrorName,
      files: group.map((e) => e.path),
      winner: winner.path,
    });
    for (const e of group.slice(0, -1)) shadowed.set(e.path, winner.path);
  }
  return {
    entries: entries.map((e) => {
      const by = shadowed.get(e.path);
      return by === undefined ? e : { ...e, outcome: 'shadowed', shadowedBy: by };
    }),
    duplicates,
  };
}

async function symlinkTarget(p: string): Promise<string | undefined> {
  try {
    return (await lstat(p)).isSymbolicLink() ? await readlink(p) : undefined;
  } catch {
    return undefined;
  }
}

async function kindOf(p: string): Promise<EntryKind> {
  try {
    return kindOfStats(await stat(p));
  } catch {
    return (await symlinkTarget(p)) === undefined ? 'other' : 'dangling-symlink';
  }
}

function kindOfStats(s: Stats): EntryKind {
  if (s.isFile()) return 'file';
  if (s.isDirectory()) return 'directory';
  if (s.isFIFO()) return 'fifo';
  if (s.isSocket()) return 'socket';
  if (s.isBlockDevice() || s.isCharacterDevice()) return 'device';
  return 'other';
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/** Go's `*PathError` text (`stat /x: no such file or directory`) for a Node.js file-system error. */
function errorText(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const reason = GO_ERRNO_TEXT[e?.code ?? ''] ?? e?.message ?? String(error);
  return e?.syscall && e.path ? `${e.syscall} ${e.path}: ${reason}` : reason;
}

function isGoErrno(error: unknown): boolean {
  return GO_ERRNO_TEXT[(error as NodeJS.ErrnoException | null)?.code ?? ''] !== undefined;
}

/** `syscall.Errno.Error()` texts on Linux for the errors a manifest directory produces. */
const GO_ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  ELOOP: 'too many levels of symbolic links',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  EIO: 'input/output error',
  ENAMETOOLONG: 'file name too long',
};
