/** Codes of the errors the CLI reports; every one ends the run with exit code 2. */
export type CliErrorCode =
  | 'E_USAGE'
  | 'E_INPUT'
  | 'E_CONFIG'
  | 'E_NO_KUBECONFIG'
  | 'E_KUBECONFIG'
  | 'E_CONTEXT_NOT_FOUND'
  | 'E_UNREACHABLE'
  | 'E_TIMEOUT'
  | 'E_TLS'
  | 'E_CERT_EXPIRED'
  | 'E_UNAUTHORIZED'
  | 'E_FORBIDDEN'
  | 'E_NOT_FOUND'
  | 'E_API'
  | 'E_WRITE'
  | 'E_CONVERT';

/**
 * Something the user can fix. Printed as one line, `error: <message>: <hint>`, then the
 * `details` lines indented; exit code 2.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  readonly details: readonly string[];
  constructor(
    readonly code: CliErrorCode,
    message: string,
    readonly hint?: string,
    options: ErrorOptions & { details?: readonly string[] } = {},
  ) {
    super(message, options.cause === undefined ? {} : { cause: options.cause });
    this.details = options.details ?? [];
  }
}

/** The contract of docs/cli.md: 0 ran clean, 1 error findings, 2 could not run. */
export const EXIT = { ok: 0, findings: 1, failed: 2 } as const;
