import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { UserError } from '../errors.js';

/**
 * Kubeconfigs, token files and certificates are read up to this size. client-go reads them
 * without a limit (`os.ReadFile`); real ones are a few KiB, so 16 MiB only stops `/dev/zero` and
 * the like from filling memory.
 */
export const MAX_CONFIG_FILE_BYTES = 16 * 1024 * 1024;

/** How long a FIFO or device given as a file may take to deliver its content. */
export const CONFIG_READ_DEADLINE_MS = 10_000;

/**
 * Reads a whole local file with a bound on size and, for FIFOs and devices, on time: a regular
 * file is read as usual; anything else is opened without blocking (a FIFO nobody writes to reads
 * as empty instead of hanging) and read until end of file, `limit` bytes or the deadline.
 * `what` names the file in errors (`kubeconfig "/x"`).
 * @throws UserError E_INPUT when the file is larger than `limit` or too slow; file-system errors as they are.
 */
export function readFileBounded(
  file: string,
  what: string,
  limit = MAX_CONFIG_FILE_BYTES,
  deadlineMs = CONFIG_READ_DEADLINE_MS,
): Buffer {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const regular = fstatSync(fd).isFile();
    const deadline = Date.now() + deadlineMs;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(64 * 1024);
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN' || regular) throw error;
        if (Date.now() > deadline) {
          throw new UserError(
            'E_INPUT',
            `${what} delivered no end of file within ${deadlineMs / 1000}s`,
            'point it at a regular file',
          );
        }
        sleepSync(10);
        continue;
      }
      if (n === 0) return Buffer.concat(chunks, total);
      total += n;
      if (total > limit) {
        throw new UserError(
          'E_INPUT',
          `${what} is larger than ${limit / (1024 * 1024)} MiB`,
          'point it at the right file',
        );
      }
      chunks.push(chunk.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/**
 * Reads a stream (stdin) up to `limit` bytes and stops there: `limitReached` says the input
 * had `limit` bytes or more, like `utilio.ReadAtMost`, and the rest is never read.
 */
export async function readStreamAtMost(
  stream: NodeJS.ReadableStream,
  limit: number,
): Promise<{ bytes: Buffer; limitReached: boolean }> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(buffer);
    total += buffer.length;
    if (total >= limit) return { bytes: Buffer.concat(chunks, total).subarray(0, limit), limitReached: true };
  }
  return { bytes: Buffer.concat(chunks, total), limitReached: false };
}
