import { defineRule } from './rule.js';
import { SUPPRESSION_ANNOTATION_PREFIX } from './suppressions.js';

export const sp041 = defineRule({
  id: 'SP041',
  name: 'suppression-without-reason',
  severity: 'warning',
  category: 'manifest',
  scope: 'pod',
  summary: 'An `ignore-check.staticpods.io/<rule>` annotation must say why.',
  description:
    'A rule can be switched off for one manifest with the annotation `ignore-check.staticpods.io/<rule id or name>: "<reason>"`. ' +
    'Without a reason the annotation is not honoured, so that every exception stays explained.',
  remediation: 'Give the annotation a value that explains why the rule does not apply.',
  upstream: ['kubectl-staticpods docs/suppressions.md'],
  check({ pod, report }) {
    for (const [key, value] of Object.entries(pod.metadata?.annotations ?? {})) {
      if (
        !key.startsWith(SUPPRESSION_ANNOTATION_PREFIX) ||
        (typeof value === 'string' && value.trim() !== '')
      )
        continue;
      report({
        message: `"${key}" has no reason, so it suppresses nothing`,
        path: ['metadata', 'annotations', key],
      });
    }
  },
});
