// The unbundled completion entry (dist/complete-run.js); bin/complete.js prefers the bundle.
import { completionMain } from './complete-entry.js';

await completionMain(process.argv.slice(2));
