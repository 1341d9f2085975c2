import http from 'node:http';
import https from 'node:https';
import { isIP, type Socket } from 'node:net';
import tls from 'node:tls';
import { UserError } from '../errors.js';

/**
 * The proxy a request to `server` goes through, as kubectl picks it from the environment (Go's
 * `http.ProxyFromEnvironment`, golang.org/x/net `http/httpproxy` `config.useProxy`):
 * `HTTPS_PROXY` for https servers, `HTTP_PROXY` for http (upper case first, then lower case), a
 * proxy URL without a scheme taken as http://; never for localhost or a loopback address; not
 * for hosts matched by `NO_PROXY` (`*`, an IP, a CIDR, a domain and its subdomains, optionally
 * with a port). Undefined: connect directly.
 */
export function proxyFor(server: URL, env: Readonly<Record<string, string | undefined>>): URL | undefined {
  const secure = server.protocol === 'https:';
  const raw = secure ? (env.HTTPS_PROXY ?? env.https_proxy) : (env.HTTP_PROXY ?? env.http_proxy);
  if (raw === undefined || raw === '') return undefined;
  const host = server.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || isLoopback(host)) return undefined;
  const port = server.port || (secure ? '443' : '80');
  if (noProxyMatches(host, port, env.NO_PROXY ?? env.no_proxy ?? '')) return undefined;
  let proxy: URL;
  try {
    proxy = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    throw new UserError(
      'E_USAGE',
      `invalid proxy address ${JSON.stringify(raw)} in ${secure ? 'HTTPS_PROXY' : 'HTTP_PROXY'}`,
      'set it to http://HOST:PORT, or unset it',
    );
  }
  if (proxy.protocol !== 'http:' && proxy.protocol !== 'https:') {
    throw new UserError(
      'E_USAGE',
      `proxy scheme ${proxy.protocol.replace(/:$/, '')} in ${secure ? 'HTTPS_PROXY' : 'HTTP_PROXY'} is not supported`,
      'use an http:// or https:// proxy',
    );
  }
  return proxy;
}

function isLoopback(host: string): boolean {
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}

function noProxyMatches(host: string, port: string, noProxy: string): boolean {
  for (let entry of noProxy.split(',').map((e) => e.trim().toLowerCase())) {
    if (entry === '') continue;
    if (entry === '*') return true;
    if (entry.includes('/')) {
      if (inCidr(host, entry)) return true;
      continue;
    }
    let entryPort: string | undefined;
    const m = /^(.*?):(\d+)$/.exec(entry);
    if (m && isIP(entry) !== 6) {
      entry = m[1] as string;
      entryPort = m[2];
    }
    if (entryPort !== undefined && entryPort !== port) continue;
    entry = entry.replace(/^\[|\]$/g, '');
    if (isIP(entry)) {
      if (entry === host) return true;
      continue;
    }
    const domain = entry.replace(/^\*?\./, '');
    if (host === domain || host.endsWith(`.${domain}`)) return true;
  }
  return false;
}

function inCidr(host: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  if (isIP(host) !== 4 || isIP(base ?? '') !== 4 || !Number.isInteger(bits) || bits < 0 || bits > 32)
    return false;
  const toInt = (ip: string) => ip.split('.').reduce((n, p) => (n << 8) + Number(p), 0) >>> 0;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (toInt(host) & mask) >>> 0 === (toInt(base as string) & mask) >>> 0;
}

/**
 * An agent that reaches the API server through an HTTP CONNECT tunnel (what Go's transport does
 * for an https server behind a proxy), then speaks TLS to the API server inside it.
 */
export function tunnelAgent(proxy: URL, secure: boolean, tlsOptions: https.AgentOptions): http.Agent {
  const connectThroughProxy = (
    options: { host?: string | null; port?: number | string | null; servername?: string },
    done: (error: Error | null, socket?: Socket) => void,
  ) => {
    const target = `${options.host}:${options.port}`;
    const auth = proxy.username
      ? {
          'Proxy-Authorization': `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}`,
        }
      : {};
    const request = (proxy.protocol === 'https:' ? https : http).request({
      host: proxy.hostname,
      port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80),
      method: 'CONNECT',
      path: target,
      headers: { Host: target, ...auth },
    });
    request.once('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        done(
          Object.assign(
            new Error(
              `proxy ${proxy.host} answered ${res.statusCode} ${res.statusMessage ?? ''} to CONNECT ${target}`,
            ),
            {
              code: 'EPROXY',
            },
          ),
        );
        return;
      }
      if (!secure) {
        done(null, socket);
        return;
      }
      const tlsSocket = tls.connect({
        ...tlsOptions,
        socket,
        servername:
          (tlsOptions.servername as string | undefined) ?? options.servername ?? String(options.host),
      } as tls.ConnectionOptions);
      done(null, tlsSocket);
    });
    request.once('error', (error) => done(error));
    request.end();
  };
  const Base = secure ? https.Agent : http.Agent;
  const agent = new Base({ keepAlive: true, ...(secure ? tlsOptions : {}) });
  (agent as unknown as { createConnection: typeof connectThroughProxy }).createConnection =
    connectThroughProxy;
  return agent;
}
