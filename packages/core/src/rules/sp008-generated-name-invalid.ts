import { defineRule } from './rule.js';
import { upstream } from './upstream.js';

export const sp008 = defineRule({
  id: 'SP008',
  name: 'generated-name-invalid',
  severity: 'error',
  category: 'kubelet',
  scope: 'pod',
  summary: 'The mirror name `<name>-<node>` must be a valid Pod name.',
  description:
    'The kubelet renames every static Pod to `<metadata.name>-<lower-cased node name>` and validates that name like any Pod ' +
    'name: a DNS-1123 subdomain of at most 253 characters. A name that is fine on one node can be too long on another.',
  remediation: 'Shorten metadata.name, or use only lower-case letters, digits, "-" and ".".',
  upstream: [
    upstream('pkg/kubelet/config/common.go', 'generatePodName'),
    upstream('pkg/apis/core/validation/validation.go', 'ValidatePodCreate'),
  ],
  check({ verdict, view, options, report }) {
    if (verdict.runs || verdict.stage !== 'validation') return;
    for (const error of verdict.fieldErrors ?? []) {
      if (error.field !== 'metadata.name') continue;
      const assumed = options.nodeNameAssumed
        ? ` (checked with the placeholder node name "${view.nodeName}"; pass the real node name)`
        : '';
      report({
        message: `mirror name "${view.mirrorName}" is not a valid Pod name: ${error.detail || error.message}${assumed}`,
        path: ['metadata', 'name'],
        logged: { by: 'kubelet', message: verdict.error, exact: true },
      });
    }
  },
});
