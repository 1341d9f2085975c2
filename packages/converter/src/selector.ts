import { toLabelValue } from './k8s-names.js';
import type { Notes } from './notes.js';

/** Labels the DaemonSet controller writes on its Pods (`CreatePodTemplate`, pkg/controller/daemon/util/daemonset_util.go). */
const CONTROLLER_LABELS = new Set(['controller-revision-hash', 'pod-template-generation']);

/**
 * Labels whose value changes with a rollout, an upgrade or a Pod's identity. The selector is
 * immutable (`ValidateDaemonSetSpecUpdate`, pkg/apis/apps/validation/validation.go), so a selector
 * holding one of them would force deleting and re-creating the DaemonSet at the next upgrade.
 * `revision` is what OpenShift's static-Pod operators put on their Pods.
 */
const VOLATILE_LABELS = new Set([
  ...CONTROLLER_LABELS,
  'pod-template-hash',
  'revision',
  'version',
  'app.kubernetes.io/version',
  'helm.sh/chart',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'controller-uid',
  'job-name',
  'batch.kubernetes.io/controller-uid',
  'batch.kubernetes.io/job-name',
  'batch.kubernetes.io/job-completion-index',
]);

export const NAME_LABEL = 'app.kubernetes.io/name';

export interface LabelsAndSelector {
  readonly templateLabels: Record<string, string>;
  readonly selector: Record<string, string>;
}

/**
 * The template labels and a non-empty selector that matches them (both required,
 * `ValidateDaemonSetSpec`). The Pod's own labels are reused (kubeadm's `component` and `tier`);
 * `app.kubernetes.io/name: <name>` is added only when no stable label is left.
 */
export function labelsAndSelector(
  podLabels: Readonly<Record<string, string>>,
  name: string,
  notes: Notes,
): LabelsAndSelector {
  const templateLabels: Record<string, string> = {};
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(podLabels)) {
    if (CONTROLLER_LABELS.has(key)) dropped.push(key);
    else templateLabels[key] = value;
  }
  if (dropped.length > 0) {
    notes.info(
      'controller-labels-dropped',
      `label${dropped.length > 1 ? 's' : ''} ${dropped.sort().join(', ')} dropped: the DaemonSet controller sets ` +
        'them on the Pods it creates.',
      ['metadata', 'labels'],
    );
  }
  const selector: Record<string, string> = {};
  const volatile: string[] = [];
  for (const [key, value] of Object.entries(templateLabels)) {
    if (VOLATILE_LABELS.has(key)) volatile.push(key);
    else selector[key] = value;
  }
  if (volatile.length > 0) {
    notes.info(
      'selector-excludes-volatile-labels',
      `label${volatile.length > 1 ? 's' : ''} ${volatile.sort().join(', ')} kept on the Pods but left out of the ` +
        'selector: the value changes between versions, and a DaemonSet selector cannot be changed later.',
      ['spec', 'selector'],
    );
  }
  if (Object.keys(selector).length === 0) {
    const value = toLabelValue(name);
    templateLabels[NAME_LABEL] = value;
    selector[NAME_LABEL] = value;
    notes.info(
      'name-label-added',
      `the Pod has no label a selector can use, so ${NAME_LABEL}: ${value} was added to the Pods and the selector.`,
      ['spec', 'template', 'metadata', 'labels', NAME_LABEL],
    );
  }
  notes.info(
    'selector',
    `selector ${selectorString(selector)}: it cannot be changed once the DaemonSet exists. Mirror Pods of static Pods with these ` +
      'labels match it too; the controller leaves them alone because they are owned by their Node.',
    ['spec', 'selector'],
  );
  return { templateLabels, selector };
}

/** `kubectl -l` syntax for a matchLabels selector, keys sorted. */
export function selectorString(selector: Readonly<Record<string, string>>): string {
  return Object.entries(selector)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
