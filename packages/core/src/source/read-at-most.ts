import { open } from 'node:fs/promises';

/**
 * Reads a file like `utilio.ReadAtMost(file, limit)` (k8s.io/utils/io): at most `limit` bytes;
 * `limitReached` is true when the file holds `limit` bytes or more (upstream fails as soon as the
 * limit is reached, so a file of exactly `limit` bytes fails too). Memory stays bounded by `limit`.
 */
export async function readAtMost(
  path: string,
  limit: number,
): Promise<{ bytes: Uint8Array; limitReached: boolean }> {
  const handle = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want = Math.min(64 * 1024, limit - total);
      if (want <= 0) return { bytes: Buffer.concat(chunks, total), limitReached: true };
      const chunk = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(chunk, 0, want, null);
      if (bytesRead === 0) return { bytes: Buffer.concat(chunks, total), limitReached: false };
      chunks.push(bytesRead === want ? chunk : chunk.subarray(0, bytesRead));
      total += bytesRead;
    }
  } finally {
    await handle.close();
  }
}
