// What bundle/fast.cjs (scripts/bundle.mjs) and the single-file executable's `fast` asset
// (scripts/sea.mjs) leave out: the fast path runs node-local commands only, so cluster code,
// oclif and the converter's code are never in it (the converter's package.json is: `version`
// prints its version).
export const FAST_EXTERNALS = [
  '@oclif/core',
  '@kubernetes/client-node',
  '../kube/*',
  // Commands that always need a cluster never run here.
  '../to-daemonset/*',
  '../export/*',
];

export const converterCodeExternal = {
  name: 'converter-code-external',
  setup(build) {
    build.onResolve({ filter: /^@staticpods\/converter$/ }, (args) => ({ path: args.path, external: true }));
  },
};

/** `yaml`, for everything but scripts/lazy-yaml.mjs itself, is that lazy stand-in. */
export const lazyYaml = {
  name: 'lazy-yaml',
  setup(build) {
    const shim = new URL('./lazy-yaml.mjs', import.meta.url).pathname;
    build.onResolve({ filter: /^yaml$/ }, (args) => (args.importer === shim ? undefined : { path: shim }));
  },
};
