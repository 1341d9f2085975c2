/**
 * The API server's egress proxy towards hollow kubelets: an HTTP CONNECT proxy on a unix socket
 * that kube-apiserver uses for its `cluster` egress (`--egress-selector-config-file`, proxy
 * protocol HTTPConnect over UDS, as konnectivity's HTTP-CONNECT mode), and that connects every
 * tunnel to 127.0.0.1.
 *
 * Why it exists: kube-apiserver refuses to proxy to a node whose address is not a global unicast
 * address (kubernetes/kubernetes v1.37.2 pkg/registry/core/node/strategy.go
 * isProxyableHostname: "address not allowed" for 127.0.0.1), so `nodes/proxy` cannot reach a
 * kubelet that reports a loopback address. Hollow nodes therefore report
 * {@link NODE_ADDRESS} (in TEST-NET-1, RFC 5737: reserved for documentation, never routed), and
 * the API server's connections to it arrive here and go to `127.0.0.1:<same port>`. Nothing is
 * ever dialled at that address; any other destination is refused.
 */

import { rmSync } from 'node:fs';
import { createServer, connect as netConnect, type Socket } from 'node:net';

/** The address hollow nodes report as their InternalIP; tunnels to it end on 127.0.0.1. */
export const NODE_ADDRESS = '192.0.2.1';

/** Parses `CONNECT host:port HTTP/1.1`; undefined unless the host is {@link NODE_ADDRESS}. */
export function tunnelPort(requestLine: string): number | undefined {
  const m = /^CONNECT ([^\s:]+|\[[^\]]+\]):(\d{1,5}) HTTP\/1\.[01]$/.exec(requestLine);
  if (!m || m[1] !== NODE_ADDRESS) return undefined;
  const port = Number(m[2]);
  return port > 0 && port < 65536 ? port : undefined;
}

function handle(client: Socket): void {
  let head = '';
  const onData = (chunk: Buffer) => {
    head += chunk.toString('latin1');
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) {
      if (head.length > 8192) client.destroy();
      return;
    }
    client.off('data', onData);
    const rest = Buffer.from(head.slice(end + 4), 'latin1');
    const port = tunnelPort(head.slice(0, head.indexOf('\r\n')));
    if (port === undefined) {
      client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = netConnect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection established\r\n\r\n');
      if (rest.length > 0) upstream.write(rest);
      client.pipe(upstream).pipe(client);
    });
    upstream.on('error', () => {
      if (!client.destroyed) client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
    });
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  };
  client.on('data', onData);
  client.on('error', () => client.destroy());
}

/** Serves the proxy on `socketPath` until the process ends. */
export function serveEgressProxy(socketPath: string): Promise<void> {
  rmSync(socketPath, { force: true });
  const server = createServer(handle);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
}
