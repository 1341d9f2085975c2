import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Agent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { loadCredentials } from './kubeconfig.js';

/**
 * What the fault-injecting proxy does instead of (or to) the real answer:
 * - `status`: answers with this status, a `Status` body and, when given, `Retry-After`;
 * - `html`: answers 200 with an HTML page, as a misconfigured proxy or load balancer does;
 * - `truncate`: forwards the real answer but cuts the body in half and ends the response cleanly
 *   (no Content-Length), so only the bytes show that something is missing;
 * - `reset-before`: closes the connection before sending anything;
 * - `reset-mid`: sends the headers and half of the real body, then resets the connection;
 * - `trickle`: sends the headers, then one byte of the real body per `intervalMs`;
 * - `repeat-continue`: forwards the real answer with `metadata.continue` replaced by the token of
 *   the request (or a fixed one on the first page), so a client that trusts it pages forever;
 * - `gone`: answers 410 Gone (an expired continue token, or a watch's resourceVersion too old);
 * - `cut-watch`: passes a watch through for `events` events, then resets the connection;
 * - `watch-gone`: passes a watch through for `events` events, then sends the ERROR event with a
 *   410 Status that the API server sends when the watch's resourceVersion is too old, and ends it.
 *
 * Watches (`?watch=1`) are passed through as they stream; the other requests are buffered.
 */
export type Fault =
  | { readonly kind: 'status'; readonly status: number; readonly retryAfter?: string }
  | { readonly kind: 'html' }
  | { readonly kind: 'truncate' }
  | { readonly kind: 'reset-before' }
  | { readonly kind: 'reset-mid' }
  | { readonly kind: 'trickle'; readonly intervalMs: number }
  | { readonly kind: 'repeat-continue' }
  | { readonly kind: 'gone' }
  | { readonly kind: 'cut-watch'; readonly events: number }
  | { readonly kind: 'watch-gone'; readonly events: number };

/** Which requests a fault hits, and how many times (then requests pass through again). */
export interface FaultRule {
  readonly fault: Fault;
  /** Only requests of this method. @default 'GET' */
  readonly method?: string;
  /** Only requests of exactly this path (`/api/v1/namespaces/x/pods`); any path when absent. */
  readonly path?: string;
  /** `first` pages only (no `continue`), `next` pages only (with `continue`), or any. @default 'any' */
  readonly page?: 'first' | 'next' | 'any';
  /** Only watches (true), or only other requests (false). @default any */
  readonly watch?: boolean;
  /** How many matching requests it hits; `Infinity` for all. @default 1 */
  readonly times?: number;
}

/** A running fault-injecting proxy in front of a real API server. */
export interface FaultProxy {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Replaces the rules; matching requests use the first rule with hits left. */
  setFaults(rules: readonly FaultRule[]): void;
  /** How many requests reached the proxy since the last `setFaults`. */
  readonly requests: number;
  /** How many faults were injected since the last `setFaults`. */
  readonly injected: number;
  /** Writes a kubeconfig that points at the proxy (plain HTTP, no credentials: the proxy adds them). */
  writeKubeconfig(path: string): string;
  close(): Promise<void>;
}

export interface FaultProxyOptions {
  /**
   * Rewrites the `limit` of list requests to this page size, so that a few objects make several
   * pages with real continue tokens from the API server.
   */
  readonly pageSize?: number;
}

/**
 * Starts an HTTP proxy on 127.0.0.1 that forwards every request to the API server of `kubeconfig`
 * with that kubeconfig's client certificate, and injects the faults set with `setFaults`. A
 * hand-written fake for fault injection only: every answer that is not a fault is the real API
 * server's.
 */
export async function startFaultProxy(
  kubeconfig: string,
  options: FaultProxyOptions = {},
): Promise<FaultProxy> {
  const creds = loadCredentials(kubeconfig);
  const upstream = new URL(creds.server);
  const agent = new Agent({ keepAlive: true, ca: creds.ca, cert: creds.cert, key: creds.key });
  let rules: { rule: FaultRule; left: number }[] = [];
  let requests = 0;
  let injected = 0;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const pick = (req: IncomingMessage, url: URL): Fault | undefined => {
    const hasContinue = url.searchParams.has('continue');
    for (const r of rules) {
      if (r.left <= 0) continue;
      if ((r.rule.method ?? 'GET') !== req.method) continue;
      if (r.rule.path !== undefined && url.pathname !== r.rule.path) continue;
      const page = r.rule.page ?? 'any';
      if ((page === 'first' && hasContinue) || (page === 'next' && !hasContinue)) continue;
      if (r.rule.watch !== undefined && r.rule.watch !== isWatch(url)) continue;
      r.left--;
      injected++;
      return r.rule.fault;
    }
    return undefined;
  };

  const forward = (
    req: IncomingMessage,
    url: URL,
    body: Buffer,
    onAnswer: (status: number, headers: Record<string, string>, data: Buffer) => void,
    onError: (e: Error) => void,
  ) => {
    const target = new URL(url.pathname + url.search, upstream);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === 'string' && !['host', 'connection', 'authorization'].includes(k)) headers[k] = v;
    }
    const up = httpsRequest(target, { method: req.method ?? 'GET', headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) {
          if (
            typeof v === 'string' &&
            !['connection', 'transfer-encoding', 'content-length', 'keep-alive'].includes(k)
          )
            out[k] = v;
        }
        onAnswer(res.statusCode ?? 502, out, Buffer.concat(chunks));
      });
      res.on('error', onError);
    });
    up.on('error', onError);
    up.end(body);
  };

  /** A watch, streamed event by event; `cut-watch` and `watch-gone` act after their events. */
  const passWatch = (req: IncomingMessage, res: ServerResponse, url: URL, fault: Fault | undefined) => {
    const target = new URL(url.pathname + url.search, upstream);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === 'string' && !['host', 'connection', 'authorization'].includes(k)) headers[k] = v;
    }
    const up = httpsRequest(target, { method: 'GET', headers, agent }, (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, {
        'content-type': String(upRes.headers['content-type'] ?? 'application/json'),
      });
      const limit = fault?.kind === 'cut-watch' || fault?.kind === 'watch-gone' ? fault.events : Infinity;
      let events = 0;
      let pending = '';
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        upRes.destroy();
        if (fault?.kind === 'cut-watch') req.socket.resetAndDestroy();
        else {
          const status = {
            kind: 'Status',
            apiVersion: 'v1',
            status: 'Failure',
            code: 410,
            reason: 'Expired',
          };
          res.end(
            `${JSON.stringify({ type: 'ERROR', object: { ...status, message: 'too old resource version: 1 (2)' } })}\n`,
          );
        }
      };
      if (limit === 0) return finish();
      upRes.on('data', (c: Buffer) => {
        pending += c.toString('utf8');
        let newline = pending.indexOf('\n');
        while (newline >= 0 && events < limit) {
          res.write(pending.slice(0, newline + 1));
          pending = pending.slice(newline + 1);
          events++;
          newline = pending.indexOf('\n');
        }
        if (events >= limit) finish();
      });
      upRes.on('end', () => res.end());
      upRes.on('error', () => res.destroy());
    });
    up.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
    res.on('close', () => up.destroy());
    up.end();
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    requests++;
    const url = new URL(req.url ?? '/', 'http://proxy');
    if (options.pageSize !== undefined && url.searchParams.has('limit'))
      url.searchParams.set('limit', String(options.pageSize));
    const fault = pick(req, url);
    const send = (status: number, headers: Record<string, string>, data: Buffer) => {
      res.writeHead(status, { ...headers, 'content-length': String(data.length) });
      res.end(data);
    };
    const status = (code: number, message: string, retryAfter?: string) =>
      send(
        code,
        {
          'content-type': 'application/json',
          ...(retryAfter !== undefined && { 'retry-after': retryAfter }),
        },
        Buffer.from(
          JSON.stringify({
            kind: 'Status',
            apiVersion: 'v1',
            status: 'Failure',
            code,
            message,
            reason: code === 410 ? 'Expired' : code === 429 ? 'TooManyRequests' : 'InternalError',
          }),
        ),
      );
    if (fault?.kind === 'status') return status(fault.status, `injected ${fault.status}`, fault.retryAfter);
    if (fault?.kind === 'gone')
      return status(410, 'The provided continue parameter is too old to display a consistent list result.');
    if (fault?.kind === 'html')
      return send(
        200,
        { 'content-type': 'text/html' },
        Buffer.from('<html><body><h1>502 Bad Gateway</h1></body></html>\n'),
      );
    if (fault?.kind === 'reset-before') {
      req.socket.destroy();
      return;
    }
    if (isWatch(url)) {
      passWatch(req, res, url, fault);
      return;
    }
    forward(
      req,
      url,
      body,
      (code, headers, data) => {
        if (fault?.kind === 'truncate') {
          res.writeHead(code, { ...headers, connection: 'close' });
          res.end(data.subarray(0, data.length >> 1));
          return;
        }
        if (fault?.kind === 'reset-mid') {
          res.writeHead(code, { ...headers, 'content-length': String(data.length) });
          res.write(data.subarray(0, data.length >> 1), () => req.socket.resetAndDestroy());
          return;
        }
        if (fault?.kind === 'trickle') {
          res.writeHead(code, { ...headers, 'content-length': String(data.length) });
          let i = 0;
          const tick = () => {
            if (res.destroyed || i >= data.length) {
              res.end();
              return;
            }
            res.write(data.subarray(i, i + 1));
            i++;
            const t = setTimeout(() => {
              timers.delete(t);
              tick();
            }, fault.intervalMs);
            timers.add(t);
          };
          tick();
          return;
        }
        if (fault?.kind === 'repeat-continue' && code === 200) {
          const page = JSON.parse(data.toString('utf8')) as { metadata?: { continue?: string } };
          page.metadata = {
            ...page.metadata,
            continue: url.searchParams.get('continue') ?? 'repeated-token',
          };
          send(code, headers, Buffer.from(JSON.stringify(page)));
          return;
        }
        send(code, headers, data);
      },
      () => {
        if (!res.headersSent) status(502, 'fault proxy: the API server could not be reached');
        else res.destroy();
      },
    );
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks)));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    setFaults(next) {
      rules = next.map((rule) => ({ rule, left: rule.times ?? 1 }));
      requests = 0;
      injected = 0;
    },
    get requests() {
      return requests;
    },
    get injected() {
      return injected;
    },
    writeKubeconfig(path) {
      writeFileSync(
        path,
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'Config',
          clusters: [{ name: 'fault-proxy', cluster: { server: url } }],
          users: [{ name: 'through-proxy', user: {} }],
          contexts: [{ name: 'fault-proxy', context: { cluster: 'fault-proxy', user: 'through-proxy' } }],
          'current-context': 'fault-proxy',
        }),
      );
      return path;
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function isWatch(url: URL): boolean {
  const watch = url.searchParams.get('watch');
  return watch === '1' || watch === 'true';
}
