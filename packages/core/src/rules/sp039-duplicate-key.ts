import { formatFieldPath } from '../field-path.js';
import { defineRule } from './rule.js';
import { upstream } from './upstream.js';

export const sp039 = defineRule({
  id: 'SP039',
  name: 'duplicate-key',
  severity: 'warning',
  category: 'manifest',
  scope: 'manifest',
  summary: 'A key appears twice in one mapping; the kubelet silently keeps the last value.',
  description:
    "go-yaml v2 (non-strict, as the kubelet uses it) and Go's JSON decoder both accept duplicate keys and keep the last one, " +
    'so an earlier value — often the one you just edited — has no effect.',
  remediation: 'Remove one of the two keys.',
  upstream: [
    upstream('staging/src/k8s.io/apimachinery/pkg/util/yaml/decoder.go', 'ToJSON'),
    'sigs.k8s.io/yaml v1.6.0 yaml.go (YAMLToJSON)',
  ],
  check({ manifest, report }) {
    for (const d of manifest.duplicateKeys) {
      report({
        message: `"${formatFieldPath(d.path)}" is set more than once; only the last value counts`,
        position: { line: d.line, column: d.column },
      });
    }
  },
});
