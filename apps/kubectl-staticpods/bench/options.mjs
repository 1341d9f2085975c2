// The command line of the bench scripts: `--name value` options, and where the app and the repository are.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const app = fileURLToPath(new URL('..', import.meta.url));
export const repo = path.resolve(app, '../..');

const args = process.argv.slice(2);

/** The value after `--name`, or `fallback` when it is not given. */
export function opt(name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
}
