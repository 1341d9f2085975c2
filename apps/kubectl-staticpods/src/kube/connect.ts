import { UserError } from '../errors.js';
import { io } from '../io.js';
import { type ConnectionFlags, loadKubeTarget } from './kubeconfig.js';
import { openTransport, type Transport } from './transport.js';

export interface ConnectFlags extends ConnectionFlags {
  readonly 'request-timeout'?: string | undefined;
}

/** Resolves the kubeconfig like kubectl and opens a transport to the selected API server. */
export async function connect(flags: ConnectFlags): Promise<Transport> {
  const target = loadKubeTarget(flags, io().env);
  const given = flags['request-timeout'];
  return openTransport(target, {
    timeoutMs: given === undefined || given === '' ? undefined : parseRequestTimeout(given),
    env: io().env,
    stderr: io().stderr,
  });
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
