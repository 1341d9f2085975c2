import { isDnsSubdomain } from './k8s-names.js';
import type { Notes } from './notes.js';

/**
 * The DaemonSet's name when none is given: the static Pod's name. A static Pod's name only has to
 * make a valid mirror Pod name with `-<node>` appended, so it may end in `-` (`agent-` gives
 * `agent--node1`); a DaemonSet name is a DNS-1123 subdomain and may not
 * (`ValidateDaemonSetName`, pkg/apis/apps/validation/validation.go v1.37.2). Such names lose their
 * trailing dashes, with a note.
 */
export function daemonSetName(staticName: string, notes: Notes): string {
  if (isDnsSubdomain(staticName)) return staticName;
  const derived = staticName.replace(/[-.]+$/, '');
  if (derived === '' || !isDnsSubdomain(derived)) return staticName;
  notes.warn(
    'name-derived',
    `the DaemonSet is named "${derived}": "${staticName}" is a valid static Pod name (its mirror Pods are ` +
      `"${staticName}-<node>"), but a DaemonSet name must end with a letter or digit. Pass name to choose another.`,
    ['metadata', 'name'],
  );
  return derived;
}
