import { flag } from './define.js';

/**
 * kubectl's connection flags. kubectl refuses flags before a plugin's name and does not
 * interpret any for it, so the plugin defines them itself (krew best practices), with kubectl's
 * names and meanings (k8s.io/cli-runtime `pkg/genericclioptions/config_flags.go`).
 */
export const connectionFlags = {
  kubeconfig: flag.string({
    summary: 'Path to the kubeconfig file to use (default: $KUBECONFIG, else ~/.kube/config).',
    helpGroup: 'KUBECTL',
    helpValue: '<path>',
  }),
  context: flag.string({
    summary: 'The name of the kubeconfig context to use.',
    helpGroup: 'KUBECTL',
    helpValue: '<name>',
  }),
  user: flag.string({
    summary: 'The name of the kubeconfig user to use.',
    helpGroup: 'KUBECTL',
    helpValue: '<name>',
  }),
  server: flag.string({
    char: 's',
    summary: 'The address and port of the Kubernetes API server.',
    helpGroup: 'KUBECTL',
    helpValue: '<url>',
  }),
  token: flag.string({
    summary: 'Bearer token for authentication to the API server.',
    helpGroup: 'KUBECTL',
    helpValue: '<token>',
  }),
  as: flag.string({
    summary: 'Username to impersonate for the operation (a user or a service account).',
    helpGroup: 'KUBECTL',
    helpValue: '<user>',
  }),
  'as-group': flag.strings({
    summary: 'Group to impersonate for the operation (repeatable).',
    helpGroup: 'KUBECTL',
    helpValue: '<group>',
  }),
  'insecure-skip-tls-verify': flag.boolean({
    summary:
      "Don't check the server's certificate (insecure: anyone on the path can read and change the traffic).",
    helpGroup: 'KUBECTL',
  }),
  'request-timeout': flag.string({
    summary: 'How long to wait for one API request before giving up (1s, 2m, 3h; 0 waits forever).',
    helpGroup: 'KUBECTL',
    helpValue: '<duration>',
  }),
  v: flag.string({
    char: 'v',
    summary:
      'Log level: 6 logs every request to the API server on stderr (method, URL, status, time), 8 adds the response body size.',
    helpGroup: 'KUBECTL',
    helpValue: '<level>',
  }),
};

/** `--cluster NAME` as kubectl has it; `check` uses `--cluster` for something else. */
export const clusterNameFlag = {
  cluster: flag.string({
    summary: 'The name of the kubeconfig cluster to use.',
    helpGroup: 'KUBECTL',
    helpValue: '<name>',
  }),
};

export const namespaceFlags = {
  namespace: flag.string({ char: 'n', summary: 'Only this namespace.', helpValue: '<namespace>' }),
  'all-namespaces': flag.boolean({ char: 'A', summary: 'All namespaces.' }),
};
