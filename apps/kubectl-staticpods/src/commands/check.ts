import { defineCommand, type FlagValues, flag } from '../cli/define.js';
import { connectionFlags } from '../cli/shared-flags.js';

const checkFlags = {
  'kubernetes-version': flag.string({
    summary: 'The kubelet and API server version to model (1.29–1.37; default 1.37).',
    helpValue: '<version>',
  }),
  node: flag.string({
    summary: "The kubelet's node name (mirror names, and the node checks of --cluster).",
    helpValue: '<name>',
  }),
  disable: flag.strings({ summary: 'Rule id or name to switch off (repeatable).', helpValue: '<rule>' }),
  config: flag.string({
    summary: 'Config file (default: the nearest .staticpods.yaml upwards from here).',
    helpValue: '<file>',
  }),
  'fail-on': flag.oneOf({
    summary: 'The lowest severity that makes the exit code 1.',
    options: ['error', 'warning'],
    default: 'error',
  }),
  'all-documents': flag.boolean({
    summary:
      'Check every YAML document of each input, not only the first one the kubelet reads (for CI streams).',
  }),
  cluster: flag.boolean({
    summary:
      'Fetch namespaces, PriorityClasses and the --node from the cluster, and run the rules that need them.',
  }),
  ...connectionFlags,
};

export type CheckFlags = FlagValues<typeof checkFlags>;

export const check = defineCommand({
  id: 'check',
  summary: 'Check manifests as the kubelet and the API server read them.',
  description: `Runs every rule of @staticpods/core (docs/rules.md) over manifest files, staticPodPath directories (read exactly like the kubelet: every non-dot entry, no recursion, duplicates resolved) or stdin (-).

A file holds one Pod: the kubelet reads only its first YAML document (later ones are reported by SP005). --all-documents checks every document of every file instead, for CI pipelines that render several manifests into one stream (helm template … | kubectl staticpods check --all-documents -).

Rules can be switched off with --disable, in a .staticpods.yaml found from the current directory upwards (or --config), or per manifest with the annotation ignore-check.staticpods.io/<rule>: "<reason>" (the reason is required). "kubectl staticpods rules" lists them, "kubectl staticpods explain SP013" explains one.

--cluster adds the rules that need cluster facts: the namespace exists (SP025), the PriorityClass exists (SP026), the node named by --node matches the Pod's nodeSelector, affinity and OS (SP033).

Exit codes: 0 no error findings, 1 error findings (with --fail-on warning: also warnings), 2 could not run.`,
  examples: [
    {
      description: "A node's manifest directory",
      command: '<%= config.bin %> <%= command.id %> /etc/kubernetes/manifests',
    },
    {
      description: 'One file, for the kubelet of Kubernetes 1.33',
      command: '<%= config.bin %> <%= command.id %> kube-apiserver.yaml --kubernetes-version 1.33',
    },
    {
      description: 'From stdin, as SARIF for code scanning',
      command: 'cat pod.yaml | <%= config.bin %> <%= command.id %> - -o sarif',
    },
    {
      description: 'Every manifest a chart renders',
      command: 'helm template ./chart | <%= config.bin %> <%= command.id %> --all-documents -',
    },
    {
      description: 'With the facts of the current cluster, for node cp-1',
      command: '<%= config.bin %> <%= command.id %> /etc/kubernetes/manifests --cluster --node cp-1',
    },
  ],
  usage: '<%= command.id %> PATH... | - [flags]',
  args: 'PATH',
  formats: ['text', 'json', 'yaml', 'sarif', 'junit'],
  flags: checkFlags,
  fastPath: (flags) => !flags.cluster,
  run: async (input) => (await import('../check/run-check.js')).runCheck(input),
});
