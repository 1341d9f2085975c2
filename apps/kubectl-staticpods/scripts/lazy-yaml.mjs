// The `yaml` package as bundle/fast.cjs (and the executable's `fast` asset) sees it: loaded on
// first use. Ordinary manifests are read by core's lean reader and the default output is text, so
// a typical run of the fast path never needs `yaml`; bundled as it is, its fifty modules would
// still be evaluated at every start. Only the names the fast path's code imports are here (esbuild
// refuses a build that imports any other); each forwards to the real package.
let yaml;
// A require, not an import: esbuild evaluates the bundled package when this line runs.
const load = () => {
  yaml ??= require('yaml');
  return yaml;
};

export class Composer {
  constructor(...args) {
    // biome-ignore lint/correctness/noConstructorReturn: an instance of the real class
    return new (load().Composer)(...args);
  }
}
export class Document {
  constructor(...args) {
    // biome-ignore lint/correctness/noConstructorReturn: an instance of the real class
    return new (load().Document)(...args);
  }
}
export class LineCounter {
  constructor(...args) {
    // biome-ignore lint/correctness/noConstructorReturn: an instance of the real class
    return new (load().LineCounter)(...args);
  }
}
export class Parser {
  constructor(...args) {
    // biome-ignore lint/correctness/noConstructorReturn: an instance of the real class
    return new (load().Parser)(...args);
  }
}
export const isAlias = (node) => load().isAlias(node);
export const isCollection = (node) => load().isCollection(node);
export const isMap = (node) => load().isMap(node);
export const isPair = (node) => load().isPair(node);
export const isScalar = (node) => load().isScalar(node);
export const isSeq = (node) => load().isSeq(node);
export const parse = (...args) => load().parse(...args);
export const parseDocument = (...args) => load().parseDocument(...args);
export const visit = Object.defineProperties((...args) => load().visit(...args), {
  BREAK: { get: () => load().visit.BREAK },
  SKIP: { get: () => load().visit.SKIP },
  REMOVE: { get: () => load().visit.REMOVE },
});
