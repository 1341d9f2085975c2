import { defineRule } from './rule.js';
import { upstream } from './upstream.js';

/** Backup, editor and package-manager leftovers (`x.yaml.bak`, `x.yaml~`, `x.orig`, vim's `4913`, …). */
const STRAY = [
  /~$/,
  /\.(bak|backup|orig|old|save|sav|swp|swo|tmp|temp|disabled|disable|off|rej|dist|copy)\d*$/i,
  /[-_](bak|backup|old|orig|copy|save)\d*$/i,
  /\.(dpkg|ucf)-(old|new|dist|bak|tmp)$/i,
  /\.rpm(new|save|orig)$/i,
  /^\d+$/,
  /\.(ya?ml|json)[._-]/i,
];
const MANIFEST_EXTENSION = /\.(ya?ml|json|manifest)$/i;

export const sp002 = defineRule({
  id: 'SP002',
  name: 'stray-file-in-manifest-dir',
  severity: 'warning',
  category: 'directory',
  scope: 'entry',
  summary: 'Backup and editor files in the staticPodPath are read and run like any manifest.',
  description:
    'The kubelet reads every entry of its staticPodPath whose name does not start with a dot, whatever its extension. ' +
    'A backup such as `kube-apiserver.yaml.bak` therefore runs as a second copy of the Pod (or, with the same name, silently ' +
    'replaces the edited manifest), and a stray README is logged as an invalid manifest on every re-list. Maintainers warn: ' +
    '"DO NOT make a manual backup … to the same folder" (kubernetes/kubeadm#2823).',
  remediation:
    'Keep backups outside the staticPodPath (for example in /etc/kubernetes/manifests-backup), or prefix them with a dot.',
  upstream: [
    upstream('pkg/kubelet/config/file.go', 'extractFromDir'),
    'kubernetes/kubernetes#136962',
    'kubernetes/kubeadm#2823',
    'kubernetes/website#45758',
  ],
  check({ entry, report }) {
    // Only entries listed from a staticPodPath directory: a file named on its own is not stray.
    if (!entry.listedIn || entry.ignoredBecause || entry.kind !== 'file') return;
    const looksStray = STRAY.some((re) => re.test(entry.name));
    if (!looksStray && MANIFEST_EXTENSION.test(entry.name)) return;
    const what = looksStray ? 'looks like a backup or editor file' : 'has no manifest extension';
    const consequence =
      entry.outcome === 'loaded' || entry.outcome === 'shadowed'
        ? 'but the kubelet reads it and runs the Pod it defines'
        : 'but the kubelet reads it anyway and logs it as an invalid manifest on every re-list';
    report({
      message: `"${entry.name}" ${what}, ${consequence}`,
      ...(entry.kubeletLog?.err && {
        logged: { by: 'kubelet', message: entry.kubeletLog.err, exact: entry.kubeletLog.exact },
      }),
    });
  },
});
