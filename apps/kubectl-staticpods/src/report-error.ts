import { allFlags } from './cli/define.js';
import { EXIT, UserError } from './errors.js';
import { io } from './io.js';
import { COMMAND_SPECS, findCommand } from './registry.js';
import { closest } from './suggest.js';

export const ISSUES_URL = 'https://github.com/kubectl-staticpods/kubectl-staticpods/issues';

/**
 * Prints an error the way docs/cli.md promises and returns its exit code (always 2): one line
 * `error: <what failed, where>: <what to do>`, then indented details; the stack trace only with
 * `--verbose`. An error that is neither the user's nor the cluster's is a bug in this tool.
 */
export function reportError(error: unknown, argv: readonly string[], verbose: boolean): number {
  const out = (line: string) => io().stderr.write(`${line}\n`);
  const stack = () => {
    if (verbose && error instanceof Error && error.stack) out(error.stack);
  };
  // Core's StaticPodsError is recognised by name: importing core here would load it for --help too.
  if (error instanceof UserError || (error instanceof Error && error.name === 'StaticPodsError')) {
    out(`error: ${joinHint(error.message, (error as { hint?: string }).hint)}`);
    for (const d of error instanceof UserError ? error.details : []) out(`  ${d}`);
    stack();
    return EXIT.failed;
  }
  const oclif = (error as { oclif?: { exit?: number } } | null)?.oclif;
  if (error instanceof Error && oclif !== undefined) {
    // oclif's parser errors (unknown flag, missing argument, bad option value) and "command not found".
    const spec = findCommand(argv[0] ?? '');
    const command = spec ? ` ${spec.id}` : '';
    const notFound = /^command (.+) not found$/.exec(error.message);
    const unknownFlags = (error as { flags?: unknown }).flags;
    if (notFound) {
      // oclif joins the words it could not match (`chek:examples/manifests`): the command is the first.
      const typed = argv.find((a) => !a.startsWith('-')) ?? notFound[1] ?? '';
      const suggestion = closest(
        typed,
        COMMAND_SPECS.map((c) => c.id),
      );
      out(
        `error: unknown command "${typed}" for "kubectl staticpods": ${suggestion ? `did you mean "kubectl staticpods ${suggestion}"? ` : ''}run "kubectl staticpods --help" for the commands`,
      );
    } else if (spec && Array.isArray(unknownFlags) && unknownFlags.length > 0) {
      // oclif's NonExistentFlagsError: suggest the declared flag closest to each one.
      const names = Object.entries(allFlags(spec)).flatMap(([name, f]) => [
        `--${name}`,
        ...(f.char ? [`-${f.char}`] : []),
      ]);
      const parts = unknownFlags.map((typed: string) => {
        const suggestion = closest(typed.replace(/=.*$/, ''), names);
        return `${typed}${suggestion ? ` (did you mean ${suggestion}?)` : ''}`;
      });
      out(
        `error: unknown flag${parts.length > 1 ? 's' : ''}: ${parts.join(', ')}: see "kubectl staticpods${command} --help"`,
      );
    } else {
      const lines = error.message.split('\n').filter((l) => !/^See more help with/.test(l));
      out(`error: ${lines[0] ?? 'invalid arguments'}: see "kubectl staticpods${command} --help"`);
      for (const l of lines.slice(1)) if (l.trim()) out(`  ${l.trim()}`);
    }
    stack();
    return EXIT.failed;
  }
  const message = error instanceof Error ? error.message : String(error);
  out(
    `error: internal error: ${message.split('\n')[0]}: this is a bug in kubectl-staticpods; please report it at ${ISSUES_URL}${verbose ? '' : ' (add --verbose for the stack trace)'}`,
  );
  stack();
  return EXIT.failed;
}

/** `message: hint`, with the hint's first letter lower-cased unless it starts an acronym or a flag. */
export function joinHint(message: string, hint: string | undefined): string {
  if (!hint) return message;
  const h = /^[A-Z][a-z]/.test(hint) ? hint[0]?.toLowerCase() + hint.slice(1) : hint;
  return `${message.replace(/[.:]$/, '')}: ${h.replace(/\.$/, '')}`;
}
