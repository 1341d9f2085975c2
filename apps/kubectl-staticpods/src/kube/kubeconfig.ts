import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { UserError } from '../errors.js';

/** kubectl's connection flags, as the plugin parses them itself. */
export interface ConnectionFlags {
  readonly kubeconfig?: string | undefined;
  readonly context?: string | undefined;
  readonly cluster?: string | undefined;
  readonly user?: string | undefined;
  readonly namespace?: string | undefined;
}

type Entry = Record<string, unknown>;

/** The cluster, user and namespace a request goes to, resolved the way kubectl resolves them. */
export interface KubeTarget {
  /** The kubeconfig files read, in the order they were merged. */
  readonly files: readonly string[];
  /** The context used, when there is one. */
  readonly contextName?: string;
  readonly clusterName: string;
  readonly userName: string;
  /** The cluster entry, relative paths made absolute. */
  readonly cluster: Entry & { readonly server: string };
  /** The user entry (credentials), relative paths made absolute; empty for anonymous. */
  readonly user: Entry;
  /** `-n`, else the context's namespace, else `default`. */
  readonly namespace: string;
  readonly namespaceFromFlag: boolean;
}

interface Merged {
  files: string[];
  clusters: Map<string, Entry>;
  users: Map<string, Entry>;
  contexts: Map<string, Entry>;
  currentContext?: string;
}

/**
 * Loads the kubeconfig as kubectl does (k8s.io/client-go `tools/clientcmd/loader.go`):
 * `--kubeconfig` alone when given (it must exist); else every file of `KUBECONFIG`
 * (path-list separated, missing files skipped) merged so that the first file to define a
 * cluster, user or context name wins, and the first non-empty `current-context` wins; else
 * `~/.kube/config`. Relative file references resolve against the file that holds them. Then
 * `--context`, `--cluster`, `--user` and `-n` override. Never guesses: no file is an error,
 * not a `localhost:8080` default.
 * @throws UserError with a code per failure (no kubeconfig, unknown context, …).
 */
export function loadKubeTarget(
  flags: ConnectionFlags,
  env: Readonly<Record<string, string | undefined>>,
): KubeTarget {
  const merged = mergeFiles(kubeconfigFiles(flags, env));
  const where = describeFiles(merged.files);
  const contextName = flags.context ?? merged.currentContext;
  let context: Entry = {};
  if (contextName !== undefined && contextName !== '') {
    const found = merged.contexts.get(contextName);
    if (!found) {
      const known = [...merged.contexts.keys()];
      throw new UserError(
        'E_CONTEXT_NOT_FOUND',
        `context "${contextName}" not found in ${where}`,
        known.length > 0
          ? `pass --context with one of: ${known.join(', ')}`
          : 'the kubeconfig defines no contexts; check the file',
        { details: flags.context === undefined ? [`current-context is "${contextName}"`] : [] },
      );
    }
    context = found;
  } else if (flags.cluster === undefined) {
    throw new UserError(
      'E_KUBECONFIG',
      `no current context in ${where}`,
      'pass --context, or run "kubectl config use-context NAME"',
    );
  }
  const clusterName = flags.cluster ?? str(context.cluster) ?? '';
  const cluster = merged.clusters.get(clusterName);
  if (!cluster) {
    throw new UserError(
      'E_KUBECONFIG',
      clusterName === ''
        ? `context "${contextName}" names no cluster in ${where}`
        : `cluster "${clusterName}" not found in ${where}`,
      `pass --cluster with one of: ${[...merged.clusters.keys()].join(', ') || '(none defined)'}`,
    );
  }
  const server = str(cluster.server);
  if (!server) {
    throw new UserError(
      'E_KUBECONFIG',
      `cluster "${clusterName}" in ${where} has no server`,
      'set clusters[].cluster.server',
    );
  }
  const userName = flags.user ?? str(context.user) ?? '';
  const user = userName === '' ? {} : merged.users.get(userName);
  if (!user) {
    throw new UserError(
      'E_KUBECONFIG',
      `user "${userName}" not found in ${where}`,
      `pass --user with one of: ${[...merged.users.keys()].join(', ') || '(none defined)'}`,
    );
  }
  const namespace = flags.namespace || str(context.namespace) || 'default';
  return {
    files: merged.files,
    ...(contextName ? { contextName } : {}),
    clusterName,
    userName,
    cluster: { ...cluster, server },
    user,
    namespace,
    namespaceFromFlag: Boolean(flags.namespace),
  };
}

/** The files kubectl would read, in order. */
export function kubeconfigFiles(
  flags: ConnectionFlags,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  if (flags.kubeconfig !== undefined) {
    if (!existsSync(flags.kubeconfig)) {
      throw new UserError(
        'E_NO_KUBECONFIG',
        `kubeconfig "${flags.kubeconfig}" does not exist`,
        'check the path given to --kubeconfig',
      );
    }
    return [flags.kubeconfig];
  }
  const list = env.KUBECONFIG;
  if (list !== undefined && list !== '') {
    const files = [...new Set(list.split(path.delimiter).filter((f) => f !== ''))];
    const present = files.filter((f) => existsSync(f));
    if (present.length === 0) {
      throw new UserError(
        'E_NO_KUBECONFIG',
        `no kubeconfig: none of the files in KUBECONFIG exist (${files.join(path.delimiter)})`,
        'pass --kubeconfig or fix KUBECONFIG',
      );
    }
    return present;
  }
  const home = env.HOME || homedir();
  const fallback = path.join(home, '.kube', 'config');
  if (existsSync(fallback)) return [fallback];
  throw new UserError('E_NO_KUBECONFIG', 'no kubeconfig', 'pass --kubeconfig or set KUBECONFIG', {
    details: [`${fallback} does not exist and KUBECONFIG is not set`],
  });
}

function mergeFiles(files: readonly string[]): Merged {
  const merged: Merged = { files: [], clusters: new Map(), users: new Map(), contexts: new Map() };
  for (const file of files) {
    const doc = readKubeconfig(file);
    merged.files.push(file);
    const dir = path.dirname(path.resolve(file));
    addNamed(merged.clusters, doc.clusters, 'cluster', (c) => absolutize(c, dir, ['certificate-authority']));
    addNamed(merged.users, doc.users, 'user', (u) =>
      absolutize(u, dir, ['client-certificate', 'client-key', 'tokenFile']),
    );
    addNamed(merged.contexts, doc.contexts, 'context', (c) => c);
    const current = str(doc['current-context']);
    if (merged.currentContext === undefined && current) merged.currentContext = current;
  }
  return merged;
}

function readKubeconfig(file: string): Entry {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UserError(
      'E_KUBECONFIG',
      `cannot read kubeconfig "${file}": ${(error as Error).message}`,
      'check the file and its permissions',
      { cause: error },
    );
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    throw new UserError(
      'E_KUBECONFIG',
      `kubeconfig "${file}" is not valid YAML: ${(error as Error).message.split('\n')[0]}`,
      'fix the file, or point --kubeconfig at another one',
      { cause: error },
    );
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new UserError(
      'E_KUBECONFIG',
      `kubeconfig "${file}" is not a kubeconfig (expected a mapping with clusters, users and contexts)`,
      'point --kubeconfig at a kubeconfig file',
    );
  }
  return doc as Entry;
}

/** First definition of a name wins (clientcmd `mergo.Merge` without overwrite). */
function addNamed(target: Map<string, Entry>, list: unknown, key: string, fix: (e: Entry) => Entry): void {
  if (!Array.isArray(list)) return;
  for (const item of list) {
    if (typeof item !== 'object' || item === null) continue;
    const name = str((item as Entry).name);
    const value = (item as Entry)[key];
    if (name === undefined || target.has(name)) continue;
    target.set(name, fix(typeof value === 'object' && value !== null ? { ...(value as Entry) } : {}));
  }
}

function absolutize(entry: Entry, dir: string, keys: readonly string[]): Entry {
  for (const key of keys) {
    const value = str(entry[key]);
    if (value && !path.isAbsolute(value)) entry[key] = path.join(dir, value);
  }
  const exec = entry.exec as Entry | undefined;
  const command = str(exec?.command);
  // clientcmd resolves an exec command relative to the kubeconfig only when it contains a path separator.
  if (exec && command?.includes('/') && !path.isAbsolute(command)) {
    entry.exec = { ...exec, command: path.join(dir, command) };
  }
  return entry;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function describeFiles(files: readonly string[]): string {
  if (files.length === 0) return 'the kubeconfig';
  if (files.length === 1) return `kubeconfig "${files[0]}"`;
  return `the kubeconfig (${files.join(path.delimiter)})`;
}

/** The context, cluster and user names of the kubeconfig kubectl would read (for shell completion). */
export function kubeconfigNames(
  flags: ConnectionFlags,
  env: Readonly<Record<string, string | undefined>>,
): { contexts: string[]; clusters: string[]; users: string[] } {
  const merged = mergeFiles(kubeconfigFiles(flags, env));
  return {
    contexts: [...merged.contexts.keys()],
    clusters: [...merged.clusters.keys()],
    users: [...merged.users.keys()],
  };
}
