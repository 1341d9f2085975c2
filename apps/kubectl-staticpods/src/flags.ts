import { Flags } from '@oclif/core';

/**
 * kubectl's connection flags. kubectl refuses flags before a plugin's name and does not
 * interpret any for it, so the plugin defines them itself (krew best practices).
 */
export const connectionFlags = {
  kubeconfig: Flags.string({
    summary: 'Path to the kubeconfig file to use (default: $KUBECONFIG, else ~/.kube/config).',
    helpGroup: 'KUBECTL',
    helpValue: '<path>',
  }),
  context: Flags.string({
    summary: 'The name of the kubeconfig context to use.',
    helpGroup: 'KUBECTL',
    helpValue: '<name>',
  }),
  user: Flags.string({
    summary: 'The name of the kubeconfig user to use.',
    helpGroup: 'KUBECTL',
    helpValue: '<name>',
  }),
  'request-timeout': Flags.string({
    summary: 'How long to wait for one API request before giving up (1s, 2m, 3h; 0 waits forever).',
    helpGroup: 'KUBECTL',
    helpValue: '<duration>',
  }),
};

/** `--cluster NAME` as kubectl has it; `check` uses `--cluster` for something else. */
export const clusterNameFlag = {
  cluster: Flags.string({
    summary: 'The name of the kubeconfig cluster to use.',
    helpGroup: 'KUBECTL',
    helpValue: '<name>',
  }),
};

export const namespaceFlags = {
  namespace: Flags.string({ char: 'n', summary: 'Only this namespace.', helpValue: '<namespace>' }),
  'all-namespaces': Flags.boolean({ char: 'A', summary: 'All namespaces.' }),
};

export const outputFlags = {
  output: Flags.string({
    char: 'o',
    summary: 'Output format: wide, json, yaml, name, jsonpath=…, jsonpath-as-json=…, custom-columns=….',
    helpValue: '<format>',
  }),
  'no-headers': Flags.boolean({ summary: 'Print tables without the header line.' }),
};

export const verboseFlag = {
  verbose: Flags.boolean({ summary: 'Print the stack trace of errors.', helpGroup: 'GLOBAL' }),
};
