import { posix } from 'node:path';
import { mirrorPodName } from '@staticpods/core';
import type { Notes } from './notes.js';
import { NODE_PLACEHOLDER } from './shell.js';

/** kubeadm's staticPodPath (`DefaultManifestsDir`), the usual one elsewhere too. */
export const DEFAULT_STATIC_POD_PATH = '/etc/kubernetes/manifests';
/** `fileCheckFrequency` default (KubeletConfiguration, staging/src/k8s.io/kubelet/config/v1beta1/types.go). */
export const FILE_CHECK_SECONDS = 20;

export interface PathInput {
  readonly staticName: string;
  /** The manifest path as given (file sources). */
  readonly file?: string | undefined;
  readonly staticPodPath?: string | undefined;
  readonly backupDir?: string | undefined;
}

/**
 * Where the manifest is and where it goes. A mirror Pod does not record its file name, so it is
 * guessed as `<static name>.yaml` (kubeadm's naming); a relative file name is put in staticPodPath.
 */
export function planPaths(input: PathInput) {
  const absolute = input.file !== undefined && posix.isAbsolute(input.file);
  const staticPodPath = posix.normalize(
    input.staticPodPath ?? (absolute && input.file ? posix.dirname(input.file) : DEFAULT_STATIC_POD_PATH),
  );
  const fileName = input.file ? posix.basename(input.file) : `${input.staticName}.yaml`;
  const manifestPath =
    absolute && input.file ? posix.normalize(input.file) : posix.join(staticPodPath, fileName);
  const backupDir = posix.normalize(input.backupDir ?? `${staticPodPath.replace(/\/+$/, '')}-backup`);
  return { staticPodPath, manifestPath, manifestPathGuessed: !absolute, backupDir, fileName };
}

/** Refuses a backup directory inside (or equal to) staticPodPath. */
export function checkPlanOptions(input: PathInput, notes: Notes): void {
  const { staticPodPath, backupDir } = planPaths(input);
  const inside = backupDir === staticPodPath || backupDir.startsWith(`${staticPodPath.replace(/\/+$/, '')}/`);
  if (inside) {
    notes.error(
      'invalid-option',
      `the backup directory ${backupDir} is inside staticPodPath ${staticPodPath}: keep the backup outside the ` +
        'directory the kubelet reads (kubernetes/kubeadm#2823).',
      undefined,
      { option: 'backupDir', effect: 'choose another directory' },
    );
  }
}

/** The mirror Pod's name on a node; the `$NODE` placeholder is kept as it is (not lower-cased). */
export function mirrorNameOn(staticName: string, node: string): string {
  return node === NODE_PLACEHOLDER ? `${staticName}-${node}` : mirrorPodName(staticName, node);
}
