import { STATUS_CODES } from 'node:http';
import type { KubeRequest, KubeResponse } from './transport.js';

/**
 * kubectl's `-v` request log (client-go `transport/round_trippers.go`): from level 6 one line per
 * request, `GET https://…/api/v1/pods?limit=500 200 OK in 12 milliseconds`; from 7 the request
 * headers, credentials masked; from 8 the size of the response body. Failures are logged too.
 */
export function loggedRequest(
  send: (req: KubeRequest) => Promise<KubeResponse>,
  server: URL,
  verbosity: number,
  log: (line: string) => void,
  headers: Readonly<Record<string, string | readonly string[]>>,
): (req: KubeRequest) => Promise<KubeResponse> {
  return async (req) => {
    const url = new URL(server.href.replace(/\/+$/, '') + req.path);
    for (const [k, v] of Object.entries(req.query ?? {}))
      if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
    if (verbosity >= 7) {
      log(`${req.method} ${url.href}`);
      for (const [name, value] of Object.entries({ ...headers, Accept: req.accept ?? 'application/json' }))
        for (const v of Array.isArray(value) ? value : [value])
          log(`    ${name}: ${masked(name, String(v))}`);
    }
    const started = process.hrtime.bigint();
    const elapsed = () => Number((process.hrtime.bigint() - started) / 1_000_000n);
    try {
      const res = await send(req);
      log(
        `${req.method} ${url.href} ${res.status} ${STATUS_CODES[res.status] ?? ''} in ${elapsed()} milliseconds`,
      );
      if (verbosity >= 8) {
        const size =
          typeof res.body === 'string'
            ? Buffer.byteLength(res.body)
            : Buffer.byteLength(JSON.stringify(res.body));
        log(`    Response Body: ${size} bytes`);
      }
      return res;
    } catch (error) {
      log(`${req.method} ${url.href} failed in ${elapsed()} milliseconds: ${(error as Error).message}`);
      throw error;
    }
  };
}

/** Credentials are never logged: `Bearer <masked>`, as kubectl masks them. */
function masked(name: string, value: string): string {
  if (!/^(authorization|proxy-authorization)$/i.test(name)) return value;
  const scheme = value.split(' ')[0];
  return `${scheme} <masked>`;
}
