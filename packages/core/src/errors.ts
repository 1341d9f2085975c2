/** Codes of the errors the library throws for problems the caller can fix. */
export type ErrorCode =
  | 'E_PATH_NOT_FOUND'
  | 'E_PATH_UNREADABLE'
  | 'E_NOT_A_MIRROR_POD'
  | 'E_INVALID_VERSION'
  | 'E_INVALID_NODE_NAME'
  | 'E_INVALID_ARGUMENT';

/**
 * Something the caller can fix: a path that does not exist, a version that cannot be parsed.
 * `hint` says what to do. Findings about manifests are never thrown: they are returned as data.
 */
export class StaticPodsError extends Error {
  override readonly name = 'StaticPodsError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly hint?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A bug in this library. Never thrown for bad input. */
export class InternalError extends Error {
  override readonly name = 'InternalError';
}
