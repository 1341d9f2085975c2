#!/usr/bin/env node
// The egress proxy as a process (see egress-proxy.ts); the control plane spawns it detached
// next to kube-apiserver. Usage: node egress-proxy-cli.js SOCKET_PATH
import { serveEgressProxy } from './egress-proxy.js';

const socket = process.argv[2];
if (!socket) {
  process.stderr.write('usage: egress-proxy-cli SOCKET_PATH\n');
  process.exit(2);
}
serveEgressProxy(socket).then(
  () => process.stderr.write(`egress proxy listening on ${socket}\n`),
  (err: Error) => {
    process.stderr.write(`egress proxy: ${err.message}\n`);
    process.exit(1);
  },
);
