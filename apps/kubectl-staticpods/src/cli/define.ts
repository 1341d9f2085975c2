/**
 * How a command is declared, once: its flags as plain data (no oclif import, so the fast path,
 * completion and the docs can read them without loading oclif), the formats `-o` accepts, and a
 * `run` that returns a typed result. The flag values `run` receives are typed from the
 * declaration itself ({@link FlagValues}); the oclif command class, the fast path's parser and
 * the "did you mean" suggestions are all derived from it. See docs/architecture.md, "A command".
 */

import { type FormatName, formatList, TABLE_FORMATS } from '../output/format-names.js';
import type { ViewFor } from '../output/formats.js';
import type { StreamedList } from '../output/streamed-list.js';

interface FlagBase {
  /** One line for `--help`. */
  readonly summary: string;
  /** More, shown under the flags in `--help`. */
  readonly description?: string;
  /** `-x` */
  readonly char?: string;
  /** The `--help` section (`KUBECTL`, `GLOBAL`); the command's own flags have none. */
  readonly helpGroup?: string;
  /** Not shown in `--help`. */
  readonly hidden?: boolean;
}

/** A flag that takes a value; `T` is what `run` receives. */
export interface StringFlag<T> extends FlagBase {
  readonly type: 'string';
  readonly helpValue?: string;
  readonly options?: readonly string[];
  readonly default?: string;
  readonly multiple?: boolean;
  /** Phantom: the type of the value. */
  readonly __value?: T;
}

/** An on/off flag; with `allowNo`, `--no-<name>` turns it off. */
export interface BooleanFlag<T> extends FlagBase {
  readonly type: 'boolean';
  readonly allowNo?: boolean;
  readonly default?: boolean;
  readonly __value?: T;
}

export type Flag = StringFlag<unknown> | BooleanFlag<unknown>;
export type FlagSet = Readonly<Record<string, Flag>>;

/** The values `run` receives for a set of flags, typed from their declarations. */
export type FlagValues<F extends FlagSet> = {
  readonly [K in keyof F]: F[K] extends StringFlag<infer T>
    ? T
    : F[K] extends BooleanFlag<infer T>
      ? T
      : never;
};

type Described = Omit<FlagBase, never> & { readonly helpValue?: string };

/** The flag builders: the value type follows from `options`, `default` and `multiple`. */
export const flag = {
  /** `--name VALUE`; undefined when not given. */
  string(def: Described): StringFlag<string | undefined> {
    return { type: 'string', ...def };
  },
  /** `--name VALUE` with a default. */
  stringWithDefault(def: Described & { readonly default: string }): StringFlag<string> {
    return { type: 'string', ...def };
  },
  /** `--name VALUE`, repeatable; undefined when not given. */
  strings(def: Described): StringFlag<readonly string[] | undefined> {
    return { type: 'string', multiple: true, ...def };
  },
  /** One of `options`; with a default, never undefined. */
  oneOf<const O extends readonly string[], const D extends O[number] | undefined = undefined>(
    def: Described & { readonly options: O; readonly default?: D },
  ): StringFlag<D extends string ? O[number] : O[number] | undefined> {
    return { type: 'string', ...def } as StringFlag<D extends string ? O[number] : O[number] | undefined>;
  },
  /** `--name`; undefined when not given. */
  boolean(def: FlagBase & { readonly allowNo?: boolean }): BooleanFlag<boolean | undefined> {
    return { type: 'boolean', ...def };
  },
  /** `--name` / `--no-name` with a default. */
  booleanWithDefault(
    def: FlagBase & { readonly default: boolean; readonly allowNo: true },
  ): BooleanFlag<boolean> {
    return { type: 'boolean', ...def };
  },
};

export interface Example {
  readonly description: string;
  /** `<%= config.bin %> <%= command.id %> …` as oclif renders it. */
  readonly command: string;
}

/** What a command is run with. */
export interface CommandInput<V, Fs extends FormatName = FormatName> {
  /** The positional arguments (commands without `args` get none). */
  readonly args: readonly string[];
  /** The flag values, typed from the declaration ({@link FlagValues}). */
  readonly flags: V;
  /** The format `-o` chose (some commands write files in it). */
  readonly output: Fs;
}

/** What a command hands the output layer. */
export interface CommandOutput<R, V> {
  /** The typed result (what tests and other callers use). */
  readonly result: R;
  /** How the formats see the result; undefined when there is nothing to print. */
  readonly view?: V;
  /** Files written (`--output-dir`): printed on stdout as `<path> <outcome>`, one per line. */
  readonly written?: readonly WrittenFile[];
  /**
   * `-o json|yaml` of a List too large to hold: written as its items arrive (output/streamed-list.ts),
   * instead of a view.
   */
  readonly stream?: StreamedList;
  /** Runs after the output is written, for as long as it needs (`list --watch`), writing more. */
  readonly follow?: (out: FollowOutput) => Promise<void>;
  /** The exit code when the command ran to the end: 0, or 1 for findings (docs/cli.md). */
  readonly exitCode?: number;
}

/** Where {@link CommandOutput.follow} writes, and how it renders one more object in the chosen format. */
export interface FollowOutput {
  write(text: string): void;
  /** A view (of one object) in the format `-o` chose, with its argument (a jsonpath template, columns). */
  render(view: unknown, options?: { readonly noHeaders?: boolean }): string;
  /** `--no-headers`. */
  readonly noHeaders: boolean;
}

export interface WrittenFile {
  /** As the user gave the directory, like kubectl prints what it was given. */
  readonly path: string;
  readonly outcome: 'created' | 'replaced' | 'unchanged';
}

export interface CommandSpec<F extends FlagSet = FlagSet, R = unknown, Fs extends FormatName = FormatName> {
  readonly id: string;
  readonly summary: string;
  readonly description?: string;
  readonly examples?: readonly (Example | string)[];
  /** The usage line, when it is not just the flags. */
  readonly usage?: string;
  /** Positional arguments: how help names them. Commands without `args` accept none. */
  readonly args?: string;
  readonly flags: F;
  /** What `-o` accepts, the default first; one format means no `-o` flag. */
  readonly formats: readonly [Fs, ...Fs[]];
  /** The format without `-o`, when it depends on other flags (`to-daemonset --plan` prints text). */
  readonly defaultFormat?: (flags: FlagValues<F>) => Fs;
  /** The bundle's fast path may run it without oclif (node-local work only). */
  readonly fastPath?: (flags: FlagValues<F>) => boolean;
  /** Runs the command; loads its code on first use, so declaring it costs nothing. */
  readonly run: (input: CommandInput<FlagValues<F>, Fs>) => Promise<CommandOutput<R, ViewFor<Fs>>>;
}

/** Declares a command; the identity function, there for the types. */
export function defineCommand<F extends FlagSet, R, Fs extends FormatName>(
  spec: CommandSpec<F, R, Fs>,
): CommandSpec<F, R, Fs> {
  return spec;
}

/** A command with its types erased, as the registry holds it. */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds commands of every flag and result type
export type AnyCommand = CommandSpec<any, any, any>;

/** `--verbose`, on every command. */
export const verboseFlag = {
  verbose: flag.boolean({ summary: 'Print the stack trace of errors.', helpGroup: 'GLOBAL' }),
};

/**
 * Every flag of a command, in help order: its own, then `-o` (from its formats) and
 * `--no-headers` (when it prints tables), then the connection flags, then `--verbose`.
 */
export function allFlags(spec: AnyCommand): FlagSet {
  const own: Record<string, Flag> = {};
  const grouped: Record<string, Flag> = {};
  for (const [name, f] of Object.entries(spec.flags as FlagSet)) (f.helpGroup ? grouped : own)[name] = f;
  const formats = spec.formats as readonly FormatName[];
  const derived: Record<string, Flag> = {};
  if (formats.length > 1) {
    derived.output = flag.string({
      char: 'o',
      summary: `Output format: ${formatList(formats).join(', ')} (default ${formats[0]}).`,
      helpValue: '<format>',
    });
  }
  if (formats.some((f) => TABLE_FORMATS.has(f)) && formats.includes('wide')) {
    derived['no-headers'] = flag.boolean({ summary: 'Print tables without the header line.' });
  }
  return { ...own, ...derived, ...grouped, ...verboseFlag };
}
