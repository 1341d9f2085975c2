import { get } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/** Options for {@link waitUntil}. */
export interface WaitOptions {
  /** Absolute time (ms since epoch) after which waiting fails. */
  deadline: number;
  intervalMs?: number;
  /** Checked before every attempt; a returned string aborts waiting at once with that reason. */
  abort?: () => string | undefined;
}

/**
 * Polls `check` until it returns true. Errors thrown by `check` count as "not yet" (a port that
 * is not listening yet refuses connections); the last one is reported on time-out.
 */
export async function waitUntil(what: string, check: () => Promise<boolean>, o: WaitOptions): Promise<void> {
  let last = 'no attempt finished';
  for (;;) {
    const reason = o.abort?.();
    if (reason) throw new Error(`${what}: ${reason}`);
    try {
      if (await check()) return;
      last = 'not ready';
    } catch (err) {
      last = (err as Error).message;
    }
    if (Date.now() >= o.deadline) throw new Error(`timed out waiting for ${what} (last: ${last})`);
    await sleep(o.intervalMs ?? 100);
  }
}

/**
 * Polls `check` every 200 ms until it returns something other than undefined, and returns it.
 * Fails after `timeoutMs` (default 60 s) naming what it waited for. For state a real kubelet or
 * controller reaches asynchronously.
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(200);
  }
}

/** Status code of a plain-HTTP GET (etcd's client URL speaks HTTP on loopback). */
export function httpGetStatus(url: string, timeoutMs = 2_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = get(url, { timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
  });
}
