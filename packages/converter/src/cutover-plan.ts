import { posix } from 'node:path';
import { FILE_CHECK_SECONDS, mirrorNameOn, planPaths } from './cutover-paths.js';
import { nodeOperations, podOnNode, rollbackSteps } from './cutover-rollback.js';
import { command, jsonPointerSegment, NODE_PLACEHOLDER } from './shell.js';
import type { CutoverPlan, CutoverPlanInput, CutoverStep } from './types.js';

/** How long the plan waits for a Pod to become Ready (kubectl wait's timeout in the commands too). */
export const READY_TIMEOUT_SECONDS = 300;

/**
 * The cut-over as data: apply the DaemonSet behind its gate label, then node by node move the manifest
 * out (never delete it), wait for the mirror Pod to go, label the node, wait for the DaemonSet Pod;
 * plus the rollback. kubeadm's self-hosting pivot started the DaemonSet first and removed the manifest
 * once it was Ready (cmd/kubeadm/app/phases/selfhosting/selfhosting.go), which needs two copies to fit
 * on a node at once; with host ports they do not, so here the static Pod goes first, one node at a
 * time, and a failure stops the cut-over on that node.
 */
export function buildCutoverPlan(input: CutoverPlanInput): CutoverPlan {
  const paths = planPaths(input);
  const backupPath = posix.join(paths.backupDir, paths.fileName);
  const ns = ['-n', input.namespace];
  const staticNs = ['-n', input.staticNamespace ?? input.namespace];
  const nodes = input.nodes.length > 0 ? input.nodes : [NODE_PLACEHOLDER];
  const deleteSeconds = deleteTimeoutSeconds(input.terminationGracePeriodSeconds);
  const deleteTimeout = `--timeout=${deleteSeconds}s`;
  const readyTimeout = `--timeout=${READY_TIMEOUT_SECONDS}s`;
  const ops = nodeOperations(input, { manifestPath: paths.manifestPath, backupPath }, deleteSeconds);
  const dsFile = `${input.name}.daemonset.yaml`;
  const gate = input.gate;
  const steps: CutoverStep[] = [];
  const step = (s: CutoverStep) => steps.push(s);

  const apply: CutoverStep = {
    id: 'apply-daemonset',
    phase: gate ? 'prepare' : 'finish',
    where: 'workstation',
    title: 'Apply the DaemonSet',
    details: gate
      ? `Save the converted DaemonSet as ${dsFile}. It requires the node label ${gate.key}=${gate.value}, which no ` +
        'node has yet, so no Pod starts (DESIRED stays 0). The server-side dry run shows first what the API server ' +
        'and its admission plugins say.'
      : `Save the converted DaemonSet as ${dsFile}. Without the cut-over gate it starts a Pod on every matching node ` +
        'at once, so apply it only once the static Pod is gone from every node.',
    commands: [
      command('kubectl', 'apply', '--dry-run=server', '-f', dsFile),
      command('kubectl', 'apply', '-f', dsFile),
      command('kubectl', ...ns, 'get', 'daemonset', input.name),
    ],
    action: { kind: 'apply-daemonset' },
    rollback: [{ action: { kind: 'delete-daemonset' } }],
  };
  if (gate) step(apply);
  for (const node of nodes) {
    const mirror = mirrorNameOn(input.staticName, node);
    const op = ops(node);
    step({
      id: 'move-manifest',
      phase: 'per-node',
      node,
      where: 'node',
      title: 'Move the manifest out of staticPodPath (keep it)',
      details:
        'The kubelet stops the static Pod when its file goes: at once through inotify, at the latest at the next ' +
        `re-list (fileCheckFrequency, ${FILE_CHECK_SECONDS} s by default). The backup must be outside staticPodPath: ` +
        'the kubelet runs every file there whose name does not start with a dot, backups included ' +
        '(kubernetes/kubeadm#2823). mv -n never overwrites an older backup; the test fails if the manifest is still there.' +
        (paths.manifestPathGuessed
          ? ` The file name is a guess: check it with sudo ls ${paths.staticPodPath}.`
          : ''),
      commands: [
        command('sudo', 'install', '-d', '-m', '0700', paths.backupDir),
        command('sudo', 'mv', '-n', paths.manifestPath, backupPath),
        command('sudo', 'test', '!', '-e', paths.manifestPath),
      ],
      action: op.move,
      rollback: [{ action: op.restore, wait: op.mirrorReady }],
    });
    step({
      id: 'wait-mirror-deleted',
      phase: 'per-node',
      node,
      where: 'workstation',
      title: 'Wait for the mirror Pod to disappear',
      details:
        'The kubelet deletes the mirror Pod once the static Pod has stopped (up to ' +
        `terminationGracePeriodSeconds, ${input.terminationGracePeriodSeconds} s).`,
      commands: [command('kubectl', ...staticNs, 'wait', '--for=delete', `pod/${mirror}`, deleteTimeout)],
      wait: op.mirrorDeleted,
    });
    if (!gate) continue;
    step({
      id: 'label-node',
      phase: 'per-node',
      node,
      where: 'workstation',
      title: 'Let the DaemonSet Pod land',
      details:
        'The DaemonSet controller creates its Pod on the node once it has the gate label; the scheduler binds it.',
      commands: [command('kubectl', 'label', 'node', node, `${gate.key}=${gate.value}`)],
      ...(op.label && { action: op.label }),
      ...(op.unlabel && { rollback: [{ action: op.unlabel, wait: op.podDeleted }] }),
    });
    step({
      id: 'wait-ready',
      phase: 'per-node',
      node,
      where: 'workstation',
      title: 'Wait for the DaemonSet Pod to be Ready',
      details:
        '--for=create needs kubectl 1.31 or newer. If the Pod does not become Ready, roll this node back (below) ' +
        'before going on.',
      commands: [
        command(
          'kubectl',
          ...ns,
          'wait',
          '--for=create',
          '--for=condition=Ready',
          ...podOnNode(input, node),
          readyTimeout,
        ),
      ],
      wait: op.podReady,
    });
  }
  if (!gate) step(apply);
  step({
    id: 'check-rollout',
    phase: 'finish',
    where: 'workstation',
    title: 'Check the DaemonSet',
    details:
      `Keep the backups in ${paths.backupDir} until you are sure. From now on the DaemonSet owns the Pods: ` +
      'roll out changes with kubectl apply, undo them with kubectl rollout undo.',
    commands: [command('kubectl', ...ns, 'rollout', 'status', `daemonset/${input.name}`, readyTimeout)],
    wait: {
      kind: 'rollout-complete',
      namespace: input.namespace,
      name: input.name,
      timeoutSeconds: READY_TIMEOUT_SECONDS,
    },
  });
  if (gate) {
    const patch = JSON.stringify([
      { op: 'remove', path: `/spec/template/spec/nodeSelector/${jsonPointerSegment(gate.key)}` },
    ]);
    step({
      id: 'remove-gate',
      phase: 'finish',
      where: 'workstation',
      title: 'Optional: remove the cut-over gate',
      details:
        `The DaemonSet keeps requiring ${gate.key}=${gate.value}: a new node gets a Pod only once labelled. Removing ` +
        'the requirement changes the Pod template, so every Pod is replaced once, one node at a time; also remove ' +
        'it from your copy of the manifest.',
      commands: [
        command('kubectl', ...ns, 'patch', `daemonset/${input.name}`, '--type=json', '-p', patch),
        command('kubectl', ...ns, 'rollout', 'status', `daemonset/${input.name}`, readyTimeout),
        command('kubectl', 'label', 'nodes', '-l', gate.key, `${gate.key}-`),
      ],
    });
  }
  steps.push(...rollbackSteps(input, nodes, ops, deleteTimeout, readyTimeout));
  return {
    daemonSet: { namespace: input.namespace, name: input.name },
    staticPodPath: paths.staticPodPath,
    manifestPath: paths.manifestPath,
    manifestPathGuessed: paths.manifestPathGuessed,
    backupPath,
    nodes: input.nodes,
    ...(gate && { gateLabel: gate }),
    podSelector: input.podSelector,
    steps,
    input: planInputOf(input),
  };
}

/** fileCheckFrequency, then the Pod's grace period, and a minute for the kubelet's housekeeping and the API. */
export function deleteTimeoutSeconds(terminationGracePeriodSeconds: number): number {
  return FILE_CHECK_SECONDS + terminationGracePeriodSeconds + 60;
}

/** The input as plain data, without undefined fields (it is stored as JSON). */
function planInputOf(input: CutoverPlanInput): CutoverPlanInput {
  return {
    staticName: input.staticName,
    ...(input.staticNamespace !== undefined && { staticNamespace: input.staticNamespace }),
    ...(input.file !== undefined && { file: input.file }),
    ...(input.staticPodPath !== undefined && { staticPodPath: input.staticPodPath }),
    ...(input.backupDir !== undefined && { backupDir: input.backupDir }),
    namespace: input.namespace,
    name: input.name,
    nodes: [...input.nodes],
    ...(input.gate && { gate: { key: input.gate.key, value: input.gate.value } }),
    podSelector: input.podSelector,
    terminationGracePeriodSeconds: input.terminationGracePeriodSeconds,
  };
}
