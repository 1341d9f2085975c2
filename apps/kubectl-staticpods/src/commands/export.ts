import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { type ExportFlags, runExport } from '../export/run-export.js';
import { clusterNameFlag, connectionFlags } from '../flags.js';

export default class Export extends BaseCommand {
  static override summary = 'Turn mirror Pods back into clean static Pod manifests.';
  static override description =
    `Reads mirror Pods and removes what the kubelet and the API server added (the -<node> name suffix, kubernetes.io/config.* annotations, nodeName, the kubelet's NoExecute toleration, the Node owner reference, server metadata, status, API defaults), so the result can go back into a staticPodPath. A Pod dumped with "kubectl get pod -o yaml" and put there instead is never started (rule SP044).`;

  static override examples = [
    {
      description: 'One mirror Pod, as YAML',
      command: '<%= config.bin %> <%= command.id %> kube-apiserver-cp-1 -n kube-system',
    },
    {
      description: "Rebuild a node's manifest directory",
      command: '<%= config.bin %> <%= command.id %> --node cp-1 --output-dir ./cp-1-manifests',
    },
  ];

  static override strict = false;
  static override usage = '<%= command.id %> [pod/]NAME... [-n NAMESPACE] | --node NODE [flags]';

  static override flags = {
    namespace: Flags.string({
      char: 'n',
      summary: 'Namespace of the named Pods (default: the context namespace).',
      helpValue: '<namespace>',
    }),
    node: Flags.string({
      summary: 'Export every mirror Pod of this node, in all namespaces.',
      helpValue: '<name>',
    }),
    output: Flags.string({
      char: 'o',
      summary: 'Output format.',
      options: ['yaml', 'json'],
      default: 'yaml',
    }),
    'output-dir': Flags.string({
      summary: 'Write one <static name>.yaml per Pod into this directory instead of stdout.',
      helpValue: '<dir>',
    }),
    overwrite: Flags.boolean({ summary: 'With --output-dir: replace existing files that differ.' }),
    ...connectionFlags,
    ...clusterNameFlag,
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Export);
    await runExport(argv as string[], flags as ExportFlags);
  }
}
