import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { applyKubeletDefaults, decodePod, parseManifest } from '@staticpods/core';
import {
  type ControlPlaneClient,
  connect,
  createMirrorPod,
  createObject,
  type HollowNode,
  type MirrorPodResult,
  type Pod,
  registerNode,
  type StartNodeOptions,
  startNode,
} from '@staticpods/testkube';
import { inject } from 'vitest';
import { parse, stringify } from 'yaml';
import { EXAMPLES } from './run.js';

/** The shared control plane of this run (vitest global setup). */
export function controlPlane(): ControlPlaneClient {
  return connect(inject('testkube'));
}

export function hash(): string {
  return randomBytes(16).toString('hex');
}

/** A static Pod manifest from examples/, moved to another namespace and labelled for this test. */
export function exampleManifest(
  file: string,
  changes: { namespace?: string; labels?: Record<string, string> } = {},
): string {
  const doc = parse(readFileSync(`${EXAMPLES}/${file}`, 'utf8')) as {
    metadata: { namespace?: string; labels?: Record<string, string> };
  };
  if (changes.namespace) doc.metadata.namespace = changes.namespace;
  doc.metadata.labels = { ...doc.metadata.labels, ...changes.labels };
  return stringify(doc);
}

/**
 * Starts a real kubelet (testkube's hollow node: the kubelet's own code with a fake container
 * runtime) for `name`, with a staticPodPath of its own. Use it wherever the behaviour under test
 * is the kubelet's; {@link mirror} stays for fault injection.
 */
export function realNode(
  cp: ControlPlaneClient,
  name: string,
  options: Omit<StartNodeOptions, 'name'> = {},
): Promise<HollowNode> {
  return startNode({ ...cp, binaries: inject('testkube').binaries }, { name, ...options });
}

/**
 * SIMULATED kubelet, for fault injection only (a mirror Pod an older kubelet made, a status a
 * real kubelet cannot be made to report): does what a kubelet does for a static Pod: decode the manifest, apply the kubelet's defaults
 * for the node with a config hash, and create the mirror Pod with the node's credentials.
 */
export async function mirror(
  cp: ControlPlaneClient,
  node: string,
  manifestYaml: string,
  configHash = hash(),
): Promise<MirrorPodResult> {
  const decoded = decodePod(parseManifest(manifestYaml, { file: 'test.yaml' }));
  if (!decoded.ok) throw new Error(`test manifest does not decode: ${decoded.failure.error}`);
  const pod = applyKubeletDefaults(decoded.pod, { nodeName: node, hash: configHash });
  return createMirrorPod(cp, node, pod as unknown as Pod);
}

export async function nodes(
  cp: ControlPlaneClient,
  names: readonly string[],
  labels: Record<string, string> = {},
): Promise<void> {
  for (const n of names)
    await registerNode(cp, n, { labels: { 'node-role.kubernetes.io/control-plane': '', ...labels } });
}

/** A user who may only list Pods in one namespace; the kubeconfig's context defaults to it. */
export async function restrictedUser(cp: ControlPlaneClient, user: string, ns: string): Promise<string> {
  const rbac = 'rbac.authorization.k8s.io/v1';
  for (const obj of [
    {
      apiVersion: rbac,
      kind: 'Role',
      metadata: { name: `${user}-list-pods`, namespace: ns },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['list'] }],
    },
    {
      apiVersion: rbac,
      kind: 'RoleBinding',
      metadata: { name: `${user}-list-pods`, namespace: ns },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `${user}-list-pods` },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
    },
  ]) {
    const res = await createObject(cp, obj);
    if (!res.accepted && res.status !== 409) throw new Error(`${obj.kind}: ${res.status} ${res.message}`);
  }
  return withContextNamespace(await cp.kubeconfigFor(user, []), ns);
}

/** A copy of a kubeconfig whose current context has `namespace` set. */
export function withContextNamespace(kubeconfig: string, ns: string): string {
  const doc = parse(readFileSync(kubeconfig, 'utf8')) as { contexts: { context: { namespace?: string } }[] };
  for (const c of doc.contexts) c.context.namespace = ns;
  const out = `${kubeconfig}.${ns}.yaml`;
  writeFileSync(out, stringify(doc));
  return out;
}
