import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import {
  type ControlPlane,
  connect,
  startControllers,
  startControlPlane,
  startNode,
  uniqueName,
} from '../src/index.js';
import { PortTakenError, startError, startOnFreePorts, takenPorts } from '../src/port-retry.js';

/**
 * The race every start on a chosen free port runs: the port is free when chosen, and another
 * process takes it before our binary binds it (under load, with many suites starting servers).
 * FAULT INJECTION: the port chooser below is the real one (`freeLoopbackPorts`), except that
 * when a test arms it, it lets another socket bind one of the ports it chose before handing them
 * out, exactly what a concurrent process does in that window. The real binary then fails to bind
 * it and logs so, and the start must choose again and succeed.
 */
const thief = vi.hoisted(() => ({
  /** Index of the port to take in the next choice, or undefined: take none. */
  armed: undefined as number | undefined,
  taken: [] as number[],
  choices: [] as number[][],
  hold: undefined as undefined | ((port: number) => Promise<void>),
}));
vi.mock('../src/ports.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/ports.js')>();
  return {
    ...real,
    freeLoopbackPorts: async (n: number) => {
      const ports = await real.freeLoopbackPorts(n);
      thief.choices.push(ports);
      const index = thief.armed;
      thief.armed = undefined;
      if (index !== undefined && thief.hold) await thief.hold(ports[index] as number);
      return ports;
    },
  };
});

const holders: Server[] = [];
// The thief accepts connections and never answers, the worst a process on a taken port can do.
const accepted: Socket[] = [];
thief.hold = async (port) => {
  const s = createServer((socket) => accepted.push(socket));
  await new Promise<void>((resolve, reject) => {
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => resolve());
  });
  holders.push(s);
  thief.taken.push(port);
};
const portOf = (url: string) => Number(new URL(url).port);

/** Arms the thief for `index`, runs `start`, and returns what it chose and took meanwhile. */
async function withPortTaken<T>(index: number, start: () => Promise<T>) {
  thief.choices = [];
  thief.taken = [];
  thief.armed = index;
  const result = await start();
  return { result, choices: thief.choices, taken: thief.taken };
}

let own: ControlPlane | undefined;
afterAll(async () => {
  await own?.stop();
  for (const socket of accepted) socket.destroy();
  await Promise.all(holders.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

describe('a port taken between choosing it and binding it', () => {
  it('startControlPlane: kube-apiserver cannot bind its port; the control plane starts on new ports', async () => {
    // Index 2 is kube-apiserver's port: etcd has started by the time it fails, and is stopped too.
    const { result, choices, taken } = await withPortTaken(2, () =>
      startControlPlane({ binaries: inject('testkube').binaries }),
    );
    own = result;
    expect(taken).toHaveLength(1);
    expect(choices).toHaveLength(2);
    expect(portOf(own.server)).not.toBe(taken[0]);
    expect(portOf(own.server)).toBe(choices[1]?.[2]);
    const ns = await own.client('admin').request('GET', '/api/v1/namespaces/kube-system');
    expect(ns.status).toBe(200);
  }, 240_000);

  it('startControlPlane: etcd cannot bind its client port; the control plane starts on new ports', async () => {
    const { result, choices, taken } = await withPortTaken(0, () =>
      startControlPlane({ binaries: inject('testkube').binaries }),
    );
    try {
      expect(choices).toHaveLength(2);
      expect(portOf(result.etcdUrl)).not.toBe(taken[0]);
      expect(portOf(result.etcdUrl)).toBe(choices[1]?.[0]);
      expect((await result.client('admin').request('GET', '/readyz')).status).toBe(200);
    } finally {
      await result.stop();
    }
  }, 240_000);

  it('startNode: the kubelet cannot bind its port; the node starts on a new one and is Ready', async () => {
    const state = inject('testkube');
    const tk = connect(state);
    const {
      result: node,
      choices,
      taken,
    } = await withPortTaken(0, () =>
      startNode({ ...tk, binaries: state.binaries }, { name: uniqueName('port-race') }),
    );
    try {
      expect(choices).toHaveLength(2);
      expect(node.port).not.toBe(taken[0]);
      expect(node.port).toBe(choices[1]?.[0]);
      // startNode returned: Ready, and its server answers through nodes/proxy on the new port.
      const healthz = await tk.client('admin').request('GET', `/api/v1/nodes/${node.name}/proxy/healthz`);
      expect(healthz.status).toBe(200);
    } finally {
      await node.stop();
      tk.close();
    }
  }, 240_000);

  it('startControllers: kube-scheduler cannot bind its port; both start on new ports', async () => {
    if (!own) throw new Error('the first test starts the control plane');
    const cp = own;
    const { result, choices, taken } = await withPortTaken(1, () => startControllers(cp));
    expect(result.reused).toBe(false);
    expect(choices).toHaveLength(2);
    expect(result.state.kubeScheduler.port).not.toBe(taken[0]);
    expect(result.state.kubeScheduler.port).toBe(choices[1]?.[1]);
  }, 240_000);
});

describe('startOnFreePorts', () => {
  it('chooses again only for a PortTakenError, and gives up after five attempts', async () => {
    let calls = 0;
    await expect(
      startOnFreePorts(1, async () => {
        calls++;
        throw new PortTakenError('taken', [1]);
      }),
    ).rejects.toThrow(PortTakenError);
    expect(calls).toBe(5);
    calls = 0;
    await expect(
      startOnFreePorts(1, async () => {
        calls++;
        throw new Error('bad flag');
      }),
    ).rejects.toThrow('bad flag');
    expect(calls).toBe(1);
  });
});

describe('takenPorts and startError', () => {
  // As etcd v3.6.16 and kube-apiserver v1.37.2 logged it in this test's first runs (Go's
  // *net.OpError around EADDRINUSE), ports aside.
  const etcd =
    '{"level":"fatal","ts":"2026-12-06T05:40:06.216939Z","caller":"etcdmain/etcd.go:183","msg":"discovery failed","error":"listen tcp 127.0.0.1:40001: bind: address already in use"}';
  const apiserver =
    'E1206 05:39:08.568035   26002 run.go:72] "command failed" err="failed to create listener: failed to listen on 127.0.0.1:40002: listen tcp 127.0.0.1:40002: bind: address already in use"';

  it('names the chosen ports a process could not bind, and no other', () => {
    expect(takenPorts(`${etcd}\n${apiserver}`, [40001, 40002, 40003])).toEqual([40001, 40002]);
    expect(takenPorts(apiserver, [40001])).toEqual([]);
    expect(takenPorts('listen tcp 127.0.0.1:40001: connect: connection refused', [40001])).toEqual([]);
  });

  it('is a PortTakenError only when a chosen port was taken', () => {
    const taken = startError('did not start', apiserver, [40002], new Error('exited'));
    expect(taken).toBeInstanceOf(PortTakenError);
    expect((taken as PortTakenError).ports).toEqual([40002]);
    expect(taken.message).toBe('did not start');
    const other = startError('did not start', 'Error: unknown flag: --bogus', [40002], undefined);
    expect(other).not.toBeInstanceOf(PortTakenError);
  });
});
