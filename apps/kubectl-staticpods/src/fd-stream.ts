/**
 * Standard output and error written straight to their file descriptors, for the fast path:
 * creating `process.stdout` costs a short run about 3 ms (a pipe loads Node's `net`), more than
 * printing a table does. Writes are synchronous, as Node's own are for files, pipes and
 * terminals on Linux, so they keep their order. A reader that closed the pipe ends the output
 * quietly, as `endQuietlyOnClosedPipes` does for the streams (closed-pipe.ts); a descriptor
 * left non-blocking by the parent (EAGAIN) is handed to the stream, which waits for it.
 */
import { fstatSync, writeSync } from 'node:fs';
import type { OutStream } from './io.js';

export function fdStream(fd: 1 | 2): OutStream {
  const stream = () => (fd === 1 ? process.stdout : process.stderr);
  let closed = false;
  let handedOver = false;
  let tty: boolean | undefined;
  return {
    write(text: string): void {
      if (closed) return;
      if (handedOver) {
        stream().write(text);
        return;
      }
      const bytes = Buffer.from(text, 'utf8');
      for (let done = 0; done < bytes.length; ) {
        try {
          done += writeSync(fd, bytes, done);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'EAGAIN') {
            handedOver = true;
            stream().write(bytes.subarray(done));
            return;
          }
          closed = true;
          if (code === 'EPIPE') return;
          // Any other write error (a full disk behind `> file`) is the run's failure: exit code 2,
          // whatever exit code the command sets afterwards.
          if (fd === 1) writeQuietly(2, `error: cannot write the output: ${(error as Error).message}\n`);
          process.once('exit', () => {
            process.exitCode = 2;
          });
          return;
        }
      }
    },
    get isTTY() {
      tty ??= isTerminal(fd);
      return tty;
    },
    get columns() {
      return this.isTTY ? stream().columns : undefined;
    },
  };
}

/** Only a character device can be a terminal; `tty.isatty` (which loads `net`) decides for those. */
function isTerminal(fd: number): boolean {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return process.getBuiltinModule('node:tty').isatty(fd);
}

function writeQuietly(fd: number, text: string): void {
  try {
    writeSync(fd, text);
  } catch {
    // nowhere left to say it
  }
}
