import { defineRule } from './rule.js';
import { upstream } from './upstream.js';

export const sp038 = defineRule({
  id: 'SP038',
  name: 'manifest-syntax',
  severity: 'error',
  category: 'manifest',
  scope: 'manifest',
  summary: 'The manifest is not valid YAML or JSON (or not text at all).',
  description:
    'The kubelet converts YAML to JSON with go-yaml v2 (first document only) and passes JSON through unchanged when the first ' +
    'non-space character is `{`. Syntax errors, tabs used for indentation, invalid UTF-8, control characters (binary files), ' +
    'alias bombs ("document contains excessive aliasing") and nesting deeper than 10000 make it refuse the file.',
  remediation: 'Fix the syntax at the reported position; indent with spaces only.',
  upstream: [
    upstream('staging/src/k8s.io/apimachinery/pkg/util/yaml/decoder.go', 'ToJSON'),
    'go.yaml.in/yaml/v2 v2.4.4',
  ],
  check({ manifest, verdict, report }) {
    const syntax = manifest.syntaxError;
    if (!syntax || verdict.runs) return;
    report({
      message: syntax.message,
      position: { line: syntax.line, column: syntax.column },
      logged: { by: 'kubelet', message: verdict.error, exact: syntax.exact },
    });
  },
});
