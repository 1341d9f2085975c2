import { AsyncLocalStorage } from 'node:async_hooks';

/** Where a stream writes to, and what it is (a terminal, and how wide). */
export interface OutStream {
  /** false when the stream's buffer is full (a Node stream then emits `drain`). */
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number | undefined;
}

/**
 * Everything a command touches outside itself: output streams, stdin, the environment and the
 * working directory. Commands read these through {@link io} so the same code runs as a process
 * and in-process under test.
 */
export interface Io {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly stdin: NodeJS.ReadableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Where the in-cluster config reads the service account (tests point it elsewhere). */
  readonly serviceAccountDir?: string;
  /** The exit code a command asks for when it ran to the end (`check` with error findings sets 1). */
  exitCode: number;
}

const storage = new AsyncLocalStorage<Io>();

/** The process's own I/O. The streams are looked up on first use: creating stdin costs a short run time for nothing. */
export function processIo(): Io {
  return {
    get stdout() {
      return process.stdout;
    },
    get stderr() {
      return process.stderr;
    },
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    cwd: process.cwd(),
    exitCode: 0,
  };
}

let fallback: Io | undefined;

/** The I/O of the command being run. */
export function io(): Io {
  const current = storage.getStore();
  if (current) return current;
  fallback ??= processIo();
  return fallback;
}

export function withIo<T>(value: Io, fn: () => Promise<T>): Promise<T> {
  return storage.run(value, fn);
}

/**
 * Makes `value` the I/O of a process that runs one command (the fast path): no async context to
 * keep, so async hooks stay off and promises stay cheap.
 */
export function setProcessIo(value: Io): void {
  fallback = value;
}

/** Colours only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(stream: OutStream): boolean {
  const env = io().env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}
