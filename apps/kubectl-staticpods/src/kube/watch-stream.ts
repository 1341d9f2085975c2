import http from 'node:http';
import https from 'node:https';
import { UserError } from '../errors.js';
import type { KubeTarget } from './kubeconfig.js';

/** What a watch asks for (a KubeRequest of transport.ts without a body). */
export interface WatchRequest {
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly accept?: string;
}

/** Turns a failed connection into the error the user sees (transport.ts `networkError`). */
export type NetworkFailure = (error: Error, midAnswer: boolean) => Error;

/** The largest single event read (a Pod is far smaller; this bounds a server that never ends a line). */
const MAX_EVENT_BYTES = 256 * 1024 * 1024;

/** One event of a watch (k8s.io/apimachinery `pkg/watch` `Event`, as the JSON framer sends it). */
export interface WatchEvent {
  /** ADDED, MODIFIED, DELETED, BOOKMARK or ERROR. */
  readonly type: string;
  readonly object: unknown;
}

/** An open watch: its events as they come, or the error answer when it did not open. */
export interface WatchResponse {
  readonly status: number;
  /** The answer to a watch that did not open (a Status, or text). */
  readonly body?: unknown;
  /**
   * The events, until the server ends the watch (its `timeoutSeconds`) or `close` is called;
   * a connection that breaks mid-way throws.
   */
  readonly events: AsyncIterable<WatchEvent>;
  close(): void;
}

/** How long connecting and the answer's headers may take. */
const CONNECT_TIMEOUT_MS = 30_000;

/**
 * Opens a watch (`?watch=1`) and reads its newline-delimited JSON events as they arrive, holding
 * one event at a time. There is no deadline on the body: a watch lasts as long as its
 * `timeoutSeconds`, and the caller closes it.
 */
export function openWatchStream(
  base: URL,
  req: WatchRequest,
  headers: Record<string, string | string[]>,
  agent: http.Agent,
  secure: boolean,
  target: KubeTarget,
  failure: NetworkFailure,
): Promise<WatchResponse> {
  const url = new URL(base.href.replace(/\/+$/, '') + req.path);
  for (const [k, v] of Object.entries(req.query ?? {}))
    if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
  url.searchParams.set('watch', '1');
  const lib = secure ? https : http;
  return new Promise<WatchResponse>((resolve, reject) => {
    const request = lib.request(
      url,
      {
        method: 'GET',
        agent,
        headers: { ...headers, Accept: req.accept ?? 'application/json', 'User-Agent': 'kubectl-staticpods' },
      },
      (res) => {
        request.setTimeout(0);
        const close = () => request.destroy();
        const status = res.statusCode ?? 0;
        if (status !== 200) {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size <= 1024 * 1024) chunks.push(c);
          });
          res.on('error', () => undefined);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown = text;
            try {
              body = JSON.parse(text);
            } catch {
              body = text;
            }
            resolve({ status, body, events: (async function* () {})(), close });
          });
          return;
        }
        resolve({ status, events: readEvents(res, target, failure), close });
      },
    );
    request.on('error', (error) => reject(failure(Object.assign(error, { beforeResponse: true }), false)));
    request.setTimeout(CONNECT_TIMEOUT_MS, () =>
      request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
    );
    request.end();
  });
}

async function* readEvents(
  res: http.IncomingMessage,
  target: KubeTarget,
  failure: NetworkFailure,
): AsyncGenerator<WatchEvent> {
  let pending = '';
  const malformed = (why: string) =>
    new UserError(
      'E_API',
      `the API server at ${target.cluster.server} sent a watch event that ${why}`,
      'a proxy between you and the API server may have answered; try again',
    );
  try {
    for await (const chunk of res) {
      pending += (chunk as Buffer).toString('utf8');
      if (pending.length > MAX_EVENT_BYTES) throw malformed('is larger than 256 MiB');
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        const line = pending.slice(0, newline).trim();
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
        if (line === '') continue;
        let event: WatchEvent;
        try {
          event = JSON.parse(line) as WatchEvent;
        } catch {
          throw malformed('is not JSON');
        }
        if (typeof event !== 'object' || event === null || typeof event.type !== 'string')
          throw malformed('has no type');
        yield event;
      }
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    // A connection that broke mid-way: the caller reconnects from the last version it saw.
    throw failure(
      Object.assign(error as Error, { code: (error as NodeJS.ErrnoException).code ?? 'ECONNRESET' }),
      true,
    );
  } finally {
    res.destroy();
  }
  if (!res.complete) {
    throw failure(Object.assign(new Error('connection closed mid-watch'), { code: 'ECONNRESET' }), true);
  }
}
