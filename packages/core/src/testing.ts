/**
 * Builders for tests of code that uses `@staticpods/core` (the converter, the CLI, your own tools):
 * static Pod manifests, the mirror Pods a kubelet would create for them, and strings that YAML
 * readers misread. Import from
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

/**
 * Strings a YAML writer must take care with: the ones YAML 1.1 and 1.2 readers take for something
 * else when they are not quoted (a boolean, a number, null, a timestamp, a tag, an alias, a flow
 * collection, a document marker), and ones with line breaks, edge blanks or non-ASCII letters.
 * Written as values or keys, each must read back as the same string in go-yaml v2 (the kubelet,
 * kubectl) and in YAML 1.2 readers.
 */
export const YAML_LOOK_ALIKES: readonly string[] = [
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  'Y',
  'N',
  'true',
  'False',
  '~',
  'null',
  'NULL',
  '',
  '0644',
  '0o14',
  '0x1F',
  '0b101',
  '1e3',
  '1_000',
  '1:20',
  '190:20:30',
  '12',
  '-1',
  '+1',
  '.5',
  '1.',
  '.inf',
  '-.Inf',
  '.nan',
  '2001-12-14',
  '2001-12-14T21:59:43.10-05:00',
  '2026-01-02 03:04:05',
  '=',
  '<<',
  '- x',
  'a: b',
  '#c',
  'a #c',
  '@at',
  '`tick',
  '*ref',
  '&anchor',
  '!tag',
  '!!str',
  '%dir',
  '|',
  '>',
  "'",
  '"',
  ' leading',
  'trailing ',
  'multi\nline',
  'trailing newline\n',
  '\n',
  'tab\there',
  '[a]',
  '{a: 1}',
  '?',
  '? x',
  ',',
  'a,b',
  'http://x:80/y',
  'x: ',
  '---',
  '...',
  'é',
  '日本',
];
