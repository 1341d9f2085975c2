import {
  formatVersion,
  KUBERNETES_SOURCE,
  NEWEST_KUBERNETES_VERSION,
  OLDEST_KUBERNETES_VERSION,
} from '@staticpods/core';
import { io } from './io.js';
import { toYaml } from './printers/output.js';
import { toolVersion } from './version.js';

/** `kubectl staticpods version`. */
export async function runVersion(output: 'text' | 'json' | 'yaml'): Promise<void> {
  const [core, converter] = await Promise.all([
    import('@staticpods/core/package.json', { with: { type: 'json' } }),
    import('@staticpods/converter/package.json', { with: { type: 'json' } }),
  ]);
  const info = {
    name: 'kubectl-staticpods',
    version: toolVersion(),
    core: core.default.version,
    converter: converter.default.version,
    kubernetesSource: KUBERNETES_SOURCE,
    kubernetesVersions: `${formatVersion(OLDEST_KUBERNETES_VERSION)}–${formatVersion(NEWEST_KUBERNETES_VERSION)}`,
    node: process.version,
    platform: `${process.platform}/${process.arch}`,
  };
  const out = io().stdout;
  if (output === 'json') out.write(`${JSON.stringify(info, null, 2)}\n`);
  else if (output === 'yaml') out.write(toYaml(info));
  else {
    out.write(
      `kubectl-staticpods ${info.version} (@staticpods/core ${info.core}, @staticpods/converter ${info.converter})\n` +
        `models ${info.kubernetesSource}: kubelet and API server behaviour of Kubernetes ${info.kubernetesVersions}\n` +
        `node ${info.node} ${info.platform}\n`,
    );
  }
}
