import { defineRule } from './rule.js';
import { upstream } from './upstream.js';

export const sp003 = defineRule({
  id: 'SP003',
  name: 'subdirectory-not-read',
  severity: 'warning',
  category: 'directory',
  scope: 'entry',
  summary: 'The kubelet does not look inside subdirectories of the staticPodPath.',
  description:
    'Directory entries (and symbolic links to directories) are skipped with "Provided manifest path is a directory, not ' +
    'recursing into manifest path": manifests inside them never run.',
  remediation:
    'Move manifests that should run directly into the staticPodPath; keep other directories elsewhere.',
  upstream: [upstream('pkg/kubelet/config/file.go', 'extractFromDir')],
  check({ entry, report }) {
    if (entry.ignoredBecause !== 'directory') return;
    report({
      message: `"${entry.name}" is a directory${entry.symlinkTarget ? ` (via a symbolic link to ${entry.symlinkTarget})` : ''}: the kubelet does not read manifests inside it`,
      logged: {
        by: 'kubelet',
        message: 'Provided manifest path is a directory, not recursing into manifest path',
        exact: true,
      },
    });
  },
});
