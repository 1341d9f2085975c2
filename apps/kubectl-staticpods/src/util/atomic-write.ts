import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.js';

export type WriteOutcome = 'created' | 'replaced' | 'unchanged';

/**
 * Writes a file atomically: a temporary dot-file in the same directory (the kubelet skips
 * dot-files, so this is safe inside a staticPodPath), then a rename. An existing file with
 * other content is replaced only with `overwrite`; one with the same content is left alone.
 * @throws UserError E_WRITE when the file exists and differs, or the write fails.
 */
export async function writeFileAtomic(
  file: string,
  content: string,
  options: { overwrite: boolean },
): Promise<WriteOutcome> {
  let existing: string | undefined;
  try {
    existing = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw writeError(file, error);
  }
  if (existing === content) return 'unchanged';
  if (existing !== undefined && !options.overwrite) {
    throw new UserError(
      'E_WRITE',
      `${file} already exists with other content`,
      'pass --overwrite to replace it, or choose another --output-dir',
    );
  }
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  await removeStaleTemporaries(dir, path.basename(file));
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(tmp, content, { flag: 'wx', mode: 0o644 });
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw writeError(file, error);
  }
  return existing === undefined ? 'created' : 'replaced';
}

/** A temporary file older than this was left by a run that died between write and rename. */
export const STALE_TEMPORARY_MS = 10 * 60 * 1000;

/**
 * Removes the temporary files an interrupted write of `name` left behind: only names of our own
 * pattern (`.<name>.<12 hex digits>.tmp`), and only old ones, so a write running in parallel keeps its own.
 */
async function removeStaleTemporaries(dir: string, name: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return;
  }
  const prefix = `.${name}.`;
  for (const entry of entries) {
    if (!entry.startsWith(prefix) || !/^[0-9a-f]{12}\.tmp$/.test(entry.slice(prefix.length))) continue;
    const full = path.join(dir, entry);
    try {
      const info = await lstat(full);
      if (info.isFile() && Date.now() - info.mtimeMs > STALE_TEMPORARY_MS) await rm(full, { force: true });
    } catch {
      // gone already, or not ours to remove: leave it
    }
  }
}

function writeError(file: string, error: unknown): UserError {
  const code = (error as NodeJS.ErrnoException).code;
  return new UserError(
    'E_WRITE',
    `cannot write ${file}: ${code ?? (error as Error).message}`,
    'check the directory exists and is writable',
    { cause: error },
  );
}
