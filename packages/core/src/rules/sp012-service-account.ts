import { referenceRule } from './api-reference-report.js';
import { upstream } from './upstream.js';

export const sp012 = referenceRule(
  {
    id: 'SP012',
    name: 'service-account',
    summary: 'Static Pods cannot use a ServiceAccount.',
    description:
      'A static Pod is started by the kubelet without the API server, so it gets no ServiceAccount token. Since 1.34 the kubelet ' +
      'refuses a manifest that names one ("static pods may not reference serviceaccounts"); before, the Pod ran without a token ' +
      'and the API server refused its mirror ("a mirror pod may not reference service accounts"), so it was invisible to kubectl. ' +
      'The deprecated spec.serviceAccount counts too: conversion copies it into serviceAccountName.',
    remediation:
      'Remove spec.serviceAccountName/serviceAccount. If the workload needs API credentials, mount a kubeconfig from the host with ' +
      'hostPath, or run it as a DaemonSet, which may use a ServiceAccount.',
    upstream: [
      upstream('pkg/api/pod/util.go', 'HasAPIObjectReference'),
      upstream('plugin/pkg/admission/serviceaccount/admission.go', 'Validate'),
      'kubernetes/kubernetes#103587',
    ],
  },
  ['service-account'],
  (ref) => `the Pod uses ServiceAccount "${ref.name ?? ''}"`,
);
