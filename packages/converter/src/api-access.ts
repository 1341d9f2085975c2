import { findApiReferences } from '@staticpods/core';
import type { PodSpec } from 'kubernetes-types/core/v1.js';
import { isDnsSubdomain } from './k8s-names.js';
import { listing, type Notes } from './notes.js';

/**
 * What a DaemonSet Pod may do that a static Pod may not: use a ServiceAccount, Secrets, ConfigMaps,
 * volumes backed by API objects (spec §4, `HasAPIObjectReference` in pkg/api/pod/util.go). New uses
 * are opt-in: only `serviceAccountName` is set, and only when asked for.
 */
export function applyApiAccess(
  spec: PodSpec,
  options: { readonly serviceAccountName: string | undefined; readonly namespace: string },
  notes: Notes,
): void {
  const sa = options.serviceAccountName;
  if (sa !== undefined) {
    if (!isDnsSubdomain(sa)) {
      notes.error('invalid-option', `serviceAccountName "${sa}" is not a valid ServiceAccount name.`);
    } else {
      const previous = spec.serviceAccountName || spec.serviceAccount;
      spec.serviceAccountName = sa;
      // The deprecated alias must agree or go; conversion copies serviceAccountName over it anyway.
      delete spec.serviceAccount;
      notes.info(
        'service-account-set',
        `serviceAccountName ${sa}${previous && previous !== sa ? ` (was ${previous})` : ''}: the Pods run as ` +
          `ServiceAccount ${options.namespace}/${sa}, which must exist; grant it only what the workload needs.`,
        ['spec', 'serviceAccountName'],
      );
    }
  }
  if (!spec.serviceAccountName && !spec.serviceAccount && spec.automountServiceAccountToken !== false) {
    // Not changed on purpose: the Pod gets the namespace's `default` ServiceAccount like any Pod, and
    // setting automountServiceAccountToken would be a new decision the user did not ask for.
    notes.info(
      'service-account-token',
      `unlike the static Pod, the DaemonSet Pods run as ServiceAccount ${options.namespace}/default and get its ` +
        'API token mounted at /var/run/secrets/kubernetes.io/serviceaccount (ServiceAccount admission). Set ' +
        'automountServiceAccountToken: false in the template if the workload must not hold a token.',
      ['spec', 'automountServiceAccountToken'],
    );
  }
  const references = findApiReferences({ spec }).filter((r) => r.kind !== 'service-account');
  if (references.length > 0) {
    const shown = references.map((r) => (r.name ? `${r.kind} ${r.name}` : r.kind));
    notes.info(
      'api-references',
      `the Pod refers to API objects (${listing([...new Set(shown)])}): a DaemonSet may, but the kubelet refused ` +
        `this static Pod or its mirror Pod for it. Make sure they exist in namespace ${options.namespace}.`,
      references[0]?.path,
    );
  }
}
