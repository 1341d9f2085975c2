/**
 * A reader that stops early (`kubectl staticpods list | head -1`) closes the pipe, and the next
 * write fails with EPIPE. That is not a failure of the command: the rest of its output is
 * dropped and the process ends with the exit code the command sets (0, or 1 for `check`'s
 * findings), never with a stack trace and exit 1, which scripts would read as findings.
 *
 * Process entries call this once, first; library code never does.
 */
export function endQuietlyOnClosedPipes(
  streams: readonly NodeJS.WriteStream[] = [process.stdout, process.stderr],
): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
        // Later writes go nowhere, quietly; the command runs on and sets its exit code.
        stream.destroy();
        return;
      }
      // Any other write error (a full disk behind `> file`) is the run's failure: exit code 2.
      if (stream !== process.stderr && !process.stderr.destroyed)
        process.stderr.write(`error: cannot write the output: ${error.message}\n`);
      process.exitCode = 2;
      stream.destroy();
    });
  }
}
