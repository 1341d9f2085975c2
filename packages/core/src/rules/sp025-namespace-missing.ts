import { defineRule } from './rule.js';
import { upstream } from './upstream.js';

export const sp025 = defineRule({
  id: 'SP025',
  name: 'namespace-missing',
  severity: 'error',
  category: 'cluster',
  scope: 'pod',
  needs: 'cluster-facts',
  summary: "The static Pod's namespace must exist for its mirror Pod to be created.",
  description:
    'The kubelet runs the Pod whatever its namespace, but the API server refuses the mirror Pod while the namespace does not ' +
    'exist (NamespaceLifecycle admission), and the kubelet retries and logs "Failed creating a mirror pod" forever. ' +
    'metadata.namespace defaults to "default".',
  remediation: 'Create the namespace (kubectl create namespace <name>), or change metadata.namespace.',
  upstream: [
    upstream(
      'staging/src/k8s.io/apiserver/pkg/admission/plugin/namespace/lifecycle/admission.go',
      'Lifecycle.Admit',
    ),
    'openshift-metal3/dev-scripts#371',
  ],
  check({ view, options, report }) {
    const namespaces = options.clusterFacts?.namespaces;
    if (!namespaces || namespaces.includes(view.namespace)) return;
    report({
      message: `namespace "${view.namespace}" does not exist: the Pod runs, but its mirror Pod is refused, so kubectl never shows it`,
      path: ['metadata', 'namespace'],
      logged: { by: 'kube-apiserver', message: `namespaces "${view.namespace}" not found`, exact: true },
    });
  },
});
