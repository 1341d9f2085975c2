import { UserError } from '../errors.js';
import { io } from '../io.js';
import { type ConnectionFlags, loadKubeTarget } from './kubeconfig.js';
import { proxyFor } from './proxy.js';
import { openTransport, serverUrl, type Transport } from './transport.js';

export interface ConnectFlags extends ConnectionFlags {
  readonly 'request-timeout'?: string | undefined;
  /** `-v`: the log level (kubectl's klog verbosity). */
  readonly v?: string | undefined;
}

/**
 * Resolves the kubeconfig like kubectl (or the in-cluster config, or `--server` alone) and opens
 * a transport to the selected API server, through `HTTPS_PROXY` unless `NO_PROXY` says otherwise.
 */
export async function connect(flags: ConnectFlags): Promise<Transport> {
  const { env, stderr, serviceAccountDir } = io();
  const verbosity = parseVerbosity(flags.v);
  const target = loadKubeTarget(flags, env, { serviceAccountDir });
  if (flags['insecure-skip-tls-verify']) {
    stderr.write(
      "warning: --insecure-skip-tls-verify: the API server's certificate is not checked; anyone on the network path can read and change this traffic, credentials included\n",
    );
  }
  // A proxy-url in the kubeconfig wins over the environment (client-go: Proxy set on the transport).
  const proxy = target.cluster['proxy-url'] === undefined ? proxyFor(serverUrl(target), env) : undefined;
  const given = flags['request-timeout'];
  return openTransport(target, {
    timeoutMs: given === undefined || given === '' ? undefined : parseRequestTimeout(given),
    env,
    stderr,
    // The flag's own warning above; the transport warns about a kubeconfig that sets it.
    insecureWarned: flags['insecure-skip-tls-verify'] === true,
    ...(proxy && { proxy }),
    ...(verbosity >= 6 && { verbosity, log: (line: string) => stderr.write(`${line}\n`) }),
  });
}

/**
 * kubectl's `-v`: a level from 0 to 10 (0 when not given).
 * @throws UserError E_USAGE for anything else.
 */
export function parseVerbosity(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  if (!/^\d+$/.test(value) || Number(value) > 10)
    throw new UserError(
      'E_USAGE',
      `invalid -v "${value}"`,
      'give a level from 0 to 10; 6 logs every API request',
    );
  return Number(value);
}

/**
 * kubectl's `--request-timeout`: `0` (no timeout), a bare number of seconds, or a Go duration
 * such as `500ms`, `5s`, `1m30s`.
 * @throws UserError E_USAGE for anything else.
 */
export function parseRequestTimeout(value: string | undefined): number {
  if (value === undefined || value === '' || value === '0') return 0;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const units: Record<string, number> = {
    ns: 1e-6,
    us: 1e-3,
    µs: 1e-3,
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
  };
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let pos = 0;
  while (pos < value.length) {
    re.lastIndex = pos;
    const m = re.exec(value);
    if (!m?.[1] || !m[2]) {
      throw new UserError(
        'E_USAGE',
        `invalid --request-timeout "${value}"`,
        'give a duration with a unit, such as 5s, 1m or 500ms (0 waits forever)',
      );
    }
    total += Number(m[1]) * (units[m[2]] ?? 0);
    pos = re.lastIndex;
  }
  return Math.max(1, Math.round(total));
}
