import { FILE_CHECK_SECONDS, mirrorNameOn } from './cutover-paths.js';
import { command } from './shell.js';
import type { CutoverAction, CutoverPlanInput, CutoverStep, CutoverWait } from './types.js';

/** How long the rollback waits for the static Pod to be Ready again. */
const RESTORE_READY_SECONDS = 300;

/** The actions and waits of one node's cut-over, shared by its forward steps and its rollback. */
export interface NodeOperations {
  readonly move: Extract<CutoverAction, { kind: 'move-manifest' }>;
  readonly restore: Extract<CutoverAction, { kind: 'restore-manifest' }>;
  readonly mirrorDeleted: CutoverWait;
  readonly mirrorReady: CutoverWait;
  /** Absent without the cut-over gate. */
  readonly label?: CutoverAction;
  readonly unlabel?: CutoverAction;
  readonly podReady: CutoverWait;
  readonly podDeleted: CutoverWait;
}

/** Builds, per node, the operations the plan's steps and rollback steps carry. */
export function nodeOperations(
  input: CutoverPlanInput,
  paths: { readonly manifestPath: string; readonly backupPath: string },
  deleteSeconds: number,
): (node: string) => NodeOperations {
  const staticNamespace = input.staticNamespace ?? input.namespace;
  const gate = input.gate;
  return (node) => {
    const pod = mirrorNameOn(input.staticName, node);
    const dsPod = { namespace: input.namespace, selector: input.podSelector, node };
    return {
      move: { kind: 'move-manifest', node, ...paths },
      restore: { kind: 'restore-manifest', node, ...paths },
      mirrorDeleted: {
        kind: 'mirror-pod-deleted',
        namespace: staticNamespace,
        pod,
        node,
        timeoutSeconds: deleteSeconds,
      },
      mirrorReady: {
        kind: 'mirror-pod-ready',
        namespace: staticNamespace,
        pod,
        node,
        timeoutSeconds: RESTORE_READY_SECONDS,
      },
      ...(gate && {
        label: { kind: 'label-node', node, key: gate.key, value: gate.value },
        unlabel: { kind: 'unlabel-node', node, key: gate.key },
      }),
      podReady: { kind: 'daemonset-pod-ready', ...dsPod, timeoutSeconds: RESTORE_READY_SECONDS },
      podDeleted: { kind: 'daemonset-pod-deleted', ...dsPod, timeoutSeconds: deleteSeconds },
    };
  };
}

/**
 * Undoing the cut-over, node by node in reverse: take the DaemonSet Pod off (it must be gone before the
 * static Pod binds the same host ports again), move the manifest back, wait for the static Pod; then
 * delete the DaemonSet. Without the gate the DaemonSet must go first, as it runs on every node. The
 * steps carry the same operations as the `rollback` of the forward steps.
 */
export function rollbackSteps(
  input: CutoverPlanInput,
  nodes: readonly string[],
  ops: (node: string) => NodeOperations,
  deleteTimeout: string,
  readyTimeout: string,
): CutoverStep[] {
  const ns = ['-n', input.namespace];
  const staticNs = ['-n', input.staticNamespace ?? input.namespace];
  const gate = input.gate;
  const steps: CutoverStep[] = [];
  const deleteDaemonSet: CutoverStep = {
    id: 'rollback-delete-daemonset',
    phase: 'rollback',
    where: 'workstation',
    title: gate ? 'Delete the DaemonSet once no node uses it' : 'Delete the DaemonSet and its Pods first',
    details: gate
      ? 'With no node labelled it runs nowhere; delete it, or keep it for a later attempt.'
      : 'Without the gate it runs on every matching node, so it goes before the manifests come back; ' +
        '--cascade=foreground returns once its Pods are deleted.',
    commands: [command('kubectl', ...ns, 'delete', 'daemonset', input.name, '--cascade=foreground')],
    action: { kind: 'delete-daemonset' },
  };
  if (!gate) steps.push(deleteDaemonSet);
  for (const node of [...nodes].reverse()) {
    const op = ops(node);
    if (gate && op.unlabel) {
      steps.push({
        id: 'rollback-unlabel-node',
        phase: 'rollback',
        node,
        where: 'workstation',
        title: 'Take the DaemonSet Pod off the node',
        details: 'Without the gate label the controller deletes its Pod there; wait until it is gone.',
        commands: [
          command('kubectl', 'label', 'node', node, `${gate.key}-`),
          command('kubectl', ...ns, 'wait', '--for=delete', ...podOnNode(input, node), deleteTimeout),
        ],
        action: op.unlabel,
        wait: op.podDeleted,
      });
    }
    steps.push({
      id: 'rollback-restore-manifest',
      phase: 'rollback',
      node,
      where: 'node',
      title: 'Move the manifest back',
      details: `The kubelet starts the static Pod again within fileCheckFrequency (${FILE_CHECK_SECONDS} s).`,
      commands: [command('sudo', 'mv', '-n', op.restore.backupPath, op.restore.manifestPath)],
      action: op.restore,
    });
    steps.push({
      id: 'rollback-wait-mirror',
      phase: 'rollback',
      node,
      where: 'workstation',
      title: 'Wait for the static Pod to be Ready again',
      details: 'Its mirror Pod reappears once the kubelet has started it.',
      commands: [
        command(
          'kubectl',
          ...staticNs,
          'wait',
          '--for=create',
          '--for=condition=Ready',
          `pod/${mirrorNameOn(input.staticName, node)}`,
          readyTimeout,
        ),
      ],
      wait: op.mirrorReady,
    });
  }
  if (gate) steps.push(deleteDaemonSet);
  return steps;
}

/** The DaemonSet's Pod on one node, as kubectl arguments. */
export function podOnNode(input: CutoverPlanInput, node: string): string[] {
  return ['pod', '-l', input.podSelector, '--field-selector', `spec.nodeName=${node}`];
}
