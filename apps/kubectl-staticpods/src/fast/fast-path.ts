/**
 * The bundle's fast path: the node-local commands (those whose declaration has a `fastPath`:
 * `list --manifests`, `check` on files, `rules`, `explain`, `version`) without loading oclif.
 * Flags are parsed against the command's own declaration, defaults included, and the command
 * runs through the same `execute` as under oclif, so the output is identical
 * (test/cli/fast-path.test.ts compares both); any argument it does not fully understand goes to
 * oclif instead, which also owns every usage error message.
 */
import type { FlagSet } from '../cli/define.js';
import { fdStream } from '../fd-stream.js';
import { type Io, processIo, setProcessIo } from '../io.js';
import { reportError } from '../report-error.js';

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
  // Output goes straight to the file descriptors (fd-stream.ts); stdin is made when it is read.
  const base = processIo();
  const io: Io = {
    stdout: fdStream(1),
    stderr: fdStream(2),
    get stdin() {
      return base.stdin;
    },
    env: base.env,
    cwd: base.cwd,
    exitCode: 0,
  };
  setProcessIo(io);
  try {
    await fn();
    return io.exitCode;
  } catch (error) {
    return reportError(error, argv, argv.includes('--verbose'));
  }
}
