/**
 * The bundle's fast path: `--help` and the node-local commands (those whose declaration has a
 * `fastPath`: `list --manifests`, `check` on files, `rules`, `explain`) without loading oclif.
 * Flags are parsed against the command's own declaration, defaults included, and the command
 * runs through the same `execute` as under oclif, so the output is identical
 * (test/cli/fast-path.test.ts compares both); any argument it does not fully understand goes to
 * oclif instead, which also owns every usage error message.
 */
import type { FlagSet } from '../cli/define.js';
import { EXIT } from '../errors.js';
import { processIo, withIo } from '../io.js';
import { reportError } from '../report-error.js';

/** Help texts rendered by oclif at build time (scripts/bundle.mjs), keyed by argv. */
export interface HelpCache {
  /** The width they were rendered for. */
  readonly width: number;
  /** Keys whose text has no wrapped line at `width`, so any wider terminal shows the same. */
  readonly widthIndependent: readonly string[];
  readonly texts: Readonly<Record<string, string>>;
}

type Parsed = { flags: Record<string, string | boolean | string[]>; args: string[] };

/**
 * Parses argv against a spec, or returns undefined for anything outside the plain forms
 * (`--flag value`, `--flag=value`, `-o value`, `--bool`): oclif handles those.
 */
export function parseSimple(argv: readonly string[], spec: FlagSet, allowArgs: boolean): Parsed | undefined {
  const flags: Parsed['flags'] = {};
  const args: string[] = [];
  const byChar = new Map<string, string>();
  for (const [name, s] of Object.entries(spec)) if (s.char) byChar.set(`-${s.char}`, name);
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    let name: string | undefined;
    let value: string | undefined;
    if (token.startsWith('--')) {
      const eq = token.indexOf('=');
      name = eq < 0 ? token.slice(2) : token.slice(2, eq);
      if (eq >= 0) value = token.slice(eq + 1);
    } else if (token.startsWith('-') && token !== '-') {
      name = byChar.get(token);
      if (name === undefined) return undefined;
    } else {
      if (!allowArgs) return undefined;
      args.push(token);
      continue;
    }
    const s = spec[name];
    if (!s) return undefined;
    if (s.type === 'boolean') {
      if (value !== undefined || flags[name] !== undefined) return undefined;
      flags[name] = true;
      continue;
    }
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined) return undefined;
    }
    if (value === '' || value.startsWith('-') || (s.options && !s.options.includes(value))) return undefined;
    if (s.multiple) flags[name] = [...((flags[name] as string[] | undefined) ?? []), value];
    else if (flags[name] !== undefined) return undefined;
    else flags[name] = value;
  }
  // The declared defaults, as oclif applies them.
  for (const [name, s] of Object.entries(spec)) {
    if (flags[name] === undefined && s.default !== undefined) flags[name] = s.default;
  }
  return { flags, args };
}

/** Prints the help oclif would print for argv, from the build-time texts; undefined when they do not apply. */
export function fastHelp(argv: readonly string[], help: HelpCache | undefined): number | undefined {
  const text = help && cachedHelp(argv, help);
  if (text === undefined) return undefined;
  process.stdout.write(text);
  return EXIT.ok;
}

/** Runs a command without oclif when its declaration allows it for argv; undefined when oclif must run argv. */
export async function fastPath(argv: readonly string[]): Promise<number | undefined> {
  const [id, ...rest] = argv;
  const [{ findCommand }, { allFlags }] = await Promise.all([
    import('../registry.js'),
    import('../cli/define.js'),
  ]);
  const spec = id === undefined ? undefined : findCommand(id);
  if (!spec?.fastPath) return undefined;
  const parsed = parseSimple(rest, allFlags(spec), spec.args !== undefined);
  if (!parsed || !spec.fastPath(parsed.flags)) return undefined;
  const { execute } = await import('../cli/execute.js');
  return run(argv, () => execute(spec, parsed.args, parsed.flags));
}

async function run(argv: readonly string[], fn: () => Promise<void>): Promise<number> {
  const io = processIo();
  return withIo(io, async () => {
    try {
      await fn();
      return io.exitCode;
    } catch (error) {
      return reportError(error, argv, argv.includes('--verbose'));
    }
  });
}

function cachedHelp(argv: readonly string[], help: HelpCache): string | undefined {
  const key = helpKey(argv);
  if (key === undefined) return undefined;
  const text = help.texts[key];
  if (text === undefined) return undefined;
  const width = helpWidth();
  if (width === help.width || (width > help.width && help.widthIndependent.includes(key))) return text;
  return undefined;
}

/** `''` for the root help (no arguments, `--help`, `-h`), `list` for `list --help`, …; undefined otherwise. */
export function helpKey(argv: readonly string[]): string | undefined {
  if (argv.length === 0) return '';
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) return '';
  if (argv.length === 2 && (argv[1] === '--help' || argv[1] === '-h') && /^[a-z-]+$/.test(argv[0] ?? ''))
    return argv[0];
  return undefined;
}

/** The width oclif wraps help at (`@oclif/core` `screen.js`). */
function helpWidth(): number {
  const fromEnv = Number.parseInt(process.env.OCLIF_COLUMNS ?? '', 10);
  if (fromEnv) return fromEnv;
  if (!process.stdout.isTTY) return 80;
  const width = process.stdout.getWindowSize?.()[0] ?? 80;
  if (width < 1) return 80;
  return Math.max(width, 40);
}
