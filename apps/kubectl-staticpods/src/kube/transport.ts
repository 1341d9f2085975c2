import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { UserError } from '../errors.js';
import type { KubeTarget } from './kubeconfig.js';

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
  /** Parsed JSON, or the raw text when the answer is not JSON. */
  readonly body: unknown;
}

/** Sends requests to one API server with one identity. */
export interface Transport {
  readonly target: KubeTarget;
  request(req: KubeRequest): Promise<KubeResponse>;
  close(): void;
}

export interface TransportOptions {
  /** Milliseconds per request (`--request-timeout`); 0 waits forever. */
  readonly timeoutMs: number;
}

/** What a TCP connection may take before the API server counts as unreachable (kubectl's dialer uses 30 s). */
const CONNECT_TIMEOUT_MS = 30_000;

/**
 * Opens a transport for a kubeconfig target. Client certificates, bearer tokens (inline or
 * `tokenFile`) and basic auth are applied here directly; `exec` and `auth-provider` credentials
 * and `proxy-url` go through `@kubernetes/client-node`, imported only then, because loading it
 * costs about 400 ms.
 */
export async function openTransport(target: KubeTarget, options: TransportOptions): Promise<Transport> {
  const url = new URL(target.cluster.server);
  const secure = url.protocol === 'https:';
  const needsClientNode =
    target.user.exec !== undefined ||
    target.user['auth-provider'] !== undefined ||
    target.cluster['proxy-url'] !== undefined;
  const base = needsClientNode ? await viaClientNode(target) : direct(target, secure);
  checkClientCertificate(base.cert, target);
  const agent: http.Agent =
    base.agent ??
    (secure ? new https.Agent({ keepAlive: true, ...base.tls }) : new http.Agent({ keepAlive: true }));
  return {
    target,
    request: (req) => send(url, req, base.headers, agent, secure, options.timeoutMs, target),
    close: () => agent.destroy(),
  };
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
    return readFileSync(file);
  } catch (error) {
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

function send(
  base: URL,
  req: KubeRequest,
  headers: Record<string, string>,
  agent: http.Agent,
  secure: boolean,
  timeoutMs: number,
  target: KubeTarget,
): Promise<KubeResponse> {
  const url = new URL(base.href.replace(/\/+$/, '') + req.path);
  for (const [k, v] of Object.entries(req.query ?? {}))
    if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
  const body = req.body === undefined ? undefined : JSON.stringify(req.body);
  const requestHeaders: Record<string, string> = {
    ...headers,
    Accept: req.accept ?? 'application/json',
    'User-Agent': 'kubectl-staticpods',
    ...(body !== undefined && {
      'Content-Type': req.contentType ?? 'application/json',
      'Content-Length': String(Buffer.byteLength(body)),
    }),
  };
  const lib = secure ? https : http;
  return new Promise<KubeResponse>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const request = lib.request(url, { method: req.method, headers: requestHeaders, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e) => fail(e));
      res.on('end', () => {
        if (timer) clearTimeout(timer);
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        if (/json/.test(String(res.headers['content-type'] ?? ''))) {
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = text;
          }
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
    });
    const fail = (error: Error) => {
      if (timer) clearTimeout(timer);
      reject(networkError(error, target, req, timeoutMs));
    };
    request.on('error', fail);
    request.setTimeout(timeoutMs > 0 ? timeoutMs : CONNECT_TIMEOUT_MS, () => {
      request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }));
    });
    if (timeoutMs > 0) {
      timer = setTimeout(
        () => request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
        timeoutMs,
      );
    }
    request.end(body);
  });
}

/** One message per way a connection fails: refused, unknown host, timeout, each TLS problem. */
export function networkError(
  error: Error,
  target: KubeTarget,
  req: KubeRequest,
  timeoutMs: number,
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
      return new UserError(
        'E_UNREACHABLE',
        `cannot reach the API server at ${server}${ctx}: ${code === 'ECONNRESET' ? 'connection reset' : 'no route to host'}`,
        checkContext,
        { cause: error, details },
      );
    case 'ETIMEDOUT':
      return new UserError(
        'E_TIMEOUT',
        `the API server at ${server}${ctx} did not answer within ${(timeoutMs > 0 ? timeoutMs : CONNECT_TIMEOUT_MS) / 1000}s`,
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
