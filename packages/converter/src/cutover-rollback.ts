import { FILE_CHECK_SECONDS, mirrorNameOn } from './cutover-paths.js';
import type { PlanInput } from './cutover-plan.js';
import { command } from './shell.js';
import type { CutoverStep } from './types.js';

/**
 * Undoing the cut-over, node by node in reverse: take the DaemonSet Pod off (it must be gone before the
 * static Pod binds the same host ports again), move the manifest back, wait for the static Pod; then
 * delete the DaemonSet. Without the gate the DaemonSet must go first, as it runs on every node.
 */
export function rollbackSteps(
  input: PlanInput,
  nodes: readonly string[],
  paths: { readonly manifestPath: string; readonly backupPath: string },
  deleteTimeout: string,
  readyTimeout: string,
): CutoverStep[] {
  const ns = ['-n', input.namespace];
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
  };
  if (!gate) steps.push(deleteDaemonSet);
  for (const node of [...nodes].reverse()) {
    const mirror = mirrorNameOn(input.staticName, node);
    if (gate) {
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
      });
    }
    steps.push({
      id: 'rollback-restore-manifest',
      phase: 'rollback',
      node,
      where: 'node',
      title: 'Move the manifest back',
      details: `The kubelet starts the static Pod again within fileCheckFrequency (${FILE_CHECK_SECONDS} s).`,
      commands: [command('sudo', 'mv', '-n', paths.backupPath, paths.manifestPath)],
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
          ...ns,
          'wait',
          '--for=create',
          '--for=condition=Ready',
          `pod/${mirror}`,
          readyTimeout,
        ),
      ],
    });
  }
  if (gate) steps.push(deleteDaemonSet);
  return steps;
}

/** The DaemonSet's Pod on one node, as kubectl arguments. */
export function podOnNode(input: PlanInput, node: string): string[] {
  return ['pod', '-l', input.podSelector, '--field-selector', `spec.nodeName=${node}`];
}
