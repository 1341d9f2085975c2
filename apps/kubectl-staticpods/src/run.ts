// The unbundled entry (dist/run.js); bin/run.js prefers the bundle when it is built.
import { main } from './cli.js';
import { endQuietlyOnClosedPipes } from './closed-pipe.js';

endQuietlyOnClosedPipes();

main().catch((error: unknown) => {
  process.stderr.write(`error: internal error: ${String(error)}\n`);
  process.exitCode = 2;
});
