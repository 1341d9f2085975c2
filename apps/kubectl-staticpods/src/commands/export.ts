import { defineCommand, type FlagValues, flag } from '../cli/define.js';
import { clusterNameFlag, connectionFlags } from '../cli/shared-flags.js';

const exportFlags = {
  namespace: flag.string({
    char: 'n',
    summary: 'Namespace of the named Pods (default: the context namespace).',
    helpValue: '<namespace>',
  }),
  node: flag.string({
    summary: 'Export every mirror Pod of this node, in all namespaces.',
    helpValue: '<name>',
  }),
  'output-dir': flag.string({
    summary: 'Write one <static name>.yaml per Pod into this directory instead of stdout.',
    helpValue: '<dir>',
  }),
  overwrite: flag.boolean({ summary: 'With --output-dir: replace existing files that differ.' }),
  ...connectionFlags,
  ...clusterNameFlag,
};

export type ExportFlags = FlagValues<typeof exportFlags>;

export const exportCommand = defineCommand({
  id: 'export',
  summary: 'Turn mirror Pods back into clean static Pod manifests.',
  description: `Reads mirror Pods and removes what the kubelet and the API server added (the -<node> name suffix, kubernetes.io/config.* annotations, nodeName, the kubelet's NoExecute toleration, the Node owner reference, server metadata, status, API defaults), so the result can go back into a staticPodPath. A Pod dumped with "kubectl get pod -o yaml" and put there instead is never started (rule SP044).

The YAML is written so that the kubelet reads back exactly these values: strings such as "yes", "on" or "0644", which the kubelet's YAML 1.1 reader would take for booleans and numbers, are quoted.`,
  examples: [
    {
      description: 'One mirror Pod, as YAML',
      command: '<%= config.bin %> <%= command.id %> kube-apiserver-cp-1 -n kube-system',
    },
    {
      description: "Rebuild a node's manifest directory",
      command: '<%= config.bin %> <%= command.id %> --node cp-1 --output-dir ./cp-1-manifests',
    },
  ],
  usage: '<%= command.id %> [pod/]NAME... [-n NAMESPACE] | --node NODE [flags]',
  args: 'NAME',
  formats: ['yaml', 'json'],
  flags: exportFlags,
  run: async (input) => (await import('../export/run-export.js')).runExport(input),
});
