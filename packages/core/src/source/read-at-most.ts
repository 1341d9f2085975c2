import { closeSync, openSync, readSync } from 'node:fs';

/**
 * Reads a regular file like `utilio.ReadAtMost(file, limit)` (k8s.io/utils/io): at most `limit`
 * bytes; `limitReached` is true when the file holds `limit` bytes or more (upstream fails as soon as
 * the limit is reached, so a file of exactly `limit` bytes fails too). Memory stays bounded by
 * `limit`. Synchronous on purpose: manifests are small local files, and the kubelet reads them one
 * after the other too; three system calls per file beat a thread-pool round trip for each.
 */
export function readAtMost(path: string, limit: number): { bytes: Uint8Array; limitReached: boolean } {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want = Math.min(64 * 1024, limit - total);
      if (want <= 0) return { bytes: Buffer.concat(chunks, total), limitReached: true };
      const chunk = Buffer.allocUnsafe(want);
      const bytesRead = readSync(fd, chunk, 0, want, null);
      if (bytesRead === 0) return { bytes: Buffer.concat(chunks, total), limitReached: false };
      chunks.push(bytesRead === want ? chunk : chunk.subarray(0, bytesRead));
      total += bytesRead;
      // Only regular files are read here, and a short read of a regular file is its end.
      if (bytesRead < want) return { bytes: Buffer.concat(chunks, total), limitReached: false };
    }
  } finally {
    closeSync(fd);
  }
}
