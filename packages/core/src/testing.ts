/**
 * Builders for tests of code that uses `@staticpods/core` (the converter, the CLI, your own tools):
 * static Pod manifests and the mirror Pods a kubelet would create for them. Import from
 * `@staticpods/core/testing`.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import { ANNOTATION_CONFIG_MIRROR } from './kubelet/constants.js';
import { applyKubeletDefaults } from './kubelet/kubelet-view.js';

export interface StaticPodOptions {
  readonly name: string;
  /** @default 'kube-system' */
  readonly namespace?: string;
  /** @default 'registry.k8s.io/pause:3.10' */
  readonly image?: string;
  readonly labels?: Readonly<Record<string, string>>;
  /** Merged into `spec` last. */
  readonly spec?: Partial<NonNullable<Pod['spec']>>;
}

/** A small valid static Pod. */
export function staticPod(options: StaticPodOptions): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: options.name,
      namespace: options.namespace ?? 'kube-system',
      ...(options.labels && { labels: { ...options.labels } }),
    },
    spec: {
      containers: [{ name: options.name, image: options.image ?? 'registry.k8s.io/pause:3.10' }],
      ...options.spec,
    },
  };
}

/**
 * The mirror Pod the kubelet of `nodeName` would create for `pod` (`pkg/kubelet/pod/mirror_client.go`
 * `CreateMirrorPod`): the kubelet's defaults, the mirror annotation, and one controller owner
 * reference to the Node. `hash` stands for the kubelet's config hash.
 */
export function mirrorPodFor(pod: Pod, options: { nodeName: string; hash: string; nodeUid?: string }): Pod {
  const held = applyKubeletDefaults(pod, { nodeName: options.nodeName, hash: options.hash });
  return {
    ...held,
    metadata: {
      ...held.metadata,
      annotations: { ...held.metadata?.annotations, [ANNOTATION_CONFIG_MIRROR]: options.hash },
      ownerReferences: [
        {
          apiVersion: 'v1',
          kind: 'Node',
          name: options.nodeName,
          uid: options.nodeUid ?? `uid-of-${options.nodeName}`,
          controller: true,
        },
      ],
    },
  };
}
