/**
 * `--help` without oclif: the texts oclif rendered at build time (scripts/bundle.mjs), printed
 * when the terminal is as wide as they were rendered for (docs/cli.md, "Start-up"). Its own
 * module, so that the entry (bundle/run.cjs) holds nothing else.
 */
import { EXIT } from '../errors.js';
import type { OutStream } from '../io.js';

/** Help texts rendered by oclif at build time (scripts/bundle.mjs), keyed by argv. */
export interface HelpCache {
  /** The width they were rendered for. */
  readonly width: number;
  /** Keys whose text has no wrapped line at `width`, so any wider terminal shows the same. */
  readonly widthIndependent: readonly string[];
  readonly texts: Readonly<Record<string, string>>;
}

/** Prints the help oclif would print for argv, from the build-time texts; undefined when they do not apply. */
export function fastHelp(
  argv: readonly string[],
  help: HelpCache | undefined,
  out: OutStream,
): number | undefined {
  const text = help && cachedHelp(argv, help, out);
  if (text === undefined) return undefined;
  out.write(text);
  return EXIT.ok;
}

function cachedHelp(argv: readonly string[], help: HelpCache, out: OutStream): string | undefined {
  const key = helpKey(argv);
  if (key === undefined) return undefined;
  const text = help.texts[key];
  if (text === undefined) return undefined;
  const width = helpWidth(out);
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
function helpWidth(out: OutStream): number {
  const fromEnv = Number.parseInt(process.env.OCLIF_COLUMNS ?? '', 10);
  if (fromEnv) return fromEnv;
  if (!out.isTTY) return 80;
  const width = out.columns ?? 80;
  if (width < 1) return 80;
  return Math.max(width, 40);
}
