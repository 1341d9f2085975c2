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
    for (const group of duplicates) {
      for (const file of group.files) {
        const entry = entries.find((e) => e.path === file);
        if (!entry) continue;
        const others = group.files
          .filter((f) => f !== file)
          .map((f) => `"${f}"`)
          .join(', ');
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
