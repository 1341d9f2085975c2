import { defineRule } from './rule.js';
import { upstream } from './upstream.js';

export const sp001 = defineRule({
  id: 'SP001',
  name: 'file-ignored-dotfile',
  severity: 'info',
  category: 'directory',
  scope: 'entry',
  summary: 'Files whose name starts with "." are never read by the kubelet.',
  description:
    'The kubelet lists a staticPodPath with the glob `[^.]*`, so an entry whose name starts with a dot is invisible to it: ' +
    'a manifest renamed to `.kube-apiserver.yaml` does not run. Editor swap files (`.x.yaml.swp`) are harmlessly ignored for the same reason.',
  remediation:
    'Rename the file without the leading dot if it should run; otherwise nothing needs to be done.',
  upstream: [
    upstream('pkg/kubelet/config/file.go', 'extractFromDir'),
    upstream('pkg/kubelet/config/file_linux.go', 'produceWatchEvent'),
  ],
  check({ entry, report }) {
    if (entry.ignoredBecause !== 'dotfile') return;
    report({
      message: `"${entry.name}" starts with a dot: the kubelet never reads it`,
      logged: { by: 'kubelet', message: 'Ignored pod manifest, because it starts with dots', exact: true },
    });
  },
});
