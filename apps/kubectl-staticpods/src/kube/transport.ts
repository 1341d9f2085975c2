import { X509Certificate } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { UserError } from '../errors.js';
import { readFileBounded } from '../util/read-bounded.js';
import type { KubeTarget } from './kubeconfig.js';
import { tunnelAgent } from './proxy.js';
import { loggedRequest } from './request-log.js';
import type { WatchRequest, WatchResponse } from './watch-stream.js';

export interface KubeRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** `/api/v1/pods` */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly body?: unknown;
  /** @default 'application/json' */
  readonly accept?: string;
  /** Of the body; `application/merge-patch+json` or `application/json-patch+json` for a PATCH. @default 'application/json' */
  readonly contentType?: string;
}

export interface KubeResponse {
  readonly status: number;
  /** Parsed JSON, or the raw text when the answer is not JSON (only for errors: a 2xx answer must be JSON). */
  readonly body: unknown;
  /** The `Retry-After` header in seconds, when it is an integer (client-go `retryAfterSeconds`). */
  readonly retryAfter?: number;
}

/** Sends requests to one API server with one identity. */
export interface Transport {
  readonly target: KubeTarget;
  request(req: KubeRequest): Promise<KubeResponse>;
  /** Opens a watch of `req.path` (see watch-stream.ts); no retries, the caller reconnects. */
  watch(req: WatchRequest): Promise<WatchResponse>;
  close(): void;
}

export interface TransportOptions {
  /**
   * `--request-timeout` in milliseconds: the whole of a request, retries included; 0 waits
   * forever; undefined (not given) bounds each attempt by {@link DEFAULT_ATTEMPT_DEADLINE_MS}.
   */
  readonly timeoutMs: number | undefined;
  /** The environment an exec credential plugin runs with. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where warnings go. */
  readonly stderr: { write(text: string): void };
  /** The caller already warned that the API server's certificate is not verified. */
  readonly insecureWarned?: boolean;
  /** An HTTP proxy to tunnel through (`HTTPS_PROXY`, see proxy.ts). */
  readonly proxy?: URL | undefined;
  /** `-v`: log requests at this level (6 and up) with `log`. */
  readonly verbosity?: number;
  readonly log?: (line: string) => void;
}

/** What a TCP connection may take before the API server counts as unreachable (kubectl's dialer uses 30 s). */
const CONNECT_TIMEOUT_MS = 30_000;

/**
 * Without `--request-timeout`, one attempt (connect, headers and the whole body) may take this
 * long, so that a server trickling bytes cannot hold the command forever.
 */
export const DEFAULT_ATTEMPT_DEADLINE_MS = 120_000;

/** An answer larger than this is refused (a page of 500 Pods is a few MiB). */
export const MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

/** client-go's `maxRetries` for a request (`rest.NewRequest`). */
export const MAX_RETRIES = 10;

/** The longest single `Retry-After` wait honoured without `--request-timeout` (client-go has none). */
export const MAX_RETRY_WAIT_MS = 60_000;

/**
 * Opens a transport for a kubeconfig target. Client certificates, bearer tokens (inline or
 * `tokenFile`), basic auth and `exec` plugins (run with a deadline, see exec-credential.ts) are
 * applied here directly; `auth-provider` credentials and `proxy-url` go through
 * `@kubernetes/client-node`, imported only then, because loading it costs about 400 ms.
 */
export async function openTransport(target: KubeTarget, options: TransportOptions): Promise<Transport> {
  const url = serverUrl(target);
  const secure = url.protocol === 'https:';
  const needsClientNode =
    target.user['auth-provider'] !== undefined || target.cluster['proxy-url'] !== undefined;
  const base = needsClientNode ? await viaClientNode(target) : direct(target, secure);
  if (!needsClientNode && target.user.exec !== undefined) {
    const { runExecPlugin, DEFAULT_EXEC_DEADLINE_MS } = await import('./exec-credential.js');
    const deadline = options.timeoutMs || DEFAULT_EXEC_DEADLINE_MS;
    const cred = await runExecPlugin(target, options.env, deadline);
    if (cred.token) base.headers.Authorization = `Bearer ${cred.token}`;
    if (cred.clientCertificateData && cred.clientKeyData) {
      base.tls.cert = cred.clientCertificateData;
      base.tls.key = cred.clientKeyData;
      base.cert = cred.clientCertificateData;
    }
  }
  if (target.cluster['insecure-skip-tls-verify'] === true && secure && !options.insecureWarned) {
    options.stderr.write(
      `warning: insecure-skip-tls-verify is set for cluster "${target.clusterName}": the API server's certificate is not verified, so anyone on the path can read and change this traffic\n`,
    );
  }
  checkClientCertificate(base.cert, target);
  const agent: http.Agent =
    base.agent ??
    (options.proxy
      ? tunnelAgent(options.proxy, secure, base.tls)
      : secure
        ? new https.Agent({ keepAlive: true, ...base.tls })
        : new http.Agent({ keepAlive: true }));
  const headers = { ...base.headers, ...impersonationHeaders(target) };
  const attempt = (req: KubeRequest, deadlineMs: number | undefined) =>
    send(url, req, headers, agent, secure, deadlineMs, target);
  const request = (req: KubeRequest) => withRetries(req, attempt, options.timeoutMs, target);
  const { log, verbosity = 0 } = options;
  return {
    target,
    request: log && verbosity >= 6 ? loggedRequest(request, url, verbosity, log, headers) : request,
    watch: async (req) => {
      const { openWatchStream } = await import('./watch-stream.js');
      if (log && verbosity >= 6) log(`GET ${req.path} (watch)`);
      const failure = (error: Error, midAnswer: boolean) =>
        networkError(error, target, { method: 'GET', ...req }, 0, midAnswer);
      return openWatchStream(url, req, headers, agent, secure, target, failure);
    },
    close: () => agent.destroy(),
  };
}

/** `--as`/`--as-group` (client-go `transport/round_trippers.go` `NewImpersonatingRoundTripper`). */
function impersonationHeaders(target: KubeTarget): Record<string, string | string[]> {
  if (!target.impersonate) return {};
  return {
    'Impersonate-User': target.impersonate.user,
    ...(target.impersonate.groups.length > 0 && { 'Impersonate-Group': [...target.impersonate.groups] }),
  };
}

/**
 * The cluster's `server` as a URL. Like client-go (`rest.DefaultServerURL`), a server without a
 * scheme gets `https://` when TLS is configured and `http://` otherwise.
 * @throws UserError E_KUBECONFIG when it is not an http(s) URL with a host.
 */
export function serverUrl(target: KubeTarget): URL {
  const { cluster } = target;
  const server = cluster.server.trim();
  const tls =
    cluster['certificate-authority'] !== undefined ||
    cluster['certificate-authority-data'] !== undefined ||
    cluster['insecure-skip-tls-verify'] === true;
  const text = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(server)
    ? server
    : `${tls ? 'https' : 'http'}://${server}`;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') {
    throw new UserError(
      'E_KUBECONFIG',
      `cluster "${target.clusterName}" has an invalid server URL ${JSON.stringify(cluster.server)}`,
      'set clusters[].cluster.server to the https:// address of the API server',
    );
  }
  return url;
}

/**
 * Sends a request and retries it as client-go does (`rest/request.go` `request`,
 * `with_retry.go` `IsNextRetry`/`checkWait`): up to {@link MAX_RETRIES} times, only GETs; after a
 * 429 or 5xx answer that carries an integer `Retry-After`, waiting that many seconds; after a
 * connection reset or an end of file before the answer, waiting 1 s. `--request-timeout` bounds
 * the whole, retries and waits included (client-go's context deadline); a wait that would end past
 * it is not started.
 */
async function withRetries(
  req: KubeRequest,
  attempt: (req: KubeRequest, deadlineMs: number | undefined) => Promise<KubeResponse>,
  timeoutMs: number | undefined,
  target: KubeTarget,
): Promise<KubeResponse> {
  const end = timeoutMs ? Date.now() + timeoutMs : undefined;
  const remaining = () => (end === undefined ? undefined : Math.max(1, end - Date.now()));
  for (let retries = 0; ; retries++) {
    const budget = remaining() ?? (timeoutMs === 0 ? undefined : DEFAULT_ATTEMPT_DEADLINE_MS);
    let waitMs: number;
    try {
      const res = await attempt(req, budget);
      const retryable =
        req.method === 'GET' &&
        (res.status === 429 || res.status >= 500) &&
        res.retryAfter !== undefined &&
        retries < MAX_RETRIES;
      if (!retryable) return res;
      waitMs = res.retryAfter * 1000;
      if (end === undefined) waitMs = Math.min(waitMs, MAX_RETRY_WAIT_MS);
      if (end !== undefined && Date.now() + waitMs >= end) return res;
    } catch (error) {
      const raw = (error as { cause?: unknown }).cause ?? error;
      const retryable = req.method === 'GET' && retries < MAX_RETRIES && isProbableReset(raw);
      if (!retryable || (end !== undefined && Date.now() + 1000 >= end)) {
        throw error instanceof UserError ? error : networkError(error as Error, target, req, timeoutMs ?? 0);
      }
      waitMs = 1000;
    }
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}

/** apimachinery `net.IsConnectionReset` / `IsProbableEOF`: the connection broke before an answer came. */
function isProbableReset(error: unknown): boolean {
  const e = error as NodeJS.ErrnoException & { beforeResponse?: boolean };
  if (!e?.beforeResponse) return false;
  return e.code === 'ECONNRESET' || e.code === 'EPIPE' || /socket hang up/i.test(e.message ?? '');
}

interface Prepared {
  tls: https.AgentOptions;
  headers: Record<string, string>;
  cert?: Buffer | string;
  agent?: http.Agent;
}

function direct(target: KubeTarget, secure: boolean): Prepared {
  const { cluster, user } = target;
  const tls: https.AgentOptions = {};
  const ca = fileOrData(
    cluster['certificate-authority'],
    cluster['certificate-authority-data'],
    'certificate-authority',
    target,
  );
  if (ca) tls.ca = ca;
  if (cluster['insecure-skip-tls-verify'] === true) tls.rejectUnauthorized = false;
  if (typeof cluster['tls-server-name'] === 'string') tls.servername = cluster['tls-server-name'];
  const cert = fileOrData(
    user['client-certificate'],
    user['client-certificate-data'],
    'client-certificate',
    target,
  );
  const key = fileOrData(user['client-key'], user['client-key-data'], 'client-key', target);
  if (cert) tls.cert = cert;
  if (key) tls.key = key;
  const headers: Record<string, string> = {};
  let token = typeof user.token === 'string' ? user.token : undefined;
  if (!token && typeof user.tokenFile === 'string') {
    token = readCredential(user.tokenFile, 'tokenFile', target).toString('utf8').trim();
  }
  if (token) headers.Authorization = `Bearer ${token}`;
  else if (typeof user.username === 'string') {
    headers.Authorization = `Basic ${Buffer.from(`${user.username}:${String(user.password ?? '')}`).toString('base64')}`;
  }
  if (!secure && Object.keys(headers).length > 0 && cluster['insecure-skip-tls-verify'] !== true) {
    throw new UserError(
      'E_KUBECONFIG',
      `refusing to send credentials of user "${target.userName}" over plain HTTP to ${cluster.server}`,
      'use an https:// server in the kubeconfig',
    );
  }
  return { tls, headers, ...(cert && { cert }) };
}

async function viaClientNode(target: KubeTarget): Promise<Prepared> {
  const { KubeConfig } = await import('@kubernetes/client-node');
  const kc = new KubeConfig();
  kc.loadFromString(
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: target.clusterName, cluster: target.cluster }],
      users: [{ name: target.userName || 'anonymous', user: target.user }],
      contexts: [
        { name: 'selected', context: { cluster: target.clusterName, user: target.userName || 'anonymous' } },
      ],
      'current-context': 'selected',
    }),
  );
  const opts: https.RequestOptions = {};
  try {
    await kc.applyToHTTPSOptions(opts);
  } catch (error) {
    const command = (target.user.exec as { command?: string } | undefined)?.command;
    const how = target.user.exec ? `exec plugin ${JSON.stringify(command ?? '')}` : 'auth provider';
    const why = (error as Error).message.trim() || 'it failed without a message';
    throw new UserError(
      'E_KUBECONFIG',
      `cannot get credentials for user "${target.userName}" (${how}): ${why}`,
      'run the credential plugin by hand to see why it fails, or log in again',
      { cause: error },
    );
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(opts.headers ?? {})) if (v !== undefined) headers[k] = String(v);
  if (opts.auth) headers.Authorization = `Basic ${Buffer.from(opts.auth).toString('base64')}`;
  const cert = opts.cert as Buffer | string | undefined;
  return {
    tls: {},
    headers,
    ...(cert && { cert }),
    ...(opts.agent instanceof http.Agent && { agent: opts.agent }),
  };
}

function fileOrData(file: unknown, data: unknown, field: string, target: KubeTarget): Buffer | undefined {
  if (typeof file === 'string' && file !== '') return readCredential(file, field, target);
  if (typeof data === 'string' && data !== '') return Buffer.from(data, 'base64');
  return undefined;
}

function readCredential(file: string, field: string, target: KubeTarget): Buffer {
  try {
    return readFileBounded(file, `${field} "${file}"`);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(
      'E_KUBECONFIG',
      `cannot read ${field} "${file}" of ${field.startsWith('certificate') ? `cluster "${target.clusterName}"` : `user "${target.userName}"`}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      'fix the path in the kubeconfig, or get a fresh kubeconfig',
      { cause: error },
    );
  }
}

/** An expired client certificate makes the API server answer 401; say why before sending anything. */
function checkClientCertificate(cert: Buffer | string | undefined, target: KubeTarget): void {
  if (!cert) return;
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    return; // not PEM we can read; let TLS report it
  }
  const now = Date.now();
  const validTo = Date.parse(x509.validTo);
  const validFrom = Date.parse(x509.validFrom);
  const who = `the client certificate of user "${target.userName}"${target.contextName ? ` (context "${target.contextName}")` : ''}`;
  if (!Number.isNaN(validTo) && validTo < now) {
    throw new UserError(
      'E_CERT_EXPIRED',
      `${who} expired on ${new Date(validTo).toISOString()}`,
      'renew it (kubeadm: "kubeadm certs renew admin.conf") or get a new kubeconfig',
    );
  }
  if (!Number.isNaN(validFrom) && validFrom > now) {
    throw new UserError(
      'E_CERT_EXPIRED',
      `${who} is not valid before ${new Date(validFrom).toISOString()}`,
      "check this machine's clock",
    );
  }
}

/**
 * One attempt of a request. `deadlineMs` bounds all of it (connect, headers, the whole body), so a
 * server that trickles bytes cannot hold it forever; undefined leaves only the idle timeout. A 2xx
 * answer must be complete JSON: anything else (a truncated body, a proxy's HTML page) is an error,
 * never taken for an answer.
 */
function send(
  base: URL,
  req: KubeRequest,
  headers: Record<string, string | string[]>,
  agent: http.Agent,
  secure: boolean,
  deadlineMs: number | undefined,
  target: KubeTarget,
): Promise<KubeResponse> {
  const url = new URL(base.href.replace(/\/+$/, '') + req.path);
  for (const [k, v] of Object.entries(req.query ?? {}))
    if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
  const body = req.body === undefined ? undefined : JSON.stringify(req.body);
  const requestHeaders: Record<string, string | string[]> = {
    ...headers,
    Accept: req.accept ?? 'application/json',
    'User-Agent': 'kubectl-staticpods',
    ...(body !== undefined && {
      'Content-Type': req.contentType ?? 'application/json',
      'Content-Length': String(Buffer.byteLength(body)),
    }),
  };
  const lib = secure ? https : http;
  const server = target.cluster.server;
  return new Promise<KubeResponse>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    let responded = false;
    let settled = false;
    const settle = (error: Error | undefined, value?: KubeResponse) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      if (error) reject(error);
      else resolve(value as KubeResponse);
    };
    const malformed = (status: number, why: string) =>
      new UserError(
        'E_API',
        `the API server at ${server} answered ${status} to ${req.method} ${req.path} with ${why}; nothing of it is used`,
        'a proxy between you and the API server may have answered, or the connection was cut; try again',
      );
    const request = lib.request(url, { method: req.method, headers: requestHeaders, agent }, (res) => {
      responded = true;
      const status = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_RESPONSE_BYTES) {
          settle(malformed(status, `more than ${MAX_RESPONSE_BYTES / (1024 * 1024)} MiB`));
          request.destroy();
          return;
        }
        chunks.push(c);
      });
      res.on('error', (e) => fail(e));
      res.on('aborted', () =>
        fail(Object.assign(new Error('connection closed mid-answer'), { code: 'ECONNRESET' })),
      );
      res.on('end', () => {
        if (!res.complete) {
          fail(Object.assign(new Error('connection closed mid-answer'), { code: 'ECONNRESET' }));
          return;
        }
        const text = Buffer.concat(chunks).toString('utf8');
        const retryAfterHeader = String(res.headers['retry-after'] ?? '');
        const retryAfter = /^\d+$/.test(retryAfterHeader) ? Number(retryAfterHeader) : undefined;
        let parsed: unknown = text;
        let isJson = false;
        try {
          parsed = JSON.parse(text);
          isJson = true;
        } catch {
          parsed = text;
        }
        if (status >= 200 && status < 300 && (!isJson || typeof parsed !== 'object' || parsed === null)) {
          const type = String(res.headers['content-type'] ?? 'no content type');
          settle(
            malformed(status, `a body that is not a JSON object (${type}, ${size} bytes: ${preview(text)})`),
          );
          return;
        }
        settle(undefined, { status, body: parsed, ...(retryAfter !== undefined && { retryAfter }) });
      });
    });
    const fail = (error: Error) => {
      const raw = Object.assign(error, { beforeResponse: !responded });
      settle(networkError(raw, target, req, deadlineMs ?? 0, responded));
    };
    request.on('error', fail);
    request.setTimeout(
      deadlineMs && deadlineMs < CONNECT_TIMEOUT_MS ? deadlineMs : CONNECT_TIMEOUT_MS,
      () => {
        request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }));
      },
    );
    if (deadlineMs !== undefined) {
      timer = setTimeout(
        () => request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
        deadlineMs,
      );
    }
    request.end(body);
  });
}

/** The start of a body, on one line, for an error message. */
function preview(text: string): string {
  const line = text
    .slice(0, 80)
    .replace(/\p{Cc}+/gu, ' ')
    .trim();
  return line === '' ? 'empty' : JSON.stringify(line + (text.length > 80 ? '…' : ''));
}

/** One message per way a connection fails: refused, unknown host, timeout, each TLS problem. */
export function networkError(
  error: Error,
  target: KubeTarget,
  req: KubeRequest,
  timeoutMs: number,
  midAnswer = false,
): UserError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const server = target.cluster.server;
  const ctx = target.contextName ? ` (context "${target.contextName}")` : '';
  const checkContext = `is the cluster running, and is${target.contextName ? ` "${target.contextName}"` : ' this'} the right context? (kubectl config get-contexts)`;
  const details = [`${req.method} ${req.path}: ${code ? `${code}: ` : ''}${error.message}`];
  const tls = (message: string, hint: string) =>
    new UserError('E_TLS', message, hint, { cause: error, details });
  switch (code) {
    case 'ECONNREFUSED':
      return new UserError(
        'E_UNREACHABLE',
        `cannot reach the API server at ${server}${ctx}: connection refused`,
        checkContext,
        { cause: error, details },
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new UserError(
        'E_UNREACHABLE',
        `cannot resolve the API server host ${new URL(server).hostname}${ctx}`,
        `check DNS and the server address in the kubeconfig; ${checkContext}`,
        { cause: error, details },
      );
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ECONNRESET':
    case 'EPIPE':
      if (midAnswer) {
        return new UserError(
          'E_UNREACHABLE',
          `the connection to the API server at ${server}${ctx} broke in the middle of its answer to ${req.method} ${req.path}; nothing of it is used`,
          'try again; if it persists, check the network and the API server',
          { cause: error, details },
        );
      }
      return new UserError(
        'E_UNREACHABLE',
        `cannot reach the API server at ${server}${ctx}: ${code === 'ECONNRESET' ? 'connection reset' : 'no route to host'}`,
        checkContext,
        { cause: error, details },
      );
    case 'ETIMEDOUT':
      return new UserError(
        'E_TIMEOUT',
        `the API server at ${server}${ctx} did not ${midAnswer ? 'finish its answer' : 'answer'} within ${(timeoutMs > 0 ? timeoutMs : CONNECT_TIMEOUT_MS) / 1000}s`,
        timeoutMs > 0 ? `raise --request-timeout, or ${checkContext}` : checkContext,
        { cause: error, details },
      );
    case 'CERT_HAS_EXPIRED':
      return tls(
        `the API server's certificate at ${server}${ctx} has expired`,
        'renew the API server certificate (kubeadm: "kubeadm certs renew apiserver")',
      );
    case 'CERT_NOT_YET_VALID':
      return tls(
        `the API server's certificate at ${server}${ctx} is not valid yet`,
        "check this machine's clock",
      );
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'CERT_SIGNATURE_FAILURE':
      return tls(
        `cannot verify the API server's certificate at ${server}${ctx}: it is not signed by the kubeconfig's certificate-authority`,
        'the kubeconfig is stale or for another cluster; get a fresh one, or pick the right context',
      );
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return tls(
        `the API server's certificate is not valid for ${new URL(server).hostname}${ctx}`,
        'use the address the certificate was issued for, or set tls-server-name in the kubeconfig',
      );
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
    case 'EPROTO':
      return tls(
        `TLS handshake with ${server}${ctx} failed: ${error.message.split('\n')[0]}`,
        'is the server address an HTTPS API server (and the port right)?',
      );
    default:
      return new UserError(
        'E_UNREACHABLE',
        `request to the API server at ${server}${ctx} failed: ${error.message}`,
        checkContext,
        { cause: error, details },
      );
  }
}
