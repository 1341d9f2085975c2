import { freeLoopbackPorts } from './ports.js';

// Why chosen ports and not port 0: kube-apiserver refuses `--secure-port=0` ("It cannot be
// turned off with 0", k8s.io/apiserver pkg/server/options/serving.go Validate), for
// kube-controller-manager and kube-scheduler 0 means "don't serve HTTPS at all" (same file), and
// a kubelet reports its configured port in its Node (pkg/kubelet/kubelet.go, KubeletEndpoint).

/**
 * How Go's net package reports a listener whose port another socket holds (an `*net.OpError`
 * around `syscall.EADDRINUSE`), as etcd, kube-apiserver, kube-controller-manager, kube-scheduler
 * (apiserver `pkg/server/options/serving.go` `CreateListener`: "failed to listen on …") and the
 * kubelet (`pkg/kubelet/server/server.go` `ListenAndServeKubeletServer`: "Failed to listen and
 * serve") log it before they exit.
 */
const PORT_TAKEN = /listen tcp 127\.0\.0\.1:(\d+): bind: address already in use/g;

/** The ports among `ports` that a process's output says it could not bind because they were taken. */
export function takenPorts(output: string, ports: readonly number[]): number[] {
  const named = new Set([...output.matchAll(PORT_TAKEN)].map((m) => Number(m[1])));
  return ports.filter((p) => named.has(p));
}

/**
 * The error of a start that failed with `message`: a {@link PortTakenError} when the output of
 * its processes says one of the `ports` chosen for them was taken, else a plain Error.
 */
export function startError(message: string, output: string, ports: readonly number[], cause: unknown): Error {
  const taken = takenPorts(output, ports);
  return taken.length > 0 ? new PortTakenError(message, taken, { cause }) : new Error(message, { cause });
}

/**
 * A start that failed because a process could not bind a port chosen for it: the port was free
 * when chosen, and another process took it before ours bound it.
 */
export class PortTakenError extends Error {
  constructor(
    message: string,
    readonly ports: readonly number[],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'PortTakenError';
  }
}

/** How many times {@link startOnFreePorts} chooses ports before it gives up. */
export const PORT_ATTEMPTS = 5;

/**
 * Runs `start` with `n` free loopback ports, and when it fails with a {@link PortTakenError}
 * (a port was taken between choosing and binding it) chooses new ports and runs it again, up to
 * {@link PORT_ATTEMPTS} times in all; any other failure, or the last one, is thrown as it is.
 * `start` must have stopped what it started before it throws.
 */
export async function startOnFreePorts<T>(n: number, start: (ports: number[]) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const ports = await freeLoopbackPorts(n);
    try {
      return await start(ports);
    } catch (err) {
      if (!(err instanceof PortTakenError) || attempt >= PORT_ATTEMPTS) throw err;
    }
  }
}
