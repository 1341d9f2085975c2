import { posix } from 'node:path';
import { shellQuote } from './shell.js';
import type { CutoverAction } from './types.js';

/** The node-side actions of a cut-over: they run as root on the node, as a POSIX `sh` script. */
export type NodeAction = Extract<CutoverAction, { kind: 'move-manifest' | 'restore-manifest' }>;

export interface NodeScriptOptions {
  /**
   * Where the node's root filesystem is seen by the script, e.g. `/host` in a Pod that mounts it
   * there. Messages still name the paths as the node sees them. @default '' (the script runs on the node)
   */
  readonly root?: string;
}

/** Exit status of a script that refused to act, so the executor can tell it from a failure of `sh`. */
export const SCRIPT_REFUSED = 3;

/**
 * The script that carries out a node-side action, safe to run again after a crash:
 *
 * - move: `manifest → backup`; nothing to do when only the backup exists (moved before); refused when
 *   both exist (an older backup is never overwritten) or neither does (wrong file name).
 * - restore: `backup → manifest` through a dot-file in staticPodPath, then one rename, because the
 *   kubelet reads every file there whose name does not start with a dot and would otherwise see a
 *   half-copied manifest when the backup is on another filesystem (pkg/kubelet/config/file.go skips
 *   names starting with "."). Nothing to do when the manifest is back; a backup equal to it (a crash
 *   between rename and removal) is removed; refused when they differ.
 */
export function nodeScript(action: NodeAction, options: NodeScriptOptions = {}): string {
  const root = (options.root ?? '').replace(/\/+$/, '');
  const m = action.manifestPath;
  const b = action.backupPath;
  const backupDir = posix.dirname(b);
  const tmp = posix.join(posix.dirname(m), `.${posix.basename(m)}.staticpods-restore`);
  const q = shellQuote;
  const head = [
    'set -eu',
    `m=${q(root + m)}`,
    `b=${q(root + b)}`,
    // What the messages call them: the paths on the node.
    `M=${q(m)}`,
    `B=${q(b)}`,
  ];
  if (action.kind === 'move-manifest') {
    return [
      ...head,
      `d=${q(root + backupDir)}`,
      'if [ -e "$m" ]; then',
      '  if [ -e "$b" ]; then',
      `    echo "refusing to move $M: the backup $B already exists; move one of them away by hand" >&2`,
      `    exit ${SCRIPT_REFUSED}`,
      '  fi',
      '  [ -d "$d" ] || mkdir -p -m 0700 "$d"',
      '  mv "$m" "$b"',
      '  if [ -e "$m" ] || [ ! -e "$b" ]; then echo "moving $M to $B failed" >&2; exit 1; fi',
      '  echo "moved $M to $B"',
      'elif [ -e "$b" ]; then',
      '  echo "$M was already moved to $B"',
      'else',
      `  echo "refusing to move $M: neither it nor the backup $B exists (wrong file name or staticPodPath?)" >&2`,
      `  exit ${SCRIPT_REFUSED}`,
      'fi',
      '',
    ].join('\n');
  }
  return [
    ...head,
    `t=${q(root + tmp)}`,
    'if [ -e "$m" ]; then',
    '  if [ -e "$b" ]; then',
    '    if cmp -s "$m" "$b"; then rm -f "$b"; echo "$M is back; removed the copy $B"; exit 0; fi',
    `    echo "refusing to restore $B: $M exists and differs from it; compare them by hand" >&2`,
    `    exit ${SCRIPT_REFUSED}`,
    '  fi',
    '  echo "$M is already in place"',
    '  exit 0',
    'fi',
    `[ -e "$b" ] || { echo "refusing to restore $M: its backup $B does not exist" >&2; exit ${SCRIPT_REFUSED}; }`,
    'cp -p "$b" "$t"',
    'mv -f "$t" "$m"',
    'rm -f "$b"',
    'echo "restored $M from $B"',
    '',
  ].join('\n');
}
