import {
  formatVersion,
  KUBERNETES_SOURCE,
  NEWEST_KUBERNETES_VERSION,
  OLDEST_KUBERNETES_VERSION,
} from '@staticpods/core/versions';
import type { CommandOutput } from './cli/define.js';
import type { ViewFor } from './output/formats.js';
import { toolVersion } from './version.js';

/** What `version` reports. */
export interface VersionInfo {
  readonly name: 'kubectl-staticpods';
  readonly version: string;
  readonly core: string;
  readonly converter: string;
  readonly kubernetesSource: string;
  readonly kubernetesVersions: string;
  readonly node: string;
  readonly platform: string;
}

/** `kubectl staticpods version`. */
export async function runVersion(): Promise<CommandOutput<VersionInfo, ViewFor<'text' | 'json' | 'yaml'>>> {
  const [core, converter] = await Promise.all([
    import('@staticpods/core/package.json', { with: { type: 'json' } }),
    import('@staticpods/converter/package.json', { with: { type: 'json' } }),
  ]);
  const info: VersionInfo = {
    name: 'kubectl-staticpods',
    version: toolVersion(),
    core: core.default.version,
    converter: converter.default.version,
    kubernetesSource: KUBERNETES_SOURCE,
    kubernetesVersions: `${formatVersion(OLDEST_KUBERNETES_VERSION)}–${formatVersion(NEWEST_KUBERNETES_VERSION)}`,
    node: process.version,
    platform: `${process.platform}/${process.arch}`,
  };
  return {
    result: info,
    view: {
      document: info,
      text: () =>
        `kubectl-staticpods ${info.version} (@staticpods/core ${info.core}, @staticpods/converter ${info.converter})\n` +
        `models ${info.kubernetesSource}: kubelet and API server behaviour of Kubernetes ${info.kubernetesVersions}\n` +
        `node ${info.node} ${info.platform}\n`,
    },
  };
}
