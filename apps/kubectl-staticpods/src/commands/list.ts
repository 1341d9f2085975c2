import { defineCommand, type FlagValues, flag } from '../cli/define.js';
import { clusterNameFlag, connectionFlags, namespaceFlags } from '../cli/shared-flags.js';

const listFlags = {
  manifests: flag.string({
    summary:
      "A node's staticPodPath (directory or file) to read instead of, or with --drift besides, the cluster.",
    helpValue: '<path>',
  }),
  node: flag.string({
    summary: "The kubelet's node name for --manifests (default: this host's name, lower-cased).",
    helpValue: '<name>',
  }),
  drift: flag.boolean({
    summary: "With --manifests: compare the files with the node's mirror Pods in the cluster.",
  }),
  'node-path': flag.string({
    summary:
      "With --drift: the node's staticPodPath, where the kubelet reads these files (the config hash includes each file's path there).",
    description:
      "Default: the staticPodPath the node's kubelet reports in /configz (through the API server, when you may get nodes/proxy), else /etc/kubernetes/manifests (kubeadm). The path given to --manifests is tried as well; when the mirror Pod matches the file at none of them, the row says which paths were tried.",
    helpValue: '<path>',
  }),
  group: flag.boolean({ summary: 'One row per static Pod name across nodes.' }),
  kubelet: flag.boolean({
    summary:
      'Ask each kubelet (through the API server, needs get nodes/proxy) for the static Pods it runs, mirrored or not.',
  }),
  'kubernetes-version': flag.string({
    summary: 'The kubelet and API server version to model for --manifests (1.29–1.37).',
    helpValue: '<version>',
  }),
  selector: flag.string({
    char: 'l',
    summary: 'Label selector (e.g. -l component=etcd); with --manifests, on the labels of the files.',
    helpValue: '<selector>',
  }),
  watch: flag.boolean({
    char: 'w',
    summary:
      'After listing, watch for changes to mirror Pods and print each as it happens (until Ctrl-C or --request-timeout).',
  }),
  'watch-only': flag.boolean({
    summary: 'Watch for changes to mirror Pods without printing the list first.',
  }),
  'output-watch-events': flag.boolean({
    summary:
      'With --watch: an EVENT column (ADDED, MODIFIED, DELETED); with -o json|yaml each change as a watch event object.',
  }),
  'chunk-size': flag.string({
    summary: "Pods per request when listing from the cluster (kubectl's flag; 0 asks for all at once).",
    description: 'Default 500. Larger pages mean fewer requests and more memory per page.',
    helpValue: '<n>',
  }),
  ...namespaceFlags,
  ...connectionFlags,
  ...clusterNameFlag,
};

export type ListFlags = FlagValues<typeof listFlags>;

export const list = defineCommand({
  id: 'list',
  summary: 'List mirror Pods, or the files of a staticPodPath.',
  description: `From the cluster (the default): every mirror Pod, that is every Pod with the kubernetes.io/config.mirror annotation, across all namespaces unless -n is given. --group shows one row per static Pod across nodes, and whether the nodes run the same manifest.

From a node: --manifests PATH shows what the kubelet does with each entry of that staticPodPath (loaded, shadowed by a duplicate, invalid, ignored) and the mirror Pod name it gets on --node; no cluster is needed. -n and -l filter the files by the namespace and labels of their Pods.

Both: --manifests PATH --drift joins the files with the node's mirror Pods and compares versions exactly, by the kubelet's config hash of each file (the mirror Pod's kubernetes.io/config.mirror): in-sync (the node runs this file), stale (it runs another version: the edit is not picked up yet, or refused), missing (no mirror Pod, and why), shadowed (another file wins), mirror-without-file. The hash includes the file's path on the node: --node-path.

From the kubelets: --kubelet reads GET /api/v1/nodes/<node>/proxy/pods and /proxy/configz through the API server (every node, or --node) and shows every static Pod each kubelet runs, whether its mirror Pod exists, is outdated or missing, and the node's staticPodPath. This needs the powerful get nodes/proxy permission; it is never used without --kubelet.

Following changes: -w prints the list, then every change to a mirror Pod as it happens (--watch-only: the changes alone; --output-watch-events names each change), like kubectl get -w; it opens the watch again after the server ends it or the connection breaks, and lists again after 410 Gone. It runs until Ctrl-C (exit 130), or for --request-timeout.`,
  examples: [
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
      description: 'Files against mirror Pods: what is missing, and why',
      command:
        '<%= config.bin %> <%= command.id %> --manifests /etc/kubernetes/manifests --node cp-1 --drift',
    },
    {
      description: "Every static Pod the node's kubelet runs, including those without a mirror Pod",
      command: '<%= config.bin %> <%= command.id %> --kubelet --node cp-1',
    },
    {
      description: 'Follow the mirror Pods of kube-system as the kubelets change them',
      command: '<%= config.bin %> <%= command.id %> -n kube-system -w --output-watch-events',
    },
    {
      description: 'Names of the nodes that run etcd',
      command: `<%= config.bin %> <%= command.id %> -n kube-system -o jsonpath='{range .items[?(@.metadata.labels.component=="etcd")]}{.spec.nodeName}{"\\n"}{end}'`,
    },
  ],
  formats: ['text', 'wide', 'json', 'yaml', 'name', 'jsonpath', 'jsonpath-as-json', 'custom-columns'],
  flags: listFlags,
  fastPath: (flags) => flags.manifests !== undefined && !flags.drift,
  run: async (input) => (await import('../list/run-list.js')).runList(input),
});
