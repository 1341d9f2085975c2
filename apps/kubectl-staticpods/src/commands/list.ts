import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { clusterNameFlag, connectionFlags, namespaceFlags, outputFlags } from '../flags.js';
import { type ListFlags, runList } from '../list/run-list.js';

export default class List extends BaseCommand {
  static override summary = 'List mirror Pods, or the files of a staticPodPath.';
  static override description =
    `From the cluster (the default): every mirror Pod, that is every Pod with the kubernetes.io/config.mirror annotation, across all namespaces unless -n is given. --group shows one row per static Pod across nodes, and whether the nodes run the same manifest.

From a node: --manifests PATH shows what the kubelet does with each entry of that staticPodPath (loaded, shadowed by a duplicate, invalid, ignored) and the mirror Pod name it gets on --node; no cluster is needed.

Both: --manifests PATH --drift joins the files with the node's mirror Pods and compares versions exactly, by the kubelet's config hash of each file (the mirror Pod's kubernetes.io/config.mirror): in-sync (the node runs this file), stale (it runs another version: the edit is not picked up yet, or refused), missing (no mirror Pod, and why), shadowed (another file wins), mirror-without-file. The hash includes the file's path on the node: --node-path.

From the kubelets: --kubelet reads GET /api/v1/nodes/<node>/proxy/pods and /proxy/configz through the API server (every node, or --node) and shows every static Pod each kubelet runs, whether its mirror Pod exists, is outdated or missing, and the node's staticPodPath. This needs the powerful get nodes/proxy permission; it is never used without --kubelet.`;

  static override examples = [
    { description: 'Every mirror Pod in the cluster', command: '<%= config.bin %> <%= command.id %>' },
    {
      description: 'One row per static Pod across nodes',
      command: '<%= config.bin %> <%= command.id %> --group',
    },
    {
      description: 'What the kubelet makes of a manifest directory, on this node',
      command: '<%= config.bin %> <%= command.id %> --manifests /etc/kubernetes/manifests',
    },
    {
      description: 'Files against mirror Pods: is my edit running, what is missing, and why',
      command:
        '<%= config.bin %> <%= command.id %> --manifests /etc/kubernetes/manifests --node cp-1 --drift',
    },
    {
      description: "Every static Pod the node's kubelet runs, including those without a mirror Pod",
      command: '<%= config.bin %> <%= command.id %> --kubelet --node cp-1',
    },
    {
      description: 'Names of the nodes that run etcd',
      command: `<%= config.bin %> <%= command.id %> -n kube-system -o jsonpath='{range .items[?(@.metadata.labels.component=="etcd")]}{.spec.nodeName}{"\\n"}{end}'`,
    },
  ];

  static override flags = {
    manifests: Flags.string({
      summary:
        "A node's staticPodPath (directory or file) to read instead of, or with --drift besides, the cluster.",
      helpValue: '<path>',
    }),
    node: Flags.string({
      summary: "The kubelet's node name for --manifests (default: this host's name, lower-cased).",
      helpValue: '<name>',
    }),
    drift: Flags.boolean({
      summary: "With --manifests: compare the files with the node's mirror Pods in the cluster.",
    }),
    'node-path': Flags.string({
      summary:
        "With --drift: the node's staticPodPath, where the kubelet reads these files (the config hash includes each file's path there).",
      description:
        "Default: the staticPodPath the node's kubelet reports in /configz (through the API server, when you may get nodes/proxy), else /etc/kubernetes/manifests (kubeadm). The path given to --manifests is tried as well; when the mirror Pod matches the file at none of them, the row says which paths were tried.",
      helpValue: '<path>',
    }),
    group: Flags.boolean({ summary: 'One row per static Pod name across nodes.' }),
    kubelet: Flags.boolean({
      summary:
        'Ask each kubelet (through the API server, needs get nodes/proxy) for the static Pods it runs, mirrored or not.',
    }),
    'kubernetes-version': Flags.string({
      summary: 'The kubelet and API server version to model for --manifests (1.29–1.37).',
      helpValue: '<version>',
    }),
    selector: Flags.string({
      char: 'l',
      summary: 'Label selector (e.g. -l component=etcd).',
      helpValue: '<selector>',
    }),
    ...namespaceFlags,
    ...outputFlags,
    ...connectionFlags,
    ...clusterNameFlag,
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(List);
    await runList(flags as ListFlags);
  }
}
