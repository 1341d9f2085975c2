import { defineRule } from './rule.js';
import { upstream } from './upstream.js';

export const sp030 = defineRule({
  id: 'SP030',
  name: 'duplicate-name',
  severity: 'error',
  category: 'kubelet',
  scope: 'set',
  summary: 'Two manifests define the same namespace/name: only one of them runs.',
  description:
    'The kubelet keeps file Pods in a store keyed by namespace/name. When two files define the same Pod, a full re-list (at ' +
    'start-up and every 20 s) keeps the one read last, in byte-wise file name order; between re-lists, the file written most ' +
    'recently wins. This is how a `kube-apiserver.yaml.bak` silently replaces the manifest you just edited.',
  remediation:
    'Keep one manifest per Pod: move backups out of the staticPodPath, or give the Pods different names.',
  upstream: [
    upstream('pkg/kubelet/config/file.go', 'extractFromDir'),
    upstream('pkg/kubelet/config/config.go', 'filterInvalidPods'),
    'kubernetes/kubernetes#136962',
  ],
  check({ entries, duplicates, report }) {
    const byPath = new Map(entries.map((e) => [e.path, e]));
    for (const group of duplicates) {
      for (const file of group.files) {
        const entry = byPath.get(file);
        if (!entry) continue;
        const others = otherFiles(group.files, file);
        const fate =
          file === group.winner
            ? 'this file wins at start-up and on every re-list (it sorts last)'
            : `"${group.winner}" wins at start-up and on every re-list, so this file's Pod does not run`;
        report(entry, {
          message: `static Pod ${group.namespace}/${group.staticName} is also defined in ${others}: ${fate}`,
          path: ['metadata', 'name'],
        });
      }
    }
  },
});

/** At most this many other files are named in one finding, so that the output grows linearly with the files. */
const NAMED_OTHERS = 3;

/** The other files of a group, the first few by name and the rest as a count. */
function otherFiles(files: readonly string[], file: string): string {
  const named: string[] = [];
  for (const f of files) {
    if (named.length === NAMED_OTHERS) break;
    if (f !== file) named.push(`"${f}"`);
  }
  const rest = files.length - 1 - named.length;
  return rest > 0 ? `${named.join(', ')} and ${rest} more` : named.join(', ');
}
