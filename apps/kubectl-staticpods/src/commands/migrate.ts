import { defineCommand, type FlagValues, flag } from '../cli/define.js';
import { clusterNameFlag, connectionFlags } from '../cli/shared-flags.js';
import { UserError } from '../errors.js';
import { io } from '../io.js';
import type { MigrateFlags } from '../migrate/run-migrate.js';
import { toDaemonSetFlags as convert } from './to-daemonset.js';

const NODE_ACCESS = 'NODE ACCESS';

const migrateFlags = {
  filename: flag.strings({
    char: 'f',
    summary: 'The static Pod manifest (a file, or - for stdin).',
    helpValue: '<path>',
  }),
  namespace: convert.namespace,
  'node-exec': flag.string({
    summary: "Reach nodes by running this command template locally, e.g. 'ssh {node} sudo sh -s'.",
    helpValue: '<template>',
    helpGroup: NODE_ACCESS,
  }),
  'node-pod': flag.boolean({
    summary: 'Reach nodes through a short-lived privileged Pod with a hostPath mount.',
    helpGroup: NODE_ACCESS,
  }),
  'node-pod-image': flag.string({
    summary: 'Image of the node-access Pod (needs sh, mkdir, mv, cp, cmp; default busybox:1.37).',
    helpValue: '<image>',
    helpGroup: NODE_ACCESS,
  }),
  'node-pod-namespace': flag.string({
    summary: "Namespace of the node-access Pod (default: the DaemonSet's; it must allow privileged Pods).",
    helpValue: '<namespace>',
    helpGroup: NODE_ACCESS,
  }),
  manual: flag.boolean({
    summary: 'Print the commands to run on each node and wait for the kubelet to react.',
    helpGroup: NODE_ACCESS,
  }),
  'max-unavailable': flag.string({
    summary: 'How many nodes may be between static Pod and DaemonSet Pod at once (default 1).',
    helpValue: '<n>',
  }),
  timeout: flag.string({
    summary:
      'Limit for every step (5m, 90s); default: each wait its own (mirror Pod gone: fileCheckFrequency + grace period + 60s; Ready: 5m), node actions 2m, manual steps 30m.',
    helpValue: '<duration>',
  }),
  rollback: flag.boolean({
    summary: 'Undo: restore the manifest on each migrated node in reverse order, then delete the DaemonSet.',
  }),
  yes: flag.boolean({ char: 'y', summary: 'Do not ask before acting.' }),
  'dry-run': flag.boolean({
    summary: 'Print every step (server dry run of the DaemonSet); change nothing.',
  }),
  placement: convert.placement,
  force: convert.force,
  'rewrite-restart-policy': convert['rewrite-restart-policy'],
  'keep-kubelet-toleration': convert['keep-kubelet-toleration'],
  'service-account': convert['service-account'],
  name: convert.name,
  'keep-dns-policy': convert['keep-dns-policy'],
  'backup-dir': convert['backup-dir'],
  'static-pod-path': convert['static-pod-path'],
  ...connectionFlags,
  ...clusterNameFlag,
};

export type MigrateCommandFlags = FlagValues<typeof migrateFlags>;

export const migrate = defineCommand({
  id: 'migrate',
  summary: 'Move a static Pod to its DaemonSet node by node, resumably, with rollback.',
  description: `Takes the same inputs as to-daemonset (one manifest with -f, or the mirror Pods of one static Pod) and carries out the cut-over plan: it creates the DaemonSet behind its per-DaemonSet gate label (so no Pod starts), then per node, one at a time (--max-unavailable): moves the manifest out of staticPodPath to a backup outside it, waits until the kubelet has stopped the static Pod and deleted its mirror Pod, labels the node, and waits until the DaemonSet Pod there is Ready. Nodes whose static Pod is not Ready go first, then by name. Control-plane components stay refused unless --force.

How to reach the nodes is explicit. --node-exec TEMPLATE runs TEMPLATE with sh on this machine for each node action, with {node}, {path}, {backup}, {action} (move or restore) and {script} replaced, shell-quoted; without {script} the script comes on stdin, as in 'ssh {node} sudo sh -s'. --node-pod runs the script in a short-lived privileged Pod bound to the node, with the manifest directory mounted from the host (--node-pod-image, --node-pod-namespace), and deletes it afterwards. --manual prints the exact commands for each node and waits for the kubelet to react.

The progress lives in the cluster, in the DaemonSet's annotation staticpods.io/migration: run the same command again, or "migrate daemonset/NAME -n NAMESPACE", to resume after a failure, a crash or Ctrl-C; add --rollback to restore the manifests node by node in reverse and delete the DaemonSet. A step that fails (or times out, --timeout) rolls its node back to the static Pod and stops, so every node runs either the static Pod or the DaemonSet Pod; the nodes' states and the exact commands to resume or roll back are printed. The first Ctrl-C does the same; a second one stops at once.

It shows the plan and asks before acting unless --yes; --dry-run prints every step and changes nothing. Progress: one line per step, or JSON lines with -o json.

Exit codes: 0 done, 1 stopped (a step failed, the conversion was refused, or not confirmed), 2 could not run, 130 stopped by Ctrl-C.`,
  examples: [
    {
      description: 'Migrate the mirror Pods of a static Pod, reaching the nodes over ssh',
      command: `<%= config.bin %> <%= command.id %> node-exporter-worker-1 -n monitoring --node-exec 'ssh {node} sudo sh -s'`,
    },
    {
      description: 'Every step, without changing anything',
      command: '<%= config.bin %> <%= command.id %> -f node-exporter.yaml --manual --dry-run',
    },
    {
      description: 'Resume a migration that stopped',
      command: `<%= config.bin %> <%= command.id %> daemonset/node-exporter -n monitoring --node-exec 'ssh {node} sudo sh -s'`,
    },
    {
      description: 'Roll it back',
      command: `<%= config.bin %> <%= command.id %> daemonset/node-exporter -n monitoring --rollback --node-exec 'ssh {node} sudo sh -s'`,
    },
  ],
  usage: '<%= command.id %> (-f FILE | [pod/]NAME | daemonset/NAME) [flags]',
  args: 'NAME',
  // Progress, one line per step; -o json: structured events, one JSON object a line.
  formats: ['text', 'json'],
  flags: migrateFlags,
  run: async ({ args, flags, output }) => {
    const { runMigrate } = await import('../migrate/run-migrate.js');
    await runMigrate(args, migrateFlagsOf(flags, output));
    // The executor sets its exit code as it stops (1 stopped, 130 interrupted, docs/cli.md).
    return { result: undefined, exitCode: io().exitCode };
  },
});

/** The declared flags as the executor takes them: `--max-unavailable` as a whole number. */
function migrateFlagsOf(flags: MigrateCommandFlags, output: 'text' | 'json'): MigrateFlags {
  const { 'max-unavailable': maxUnavailable, ...rest } = flags;
  if (maxUnavailable !== undefined && !/^\d+$/.test(maxUnavailable.trim())) {
    throw new UserError(
      'E_USAGE',
      `--max-unavailable ${maxUnavailable} is not a whole number of nodes`,
      'give 1 or more',
    );
  }
  return {
    ...rest,
    output,
    ...(maxUnavailable !== undefined && { 'max-unavailable': Number(maxUnavailable) }),
  } as MigrateFlags;
}
