import { EXIT, UserError } from './errors.js';
import { io } from './io.js';

export const ISSUES_URL = 'https://github.com/kubectl-staticpods/kubectl-staticpods/issues';
const COMMAND_IDS = new Set(['list', 'check', 'to-daemonset', 'migrate', 'export', 'version']);

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
    const command = COMMAND_IDS.has(argv[0] ?? '') ? ` ${argv[0]}` : '';
    const notFound = /^command (.+) not found$/.exec(error.message);
    if (notFound) {
      out(
        `error: unknown command "${notFound[1]}" for "kubectl staticpods": run "kubectl staticpods --help" for the commands`,
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
