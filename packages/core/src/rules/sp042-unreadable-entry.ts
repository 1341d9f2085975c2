import { defineRule } from './rule.js';
import { upstream } from './upstream.js';

export const sp042 = defineRule({
  id: 'SP042',
  name: 'unreadable-entry',
  severity: 'warning',
  category: 'directory',
  scope: 'entry',
  summary: 'Dangling symbolic links, FIFOs, sockets, devices and unreadable files are skipped.',
  description:
    'The kubelet follows symbolic links; when the target does not exist it logs "Could not get metadata" and skips the entry. ' +
    'Entries that are neither regular files nor directories are skipped with "Manifest path is not a directory or file", and ' +
    'files it cannot open are logged as "Could not process manifest file". None of them run.',
  remediation: 'Fix or remove the link; keep only regular manifest files in the staticPodPath.',
  upstream: [upstream('pkg/kubelet/config/file.go', 'extractFromDir')],
  check({ entry, report }) {
    const log = entry.kubeletLog;
    if (entry.ignoredBecause === 'stat-failed') {
      const what =
        entry.kind === 'dangling-symlink'
          ? `a symbolic link to "${entry.symlinkTarget}", which does not exist`
          : 'not accessible';
      report({
        message: `"${entry.name}" is ${what}: the kubelet skips it`,
        ...(log && { logged: { by: 'kubelet', message: log.msg, exact: true } }),
      });
    } else if (entry.ignoredBecause === 'not-regular-file') {
      report({
        message: `"${entry.name}" is a ${entry.kind}, not a regular file: the kubelet skips it`,
        logged: { by: 'kubelet', message: 'Manifest path is not a directory or file', exact: true },
      });
    } else if (entry.kind === 'file' && !entry.manifest && log?.err) {
      report({
        message: `"${entry.name}" cannot be read: ${log.err}`,
        logged: { by: 'kubelet', message: log.err, exact: log.exact },
      });
    }
  },
});
