import { findApiReferences, volumeType } from '../kubelet/api-references.js';
import { formatVersion, KUBELET_REFUSES_API_REFERENCES_SINCE } from '../versions.js';
import { defineRule } from './rule.js';
import { upstream } from './upstream.js';

export const sp023 = defineRule({
  id: 'SP023',
  name: 'unknown-volume',
  severity: 'error',
  category: 'kubelet',
  scope: 'pod',
  summary: 'A volume (or projected source) type this Kubernetes version does not know.',
  description:
    'The kubelet decodes manifests leniently and silently drops fields it does not know. A misspelt volume type ' +
    '(`hostpath:` instead of `hostPath:`) or one from a newer release leaves a volume without a type, and v1 defaulting then ' +
    'turns it into an **emptyDir**: the Pod runs, with an empty scratch directory where the host path was meant to be. An ' +
    'unknown projected source is dropped the same way and the API-reference check refuses the Pod ' +
    '("unknown source for projected volume %q"); the kubelet\'s own "unknown volume type for volume  %q" (sic, two spaces) ' +
    'is kept for types the decoder knows but the check does not. A projected source that sets no type at all (`- {}`) is ' +
    'refused the same way.',
  remediation: 'Fix the spelling of the volume type (see `kubectl explain pod.spec.volumes`).',
  upstream: [
    upstream('pkg/apis/core/v1/defaults.go', 'SetDefaults_Volume'),
    upstream('pkg/api/pod/util.go', 'HasAPIObjectReference'),
  ],
  check({ pod, verdict, report, options }) {
    const logged = verdict.runs
      ? undefined
      : ({ by: 'kubelet', message: verdict.error, exact: verdict.exact } as const);
    for (const path of verdict.droppedFields ?? []) {
      const [spec, volumes, i, key, sources, j, source] = path;
      if (spec !== 'spec' || volumes !== 'volumes' || typeof i !== 'number' || typeof key !== 'string')
        continue;
      const volume = pod.spec?.volumes?.[i];
      if (!volume) continue;
      if (path.length === 4) {
        const empty = volumeType(volume) === undefined;
        report({
          message:
            `volume "${volume.name}": "${key}" is not a volume type the kubelet knows, so it is dropped` +
            (empty ? ' and the volume becomes an emptyDir' : ''),
          path,
          ...(empty ? {} : { severity: 'warning' as const }),
          ...(logged && { logged }),
        });
      } else if (key === 'projected' && sources === 'sources' && typeof j === 'number' && path.length === 7) {
        report({
          message: `volume "${volume.name}": projected source "${String(source)}" is not one the kubelet knows (it is dropped)`,
          path,
          ...(logged && { logged }),
        });
      }
    }
    // A projected source that sets no type at all (`- {}`): nothing was dropped, but since 1.34
    // `HasAPIObjectReference` refuses it ("unknown source for projected volume %q").
    const dropped = new Set((verdict.droppedFields ?? []).map((p) => p.slice(0, 6).join('/')));
    for (const ref of findApiReferences(pod)) {
      if (ref.kind !== 'unknown-projected-source' || dropped.has(ref.path.join('/'))) continue;
      const volume = pod.spec?.volumes?.[ref.path[2] as number];
      const refused = options.kubernetesVersion.minor >= KUBELET_REFUSES_API_REFERENCES_SINCE;
      report({
        message:
          `volume "${volume?.name}": projected source ${String(ref.path[5])} sets no source type` +
          (refused
            ? ', so the kubelet refuses to run this Pod'
            : ` (Kubernetes ${formatVersion(options.kubernetesVersion)} ignores it; from 1.${KUBELET_REFUSES_API_REFERENCES_SINCE} the kubelet refuses to run this Pod)`),
        path: ref.path,
        ...(!refused && { severity: 'warning' as const }),
        ...(refused && logged && { logged }),
      });
    }
  },
});
