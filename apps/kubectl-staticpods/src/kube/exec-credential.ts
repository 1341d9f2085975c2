import { spawn } from 'node:child_process';
import { UserError } from '../errors.js';
import type { KubeTarget } from './kubeconfig.js';

/** The credential an exec plugin prints (`client.authentication.k8s.io` `ExecCredential.status`). */
export interface ExecCredentialStatus {
  readonly token?: string;
  readonly clientCertificateData?: string;
  readonly clientKeyData?: string;
}

/**
 * A plugin's standard output is read up to this size. client-go reads it without a limit; a
 * credential is a token or a certificate and key, a few KiB.
 */
export const MAX_EXEC_OUTPUT_BYTES = 4 * 1024 * 1024;

/** How much of the plugin's standard error is kept for the message. */
const MAX_STDERR_CHARS = 4096;

/** What the plugin may take when `--request-timeout` is not given (client-go waits forever). */
export const DEFAULT_EXEC_DEADLINE_MS = 120_000;

interface ExecConfig {
  readonly command?: unknown;
  readonly args?: unknown;
  readonly env?: unknown;
  readonly apiVersion?: unknown;
}

/**
 * Runs the `exec` credential plugin of a kubeconfig user the way client-go does
 * (`k8s.io/client-go/plugin/pkg/client/auth/exec/exec.go` `refreshCredsLocked`): the command with
 * its args, the environment plus the entry's `env` and `KUBERNETES_EXEC_INFO`; it must exit 0 and print an `ExecCredential` of the configured
 * apiVersion. The last line of its standard error says why it failed (client-node's behaviour;
 * client-go passes it through). Unlike client-go, the run is bounded: it is killed after `deadlineMs`
 * (`--request-timeout`, else {@link DEFAULT_EXEC_DEADLINE_MS}) and its output is capped.
 * @throws UserError E_KUBECONFIG for every way the plugin fails, naming the plugin and the user.
 */
export function runExecPlugin(
  target: KubeTarget,
  env: Readonly<Record<string, string | undefined>>,
  deadlineMs: number,
): Promise<ExecCredentialStatus> {
  const exec = target.user.exec as ExecConfig;
  const command = typeof exec.command === 'string' ? exec.command : '';
  const fail = (why: string, hint: string, cause?: unknown) =>
    new UserError(
      'E_KUBECONFIG',
      `cannot get credentials for user "${target.userName}" (exec plugin ${JSON.stringify(command)}): ${why}`,
      hint,
      cause === undefined ? {} : { cause },
    );
  if (command === '') {
    return Promise.reject(fail('no command is set', 'set users[].user.exec.command in the kubeconfig'));
  }
  const apiVersion =
    typeof exec.apiVersion === 'string' ? exec.apiVersion : 'client.authentication.k8s.io/v1';
  const childEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) childEnv[k] = v;
  if (Array.isArray(exec.env)) {
    for (const e of exec.env as { name?: unknown; value?: unknown }[]) {
      if (typeof e?.name === 'string') childEnv[e.name] = typeof e.value === 'string' ? e.value : '';
    }
  }
  childEnv.KUBERNETES_EXEC_INFO = JSON.stringify({
    apiVersion,
    kind: 'ExecCredential',
    spec: { interactive: false },
  });
  const args = Array.isArray(exec.args) ? exec.args.map(String) : [];

  return new Promise((resolve, reject) => {
    // Its own process group, so that a plugin that hangs is killed with everything it started.
    const child = spawn(command, args, { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const out: Buffer[] = [];
    let outBytes = 0;
    let settled = false;
    const finish = (error: UserError | undefined, value?: ExecCredentialStatus) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
        child.stdout.destroy();
        child.stderr.destroy();
        child.unref();
        reject(error);
      } else resolve(value as ExecCredentialStatus);
    };
    const timer = setTimeout(
      () =>
        finish(
          fail(
            `it did not finish within ${deadlineMs / 1000}s`,
            'raise --request-timeout, or run the credential plugin by hand to see why it hangs',
          ),
        ),
      deadlineMs,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > MAX_EXEC_OUTPUT_BYTES) {
        finish(
          fail(
            `it printed more than ${MAX_EXEC_OUTPUT_BYTES / (1024 * 1024)} MiB`,
            'run the credential plugin by hand to see what it prints',
          ),
        );
        return;
      }
      out.push(chunk);
    });
    // What the plugin says on standard error is why it failed; only its end is kept.
    let errText = '';
    child.stderr.on('data', (chunk: Buffer) => {
      errText = (errText + chunk.toString('utf8')).slice(-MAX_STDERR_CHARS);
    });
    child.on('error', (error) =>
      finish(
        fail(
          `it could not be started: ${(error as NodeJS.ErrnoException).code ?? error.message}`,
          'install the plugin, or fix users[].user.exec.command in the kubeconfig',
          error,
        ),
      ),
    );
    child.on('close', (code, signal) => {
      if (settled) return;
      if (code !== 0) {
        const said = errText.trim().split('\n').pop()?.trim();
        finish(
          fail(
            said || (signal ? `it was killed by ${signal}` : `it exited with code ${code}`),
            'run the credential plugin by hand to see why it fails, or log in again',
          ),
        );
        return;
      }
      let status: ExecCredentialStatus;
      try {
        status = parseCredential(Buffer.concat(out).toString('utf8'), apiVersion);
      } catch (error) {
        finish(
          fail(
            `it ${(error as Error).message}`,
            'run the credential plugin by hand to see what it prints',
            error,
          ),
        );
        return;
      }
      finish(undefined, status);
    });
  });
}

/** The `status` of the plugin's `ExecCredential`, checked as client-go checks it. */
function parseCredential(text: string, apiVersion: string): ExecCredentialStatus {
  let cred: unknown;
  try {
    cred = JSON.parse(text);
  } catch {
    throw new Error('printed something that is not an ExecCredential in JSON');
  }
  const obj = (typeof cred === 'object' && cred !== null ? cred : {}) as {
    apiVersion?: unknown;
    status?: unknown;
  };
  if (obj.apiVersion !== apiVersion) {
    throw new Error(
      `returned apiVersion ${JSON.stringify(obj.apiVersion ?? '')}, but the kubeconfig asks for ${apiVersion}`,
    );
  }
  const status = (typeof obj.status === 'object' && obj.status !== null ? obj.status : {}) as Record<
    string,
    unknown
  >;
  const str = (k: string) =>
    typeof status[k] === 'string' && status[k] !== '' ? (status[k] as string) : undefined;
  const token = str('token');
  const clientCertificateData = str('clientCertificateData');
  const clientKeyData = str('clientKeyData');
  if (!token && !(clientCertificateData && clientKeyData)) {
    throw new Error('returned neither a token nor a client certificate and key');
  }
  return {
    ...(token && { token }),
    ...(clientCertificateData && { clientCertificateData }),
    ...(clientKeyData && { clientKeyData }),
  };
}
