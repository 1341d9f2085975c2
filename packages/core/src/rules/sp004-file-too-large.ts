import { MAX_MANIFEST_BYTES, READ_LIMIT_ERROR } from '../kubelet/constants.js';
import { defineRule } from './rule.js';
import { upstream } from './upstream.js';

export const sp004 = defineRule({
  id: 'SP004',
  name: 'file-too-large',
  severity: 'error',
  category: 'kubelet',
  scope: 'manifest',
  summary: 'The kubelet does not read manifests of 10 MiB or more.',
  description:
    'Each manifest is read with `ReadAtMost(file, 10 MiB)`, which fails as soon as the limit is reached, so a file of ' +
    `${MAX_MANIFEST_BYTES} bytes or more is refused with "${READ_LIMIT_ERROR}" and its Pod does not run.`,
  remediation:
    'Shrink the manifest: move large data (scripts, certificates, config) into files on the host and mount them with hostPath.',
  upstream: [
    upstream('pkg/kubelet/config/common.go', 'maxConfigLength'),
    upstream('pkg/kubelet/config/file.go', 'extractFromFile'),
  ],
  check({ manifest, verdict, report }) {
    if (verdict.runs || verdict.stage !== 'read-limit') return;
    report({
      message: `the file has ${manifest.byteLength} bytes; the kubelet reads at most ${MAX_MANIFEST_BYTES - 1}`,
      logged: { by: 'kubelet', message: READ_LIMIT_ERROR, exact: true },
    });
  },
});
