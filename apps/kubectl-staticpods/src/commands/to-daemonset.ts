import { defineCommand, type FlagValues, flag } from '../cli/define.js';
import { clusterNameFlag, connectionFlags } from '../cli/shared-flags.js';

export const toDaemonSetFlags = {
  filename: flag.strings({
    char: 'f',
    summary: 'Manifest file, staticPodPath directory, or - for stdin (repeatable).',
    helpValue: '<path>',
  }),
  namespace: flag.string({
    char: 'n',
    summary: 'Namespace of the mirror Pods (default: the context namespace).',
    helpValue: '<namespace>',
  }),
  'all-namespaces': flag.boolean({
    char: 'A',
    summary: 'Every static Pod that has mirror Pods, in all namespaces.',
  }),
  'output-dir': flag.string({
    summary: 'Write one <namespace>.<name>.yaml per DaemonSet into this directory.',
    helpValue: '<dir>',
  }),
  overwrite: flag.boolean({ summary: 'With --output-dir: replace existing files that differ.' }),
  'dry-run': flag.oneOf({
    summary: 'server: let the API server validate and admit each DaemonSet without storing it.',
    options: ['none', 'client', 'server'],
    default: 'none',
  }),
  plan: flag.boolean({ summary: 'Print the cut-over plan instead of the DaemonSets.' }),
  placement: flag.string({
    summary:
      'Where the DaemonSet runs: all-nodes, control-plane, observed-nodes, nodes=A,B or selector=K=V,… (default: all-nodes for files, observed-nodes for mirror Pods).',
    helpValue: '<placement>',
  }),
  'rewrite-restart-policy': flag.boolean({
    summary: 'Turn restartPolicy OnFailure/Never into Always instead of refusing.',
  }),
  force: flag.boolean({ summary: 'Convert control-plane bootstrap components anyway.' }),
  'keep-kubelet-toleration': flag.boolean({
    summary: 'Keep the wildcard NoExecute toleration the kubelet adds to static Pods.',
  }),
  'service-account': flag.string({
    summary: 'Run the Pods as this ServiceAccount (static Pods cannot have one).',
    helpValue: '<name>',
  }),
  name: flag.string({
    summary: "The DaemonSet's name (default: the static Pod's name; one source only).",
    helpValue: '<name>',
  }),
  'cutover-gate': flag.booleanWithDefault({
    summary:
      'Require the per-DaemonSet node label the cut-over plan sets (--no-cutover-gate when no node runs the static Pod any more).',
    allowNo: true,
    default: true,
  }),
  'keep-dns-policy': flag.boolean({
    summary: 'Keep dnsPolicy ClusterFirst for hostNetwork Pods (the node resolver).',
  }),
  'backup-dir': flag.string({
    summary: 'Where the plan moves the manifests (default: <static-pod-path>-backup).',
    helpValue: '<dir>',
  }),
  'static-pod-path': flag.string({
    summary:
      "The nodes' staticPodPath, for the plan (default: the manifest's directory, else /etc/kubernetes/manifests).",
    helpValue: '<dir>',
  }),
  ...connectionFlags,
  ...clusterNameFlag,
};

export type ToDaemonSetFlags = FlagValues<typeof toDaemonSetFlags>;

export const toDaemonSet = defineCommand({
  id: 'to-daemonset',
  summary: 'Convert static Pods or their mirror Pods into DaemonSets.',
  description: `Reads manifests (-f FILE, DIR or - for stdin, repeatable; a directory is read the way the kubelet reads it) or mirror Pods from the cluster (by name, or all of them with -n NAMESPACE or -A), converts each static Pod with @staticpods/converter and prints the DaemonSets as YAML (or JSON).

Every change is explained by a note on stderr. Control-plane components (kube-apiserver, etcd, …) are refused unless --force: a control plane run as DaemonSets cannot start itself again after a full outage.

--plan prints the cut-over plan instead (create the DaemonSet, then per node: move the manifest away, wait for the mirror Pod to go, label the node, wait for the DaemonSet Pod). --dry-run=server sends each DaemonSet to the API server with dryRun=All: validation and admission run, nothing is stored.

Exit codes: 0 everything converted (and accepted by a server dry run), 1 a conversion was refused or the API server rejected a DaemonSet, 2 could not run.`,
  examples: [
    {
      description: 'A manifest, as YAML',
      command: '<%= config.bin %> <%= command.id %> -f /etc/kubernetes/manifests/node-exporter.yaml',
    },
    {
      description: 'The mirror Pods of a static Pod, on the nodes it runs on',
      command: '<%= config.bin %> <%= command.id %> node-exporter-worker-1 -n monitoring',
    },
    {
      description: 'Check with the API server, store nothing',
      command: '<%= config.bin %> <%= command.id %> -f node-exporter.yaml --dry-run=server',
    },
    {
      description: 'The cut-over plan',
      command:
        '<%= config.bin %> <%= command.id %> -f node-exporter.yaml --placement nodes=worker-1,worker-2 --plan',
    },
  ],
  usage: '<%= command.id %> (-f FILE|DIR|-)... | [pod/]NAME... | -n NAMESPACE | -A [flags]',
  args: 'NAME',
  formats: ['yaml', 'json', 'name', 'text'],
  defaultFormat: (flags) => (flags.plan || flags['dry-run'] === 'server' ? 'text' : 'yaml'),
  flags: toDaemonSetFlags,
  run: async (input) => (await import('../to-daemonset/run-to-daemonset.js')).runToDaemonSet(input),
});
