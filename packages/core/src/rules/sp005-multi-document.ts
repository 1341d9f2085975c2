import { defineRule } from './rule.js';
import { upstream } from './upstream.js';

export const sp005 = defineRule({
  id: 'SP005',
  name: 'multi-document',
  severity: 'warning',
  category: 'kubelet',
  scope: 'manifest',
  summary: 'Only the first YAML document of a manifest is read; the others are silently ignored.',
  description:
    'The kubelet converts a manifest with `yaml.ToJSON`, which decodes the first YAML document only. Further documents are never ' +
    'looked at, not even for syntax errors. When the first document is empty (a file starting with `---` twice), the kubelet ' +
    "decodes `null` and refuses the whole file with \"Object 'Kind' is missing in 'null'\".",
  remediation:
    'Keep one Pod per file; put other objects in their own files outside the staticPodPath and apply them with kubectl.',
  upstream: [
    upstream('staging/src/k8s.io/apimachinery/pkg/util/yaml/decoder.go', 'ToJSON'),
    upstream('pkg/kubelet/config/common.go', 'tryDecodeSinglePod'),
  ],
  check({ manifest, verdict, report }) {
    const ignored = manifest.ignoredDocuments;
    const first = ignored[0];
    if (!first) return;
    if (manifest.firstDocumentEmpty && !verdict.runs) {
      report({
        message: `the first YAML document is empty, so the kubelet refuses the file; the ${ignored.length} document(s) after it are never read`,
        position: { line: 1, column: 1 },
        severity: 'error',
        logged: { by: 'kubelet', message: verdict.error, exact: verdict.exact },
      });
      return;
    }
    const broken = ignored.filter((d) => d.hasSyntaxError).length;
    report({
      message:
        `${ignored.length} YAML document(s) after the first are ignored by the kubelet` +
        (broken > 0 ? ` (${broken} of them not even valid YAML)` : ''),
      position: { line: first.line, column: first.column },
    });
  },
});
