import { formatFieldPath } from '../field-path.js';
import { defineRule } from './rule.js';
import { upstream } from './upstream.js';

/** Volume-type keys are SP023's. */
function isVolumeTypeKey(path: readonly (string | number)[]): boolean {
  return (
    path[0] === 'spec' &&
    path[1] === 'volumes' &&
    (path.length === 4 || (path[3] === 'projected' && path.length === 7))
  );
}

export const sp043 = defineRule({
  id: 'SP043',
  name: 'unknown-field',
  severity: 'warning',
  category: 'kubelet',
  scope: 'pod',
  summary:
    'A field the Pod API does not have (a typo, wrong case, or a newer field): the kubelet silently drops it.',
  description:
    "The kubelet decodes manifests with the API machinery's lenient, case-sensitive decoder: unknown fields are dropped " +
    'without a word, so `hostnetwork: true` or `imagePullpolicy: Always` simply have no effect. `kubectl apply` would warn ' +
    '("unknown field"), but a static Pod never goes through kubectl.',
  remediation: 'Fix the spelling and case of the field (`kubectl explain pod.spec` lists them).',
  upstream: [
    upstream('staging/src/k8s.io/apimachinery/pkg/runtime/serializer/json/json.go', 'Serializer.Decode'),
    'sigs.k8s.io/json (UnmarshalCaseSensitivePreserveInts)',
  ],
  check({ verdict, report }) {
    for (const path of verdict.droppedFields ?? []) {
      if (isVolumeTypeKey(path)) continue;
      report({
        message: `"${formatFieldPath(path)}" is not a Pod field the kubelet knows: it is silently dropped`,
        path,
      });
    }
  },
});
