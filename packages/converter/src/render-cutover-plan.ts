import { NODE_PLACEHOLDER } from './shell.js';
import type { CutoverPlan, CutoverStep } from './types.js';

const PHASE_TITLES: Record<CutoverStep['phase'], string> = {
  prepare: 'Prepare',
  'per-node': 'Migrate node by node',
  finish: 'Finish',
  rollback: 'Rollback (node by node, in reverse; then the DaemonSet)',
};

/** The cut-over plan as text for people: numbered steps with the exact commands, then the rollback. */
export function renderCutoverPlan(plan: CutoverPlan): string {
  const { namespace, name } = plan.daemonSet;
  const lines: string[] = [
    `Cut-over plan: static Pod → DaemonSet ${namespace}/${name}`,
    '',
    `Manifest:       ${plan.manifestPath}${plan.manifestPathGuessed ? ' (file name guessed: check it on each node)' : ''}`,
    `staticPodPath:  ${plan.staticPodPath}`,
    `Backup:         ${plan.backupPath} (outside staticPodPath; never delete it during the cut-over)`,
    `Pods:           -l ${plan.podSelector}`,
  ];
  lines.push(
    plan.nodes.length > 0
      ? `Nodes:          ${plan.nodes.join(', ')}`
      : `Nodes:          not known. Repeat the per-node steps on every node that has the manifest, with ${NODE_PLACEHOLDER} set to its name (export NODE=<node name>).`,
  );
  if (plan.gateLabel) {
    lines.push(
      `Cut-over gate:  node label ${plan.gateLabel.key}=${plan.gateLabel.value}, required by the DaemonSet`,
    );
  }
  lines.push(
    '',
    'The kubelet notices a moved manifest at once through inotify, at the latest after fileCheckFrequency',
    '(20 s by default). Each node is without the Pod from the moment its manifest moves until the DaemonSet',
    'Pod is Ready. "[node]" commands run as root on that node; the others run with kubectl.',
  );
  let number = 0;
  let phase: CutoverStep['phase'] | undefined;
  let node: string | undefined;
  for (const step of plan.steps) {
    if (step.phase !== phase) {
      phase = step.phase;
      node = undefined;
      lines.push('', `${PHASE_TITLES[step.phase]}:`);
    }
    if (step.node !== undefined && step.node !== node) {
      node = step.node;
      lines.push('', `  Node ${node}:`);
    }
    number++;
    const where = step.where === 'node' ? ` [node ${step.node ?? ''}]` : '';
    lines.push('', `  ${number}. ${step.title}${where}`);
    for (const line of wrap(step.details, 100)) lines.push(`     ${line}`);
    for (const c of step.commands) lines.push(`     $ ${c}`);
  }
  return `${lines.join('\n')}\n`;
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') out.push(line);
  return out;
}
