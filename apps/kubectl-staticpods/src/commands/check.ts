import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { type CheckFlags, runCheck } from '../check/run-check.js';
import { connectionFlags } from '../flags.js';

export default class Check extends BaseCommand {
  static override summary = 'Check manifests as the kubelet and the API server read them.';
  static override description =
    `Runs every rule of @staticpods/core (docs/rules.md) over manifest files, staticPodPath directories (read exactly like the kubelet: every non-dot entry, no recursion, duplicates resolved) or stdin (-).

Rules can be switched off with --disable, in a .staticpods.yaml found from the current directory upwards (or --config), or per manifest with the annotation ignore-check.staticpods.io/<rule>: "<reason>" (the reason is required).

--cluster adds the rules that need cluster facts: the namespace exists (SP025), the PriorityClass exists (SP026), the node named by --node matches the Pod's nodeSelector, affinity and OS (SP033).

Exit codes: 0 no error findings, 1 error findings (with --fail-on warning: also warnings), 2 could not run.`;

  static override examples = [
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
      description: 'With the facts of the current cluster, for node cp-1',
      command: '<%= config.bin %> <%= command.id %> /etc/kubernetes/manifests --cluster --node cp-1',
    },
  ];

  static override strict = false;
  static override usage = '<%= command.id %> PATH... | - [flags]';

  static override flags = {
    output: Flags.string({
      char: 'o',
      summary: 'Output format.',
      options: ['text', 'json', 'sarif', 'junit'],
      default: 'text',
    }),
    'kubernetes-version': Flags.string({
      summary: 'The kubelet and API server version to model (1.29–1.37; default 1.37).',
      helpValue: '<version>',
    }),
    node: Flags.string({
      summary: "The kubelet's node name (mirror names, and the node checks of --cluster).",
      helpValue: '<name>',
    }),
    disable: Flags.string({
      summary: 'Rule id or name to switch off (repeatable).',
      multiple: true,
      helpValue: '<rule>',
    }),
    config: Flags.string({
      summary: 'Config file (default: the nearest .staticpods.yaml upwards from here).',
      helpValue: '<file>',
    }),
    'fail-on': Flags.string({
      summary: 'The lowest severity that makes the exit code 1.',
      options: ['error', 'warning'],
      default: 'error',
    }),
    cluster: Flags.boolean({
      summary:
        'Fetch namespaces, PriorityClasses and the --node from the cluster, and run the rules that need them.',
    }),
    ...connectionFlags,
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Check);
    await runCheck(argv as string[], flags as unknown as CheckFlags);
  }
}
