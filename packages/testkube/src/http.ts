import { Agent, request as httpsRequest } from 'node:https';
import type { Credentials } from './kubeconfig.js';

/** A parsed apiserver response. HTTP errors are data here, not exceptions. */
export interface KubeResponse {
  status: number;
  /** Parsed JSON when the server sent JSON, otherwise the text (empty string for no body). */
  body: unknown;
}

/** Query parameters; arrays repeat the key (`?a=1&a=2`), undefined values are dropped. */
export type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

/** Per-request options. */
export interface RequestOptions {
  /** Content type of the body; PATCH defaults to `application/merge-patch+json`. */
  contentType?: string;
  /** Gives up (and throws) after this long. Default 30 s. */
  timeoutMs?: number;
}

/** A tiny HTTPS JSON client bound to one identity. */
export interface KubeClient {
  readonly server: string;
  /**
   * Sends one request. Resolves with the status and body for every HTTP response, including
   * 4xx/5xx; rejects only on network errors and time-outs.
   */
  request(
    method: string,
    path: string,
    body?: unknown,
    query?: Query,
    opts?: RequestOptions,
  ): Promise<KubeResponse>;
  /** Closes pooled connections. */
  close(): void;
}

/**
 * Creates a client for `creds`. Without `cert`/`key` it is anonymous, which the apiserver allows
 * for `/readyz`, `/livez` and `/version` (bootstrap ClusterRole `system:public-info-viewer`).
 */
export function createClient(creds: Pick<Credentials, 'server' | 'ca'> & Partial<Credentials>): KubeClient {
  // keepAlive: a test file sends many small requests; idle pooled sockets are unref'd by Node's
  // agent, so they never keep a process alive.
  const agent = new Agent({
    keepAlive: true,
    ca: creds.ca,
    ...(creds.cert === undefined ? {} : { cert: creds.cert }),
    ...(creds.key === undefined ? {} : { key: creds.key }),
  });
  const base = new URL(creds.server);
  return {
    server: creds.server,
    close: () => agent.destroy(),
    request(method, path, body, query, opts = {}) {
      const url = new URL(path, base);
      for (const [k, v] of Object.entries(query ?? {})) {
        if (v === undefined) continue;
        for (const item of Array.isArray(v) ? v : [String(v)]) url.searchParams.append(k, item);
      }
      const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
      const contentType =
        opts.contentType ?? (method === 'PATCH' ? 'application/merge-patch+json' : 'application/json');
      const headers: Record<string, string | number> = { Accept: 'application/json' };
      if (payload !== undefined) {
        headers['Content-Type'] = contentType;
        headers['Content-Length'] = Buffer.byteLength(payload);
      }
      return new Promise<KubeResponse>((resolve, reject) => {
        const req = httpsRequest(url, { method, agent, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, body: parseBody(text, res.headers['content-type']) });
          });
        });
        req.setTimeout(opts.timeoutMs ?? 30_000, () => {
          req.destroy(new Error(`${method} ${url.pathname} timed out after ${opts.timeoutMs ?? 30_000} ms`));
        });
        req.on('error', reject);
        req.end(payload);
      });
    },
  };
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (text === '' || !contentType?.includes('json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
