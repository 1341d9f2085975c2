import type { FieldError } from '../pod-api/field-error.js';
import { defineRule } from './rule.js';
import { upstream } from './upstream.js';

/** Field errors other rules explain better (SP008, SP010, SP011). */
function claimedElsewhere(e: FieldError): boolean {
  return (
    e.field === 'metadata.name' ||
    e.field.startsWith('spec.ephemeralContainers') ||
    (e.field === 'spec.nodeName' && e.detail.includes('schedulingGates'))
  );
}

export const sp009 = defineRule({
  id: 'SP009',
  name: 'pod-validation',
  severity: 'error',
  category: 'kubelet',
  scope: 'manifest',
  summary: 'The kubelet validates every static Pod like the API server does, and refuses invalid ones.',
  description:
    "After decoding, the kubelet applies defaults and runs the API server's own `ValidatePodCreate`; any field error makes it " +
    'log "invalid pod: [...]" and skip the file. Fields of the wrong type (a quoted port, a number where a string is expected) ' +
    'fail even earlier, in the decoder. See docs/pod-validation.md for which checks this library reproduces.',
  remediation:
    "Fix the field named in the message; `kubectl apply --dry-run=server -f <file>` shows the API server's view.",
  upstream: [
    upstream('pkg/kubelet/config/common.go', 'tryDecodeSinglePod'),
    upstream('pkg/apis/core/validation/validation.go', 'ValidatePodCreate'),
  ],
  check({ verdict, report }) {
    if (verdict.runs) return;
    const logged = { by: 'kubelet', message: verdict.error, exact: verdict.exact } as const;
    if (verdict.stage === 'field-type') {
      report({
        message: `a field has the wrong type, so the kubelet cannot decode the Pod: ${verdict.detail ?? verdict.error}`,
        path: verdict.path ?? [],
        logged,
      });
      return;
    }
    if (verdict.stage !== 'validation') return;
    for (const error of verdict.fieldErrors ?? []) {
      if (!claimedElsewhere(error)) report({ message: error.message, path: error.path, logged });
    }
  },
});
