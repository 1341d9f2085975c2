import { toLabelValue } from './k8s-names.js';

/**
 * The cut-over gate: a node label the DaemonSet requires, set by the cut-over plan on a node once the
 * static Pod has left it. Labelling nodes moves the Pods node by node without ever changing the Pod
 * template; scoping with a `NotIn` node affinity instead would change the template at every step and
 * make the controller replace the Pods already migrated. The key is per DaemonSet
 * (`migrated.staticpods.io/<namespace>.<name>`) so that migrating one static Pod never starts another
 * converted DaemonSet on that node.
 */
export const GATE_LABEL_PREFIX = 'migrated.staticpods.io/';
export const GATE_LABEL_VALUE = 'true';

export function gateLabelKey(namespace: string, name: string): string {
  // A label key's name part has at most 63 characters; long names get a hash suffix.
  return `${GATE_LABEL_PREFIX}${toLabelValue(`${namespace}.${name}`)}`;
}
