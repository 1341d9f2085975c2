/**
 * Shell completion for `kubectl staticpods`, as kubectl's plugin completion asks for it
 * (k8s.io/kubectl pkg/cmd/plugin/plugin_completion.go, kubectl ≥ 1.26): kubectl runs
 * `kubectl_complete-staticpods ARG… TOCOMPLETE` (the last argument is the word being completed,
 * empty for a new word) and reads one completion per line, optionally `value\tdescription`, then
 * a last line `:<directive>` with cobra's ShellCompDirective bits
 * (github.com/spf13/cobra completions.go). Like cobra, flag names are offered once the word
 * starts with `-`, and a flag already given is not offered again unless it repeats.
 */
import type { CommandSpec, FlagSpec } from './spec.js';

/** cobra's ShellCompDirective bits. */
export const DIRECTIVE = {
  /** Let the shell complete file names when there are no completions. */
  default: 0,
  error: 1,
  /** No space after the completion (`-o jsonpath=`). */
  noSpace: 2,
  /** Never fall back to file names. */
  noFileComp: 4,
  /** The completions are file extensions to filter on. */
  filterFileExt: 8,
  /** Complete directory names only. */
  filterDirs: 16,
  keepOrder: 32,
} as const;

export interface Completion {
  readonly values: readonly string[];
  readonly directive: number;
}

/** What a value is, for the flags and arguments whose values completion can list or hand to the shell. */
export type ValueKind =
  | 'namespaces'
  | 'nodes'
  | 'contexts'
  | 'clusters'
  | 'users'
  | 'mirror-pods'
  | 'kubernetes-versions'
  | 'rules'
  | 'list-outputs'
  | 'files'
  | 'dirs';

/** The value of each flag that is neither free text nor one of its declared options. */
const FLAG_VALUES: Readonly<Record<string, ValueKind>> = {
  namespace: 'namespaces',
  node: 'nodes',
  context: 'contexts',
  cluster: 'clusters',
  user: 'users',
  kubeconfig: 'files',
  config: 'files',
  filename: 'files',
  manifests: 'files',
  'output-dir': 'dirs',
  'backup-dir': 'dirs',
  'static-pod-path': 'dirs',
  'kubernetes-version': 'kubernetes-versions',
  disable: 'rules',
  output: 'list-outputs',
};

/** The positional arguments of each command. */
const ARGUMENTS: Readonly<Record<string, ValueKind>> = {
  check: 'files',
  'to-daemonset': 'mirror-pods',
  export: 'mirror-pods',
};

/** The flags given so far, by flag name (what the value sources need: -n, --context, …). */
export type GivenFlags = Readonly<Record<string, string | true>>;

/** Lists the values of a kind: `value` or `value\tdescription`; [] when they cannot be had. */
export type ValueSource = (kind: ValueKind, given: GivenFlags) => Promise<readonly string[]>;

/**
 * Completes `words` (the arguments after `staticpods`, the last one being completed).
 * Never throws for any input: a source that fails gives no values.
 */
export async function complete(
  commands: readonly CommandSpec[],
  words: readonly string[],
  values: ValueSource,
): Promise<Completion> {
  const toComplete = words.length > 0 ? (words[words.length - 1] ?? '') : '';
  const before = words.slice(0, -1);
  const command = commands.find((c) => c.id === before.find((w) => !w.startsWith('-')));
  if (!command) {
    if (before.some((w) => !w.startsWith('-'))) return { values: [], directive: DIRECTIVE.noFileComp };
    if (toComplete.startsWith('-')) return only(['--help\tShow help.'], toComplete);
    return only(
      commands.map((c) => `${c.id}\t${c.summary}`),
      toComplete,
    );
  }
  const { given, pending } = scan(command, before.slice(before.indexOf(command.id) + 1));
  // The value of a flag given as `--flag` `<TAB>`.
  if (pending) return flagValues(pending, toComplete, '', given, values);
  // `--flag=<TAB>`
  const eq = /^(--[^=]+)=(.*)$/s.exec(toComplete);
  if (eq) {
    const flag = findFlag(command, eq[1] as string);
    if (flag?.takesValue) return flagValues(flag, eq[2] as string, `${eq[1]}=`, given, values);
    return { values: [], directive: DIRECTIVE.noFileComp };
  }
  if (toComplete.startsWith('-')) {
    const names = command.flags
      .filter((f) => f.multiple || given[f.name] === undefined)
      .flatMap((f) => [
        `--${f.name}\t${f.summary}`,
        ...(f.char && toComplete.length <= 2 ? [`-${f.char}\t${f.summary}`] : []),
      ]);
    return only([...names, '--help\tShow help.'], toComplete);
  }
  const kind = ARGUMENTS[command.id];
  if (!kind) return { values: [], directive: DIRECTIVE.noFileComp };
  return kindValues(kind, toComplete, '', given, values);
}

/** Walks the words after the command: the flags given, and a flag still waiting for its value. */
function scan(command: CommandSpec, words: readonly string[]): { given: GivenFlags; pending?: FlagSpec } {
  const given: Record<string, string | true> = {};
  let pending: FlagSpec | undefined;
  for (const word of words) {
    if (pending) {
      given[pending.name] = word;
      pending = undefined;
      continue;
    }
    if (word === '--') break;
    if (!word.startsWith('-') || word === '-') continue;
    const eq = word.indexOf('=');
    const flag = findFlag(command, eq < 0 ? word : word.slice(0, eq));
    if (!flag) continue;
    if (!flag.takesValue) given[flag.name] = true;
    else if (eq >= 0) given[flag.name] = word.slice(eq + 1);
    else pending = flag;
  }
  return pending ? { given, pending } : { given };
}

function findFlag(command: CommandSpec, word: string): FlagSpec | undefined {
  if (word.startsWith('--')) return command.flags.find((f) => f.name === word.slice(2));
  return command.flags.find((f) => f.char !== undefined && `-${f.char}` === word);
}

async function flagValues(
  flag: FlagSpec,
  toComplete: string,
  prefix: string,
  given: GivenFlags,
  values: ValueSource,
): Promise<Completion> {
  if (flag.options) return only(flag.options, toComplete, prefix);
  const kind = FLAG_VALUES[flag.name];
  if (!kind) return { values: [], directive: DIRECTIVE.noFileComp };
  return kindValues(kind, toComplete, prefix, given, values);
}

async function kindValues(
  kind: ValueKind,
  toComplete: string,
  prefix: string,
  given: GivenFlags,
  values: ValueSource,
): Promise<Completion> {
  // The shell completes file and directory names itself, relative to where the user is.
  if (kind === 'files') return { values: [], directive: DIRECTIVE.default };
  if (kind === 'dirs') return { values: [], directive: DIRECTIVE.filterDirs };
  let listed: readonly string[] = [];
  try {
    listed = await values(kind, given);
  } catch {
    // No kubeconfig, no cluster, no permission: nothing to offer.
  }
  const result = only(listed, toComplete, prefix);
  // `-o jsonpath=` goes on with the template: no space after it.
  if (result.values.length > 0 && result.values.every((v) => v.split('\t')[0]?.endsWith('=')))
    return { values: result.values, directive: result.directive | DIRECTIVE.noSpace };
  return result;
}

/** The candidates that start with what was typed, prefixed (`--output=`), without falling back to files. */
function only(candidates: readonly string[], toComplete: string, prefix = ''): Completion {
  return {
    values: candidates.filter((c) => c.startsWith(toComplete)).map((c) => `${prefix}${c}`),
    directive: DIRECTIVE.noFileComp,
  };
}
