// bundle/oclif.js: the bundle without the fast path, everything through oclif. The benchmark
// measures it, and the tests compare its output with the fast path's.
import { main } from './cli.js';
import { endQuietlyOnClosedPipes } from './closed-pipe.js';

endQuietlyOnClosedPipes();

await main('./bundle/commands.js');
