import { createServer, type Server } from 'node:net';

/**
 * Returns `n` distinct free TCP ports on 127.0.0.1, found by binding port 0 (the kernel picks
 * an unused port) — the approach of envtest's `addr.Suggest`
 * (controller-runtime `pkg/internal/testing/addr/manager.go`). All listeners stay open until
 * every port is known, so the kernel cannot hand out the same port twice. A window remains
 * between closing them and the binaries binding them, in which another process may take a port:
 * starts go through `startOnFreePorts` (port-retry.ts), which chooses again when that happens.
 */
export async function freeLoopbackPorts(n: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = createServer();
      servers.push(s);
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(0, '127.0.0.1', () => resolve());
      });
      const addr = s.address();
      if (addr === null || typeof addr === 'string') throw new Error('could not read a bound port');
      ports.push(addr.port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}
