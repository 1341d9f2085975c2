// bundle/fast.cjs: the node-local commands of the fast path as one CommonJS file, so that
// bundle/run.js can compile it with a V8 code cache (node:vm cachedData) made at build time.
import { fastPath } from './fast-path.js';

export function runFast(argv: readonly string[]): Promise<number | undefined> {
  return fastPath(argv);
}
