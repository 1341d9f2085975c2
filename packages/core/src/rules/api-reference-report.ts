import { type ApiReference, type ApiReferenceKind, findApiReferences } from '../kubelet/api-references.js';
import { formatVersion, KUBELET_REFUSES_API_REFERENCES_SINCE } from '../versions.js';
import { defineRule, type PodContext, type Report, type RuleMeta } from './rule.js';

/** The `<resource>` of the kubelet's `static pods may not reference <resource>` (`HasAPIObjectReference`). */
const KUBELET_RESOURCE: Record<ApiReferenceKind, string> = {
  'service-account': 'serviceaccounts',
  secret: 'secrets',
  'config-map': 'configmaps',
  'resource-claim': 'resourceclaims',
  'service-account-token': 'serviceaccounts (via projected volumes)',
  'cluster-trust-bundle': 'clustertrustbundles',
  'pod-certificate': 'podcertificates',
  'persistent-volume-claim': 'persistentvolumeclaims',
  'ephemeral-volume': 'persistentvolumeclaims (via ephemeral volumes)',
  'csi-volume': 'csidrivers (via CSI volumes)',
  'glusterfs-volume': 'endpoints (via glusterFS volumes)',
  'unknown-volume': '',
  'unknown-projected-source': '',
};

/**
 * What happens to a static Pod with this reference before 1.34: who refuses what. The
 * ServiceAccount admission plugin runs before NodeRestriction and answers for service accounts,
 * secrets and tokens (`plugin/pkg/admission/serviceaccount/admission.go` `Validate`); NodeRestriction
 * (`plugin/pkg/admission/noderestriction/admission.go` `admitPodCreate`) for config maps and PVCs;
 * the kubelet itself for ClusterTrustBundles and resource claims.
 */
const BEFORE_134: Partial<
  Record<ApiReferenceKind, { by: 'kubelet' | 'kube-apiserver'; message: (node: string) => string }>
> = {
  'service-account': {
    by: 'kube-apiserver',
    message: () => 'a mirror pod may not reference service accounts',
  },
  secret: { by: 'kube-apiserver', message: () => 'a mirror pod may not reference secrets' },
  'service-account-token': {
    by: 'kube-apiserver',
    message: () => 'a mirror pod may not use ServiceAccountToken volume projections',
  },
  'config-map': {
    by: 'kube-apiserver',
    message: (n) => `node "${n}" can not create pods that reference configmaps`,
  },
  'persistent-volume-claim': {
    by: 'kube-apiserver',
    message: (n) => `node "${n}" can not create pods that reference persistentvolumeclaims`,
  },
  'cluster-trust-bundle': {
    by: 'kubelet',
    message: () => 'static pods may not use ClusterTrustBundle projected volume sources',
  },
  'resource-claim': { by: 'kubelet', message: () => 'static pods may not use ResourceClaims' },
};

/**
 * The finding for one API reference, with the consequence for the chosen Kubernetes version:
 * from 1.34 the kubelet refuses to run the Pod; before, the Pod runs but the API server refuses its
 * mirror (or, for a few kinds, nothing refuses it yet).
 */
export function apiReferenceReport(ref: ApiReference, ctx: PodContext, what: string): Report {
  const version = ctx.options.kubernetesVersion;
  if (version.minor >= KUBELET_REFUSES_API_REFERENCES_SINCE) {
    const resource = KUBELET_RESOURCE[ref.kind];
    const logged = resource
      ? `static pods may not reference ${resource}`
      : ctx.verdict.runs
        ? undefined
        : ctx.verdict.stage === 'api-reference'
          ? ctx.verdict.error
          : undefined;
    return {
      message: `${what}: static Pods may not reference API objects, so the kubelet refuses to run this Pod (Kubernetes ${formatVersion(version)})`,
      path: ref.path,
      ...(logged && { logged: { by: 'kubelet', message: logged, exact: true } }),
    };
  }
  const before = BEFORE_134[ref.kind];
  if (!before) {
    return {
      message: `${what}: allowed by Kubernetes ${formatVersion(version)}, but from 1.${KUBELET_REFUSES_API_REFERENCES_SINCE} the kubelet refuses to run this Pod`,
      path: ref.path,
      severity: 'warning',
    };
  }
  if (before.by === 'kubelet') {
    return {
      message: `${what}: the kubelet refuses to run this Pod`,
      path: ref.path,
      logged: { by: 'kubelet', message: before.message(ctx.view.nodeName), exact: true },
    };
  }
  return {
    message: `${what}: the Pod runs, but the API server refuses its mirror Pod, so kubectl never shows it (from 1.${KUBELET_REFUSES_API_REFERENCES_SINCE} the kubelet refuses to run it)`,
    path: ref.path,
    logged: {
      by: 'kube-apiserver',
      message: `pods "${ctx.view.mirrorName}" is forbidden: ${before.message(ctx.view.nodeName)}`,
      exact: true,
    },
  };
}

/** Declares a rule that reports every reference of the given kinds (SP012–SP022). */
export function referenceRule<const M extends Omit<RuleMeta, 'category' | 'severity'>>(
  meta: M,
  kinds: readonly ApiReferenceKind[],
  describe: (ref: ApiReference) => string,
) {
  return defineRule({
    ...meta,
    severity: 'error',
    category: 'kubelet',
    scope: 'pod',
    check(ctx: PodContext) {
      for (const ref of findApiReferences(ctx.pod)) {
        if (kinds.includes(ref.kind)) ctx.report(apiReferenceReport(ref, ctx, describe(ref)));
      }
    },
  });
}
