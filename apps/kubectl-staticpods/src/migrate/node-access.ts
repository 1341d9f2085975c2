import { spawn } from 'node:child_process';
import { posix } from 'node:path';
import { type CutoverPlan, type NodeAction, nodeScript, SCRIPT_REFUSED } from '@staticpods/converter';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { UserError } from '../errors.js';
import { io } from '../io.js';
import { apiError, isStatus, PODS, resourcePath } from '../kube/api.js';
import type { Transport } from '../kube/transport.js';
import { FIELD_MANAGER, getPod } from './cluster.js';
import type { MigrateEvent } from './events.js';
import { shellWord } from './shell-word.js';
import { Interrupted, POLL_MS, sleep } from './waits.js';

export interface AccessContext {
  readonly signal: AbortSignal;
  readonly timeoutSeconds: number;
  readonly emit: (e: Omit<MigrateEvent, 'time' | 'daemonSet'>) => void;
}

/** How `migrate` reaches a node's staticPodPath: chosen explicitly, one of three. */
export interface NodeAccess {
  readonly kind: 'exec' | 'pod' | 'manual';
  /** The flags that select it, for the resume and rollback commands. */
  readonly flags: readonly string[];
  /** Whether a person carries out the action (the waits after it then allow more time). */
  readonly manual: boolean;
  /** What it would run for the action, exactly (for --dry-run). */
  describe(action: NodeAction): string[];
  /** Carries out the action; returns what the node said. Throws {@link NodeAccessError} or {@link Interrupted}. */
  run(action: NodeAction, ctx: AccessContext): Promise<string>;
}

/** The action did not run, or failed, or it is not known whether it ran. */
export class NodeAccessError extends Error {
  override readonly name = 'NodeAccessError';
  constructor(
    message: string,
    /** True when the node may have been changed (a timeout with the command or Pod still running). */
    readonly uncertain = false,
  ) {
    super(message);
  }
}

const PLACEHOLDERS = ['node', 'path', 'backup', 'action', 'script'] as const;

/**
 * `--node-exec TEMPLATE`: the template is run with `/bin/sh -c` on this machine, once per node action,
 * with `{node}`, `{path}` (the manifest), `{backup}`, `{action}` (`move` or `restore`) and `{script}`
 * replaced by shell-quoted values. Without `{script}` the script arrives on stdin, which suits
 * `ssh {node} sudo sh -s` (ssh re-parses its arguments on the other side, so a quoted script would
 * be split there).
 */
export function execAccess(template: string): NodeAccess {
  const unknown = [...template.matchAll(/\{([a-z-]+)\}/g)]
    .map((m) => m[1] ?? '')
    .filter((p) => !(PLACEHOLDERS as readonly string[]).includes(p));
  if (unknown.length > 0) {
    throw new UserError(
      'E_USAGE',
      `--node-exec: unknown placeholder {${unknown[0]}}`,
      `use ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`,
    );
  }
  const viaStdin = !template.includes('{script}');
  const expand = (action: NodeAction) => {
    const script = nodeScript(action);
    const values: Record<(typeof PLACEHOLDERS)[number], string> = {
      node: action.node,
      path: action.manifestPath,
      backup: action.backupPath,
      action: action.kind === 'move-manifest' ? 'move' : 'restore',
      script,
    };
    const line = template.replace(/\{(node|path|backup|action|script)\}/g, (_, k: keyof typeof values) =>
      shellWord(values[k]),
    );
    return { line, script };
  };
  return {
    kind: 'exec',
    flags: ['--node-exec', template],
    manual: false,
    describe(action) {
      const { line, script } = expand(action);
      return viaStdin ? [`${line} <<'EOF'`, ...script.trimEnd().split('\n'), 'EOF'] : [line];
    },
    async run(action, ctx) {
      const { line, script } = expand(action);
      return runLocal(line, viaStdin ? script : '', ctx);
    },
  };
}

function runLocal(line: string, stdin: string, ctx: AccessContext): Promise<string> {
  return new Promise((resolve, reject) => {
    if (ctx.signal.aborted) return reject(new Interrupted());
    // Its own process group, so that a timeout or Ctrl-C stops ssh and whatever it started.
    const child = spawn('/bin/sh', ['-c', line], {
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: io().env as NodeJS.ProcessEnv,
      cwd: io().cwd,
    });
    let stdout = '';
    let stderr = '';
    let why: 'timeout' | 'interrupted' | undefined;
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdin.on('error', () => {}); // a command that does not read stdin closes it early
    child.stdin.end(stdin);
    const kill = (reason: 'timeout' | 'interrupted') => {
      why = reason;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      setTimeout(() => {
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 2000).unref();
    };
    const timer = setTimeout(() => kill('timeout'), ctx.timeoutSeconds * 1000);
    const onAbort = () => kill('interrupted');
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new NodeAccessError(`--node-exec could not start /bin/sh: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      ctx.signal.removeEventListener('abort', onAbort);
      const said = lastLine(stderr) || lastLine(stdout);
      if (why === 'interrupted') return reject(new Interrupted());
      if (why === 'timeout') {
        return reject(
          new NodeAccessError(
            `--node-exec did not finish within ${ctx.timeoutSeconds}s and was stopped${said ? ` (last said: ${said})` : ''}`,
            true,
          ),
        );
      }
      if (code === 0) return resolve(lastLine(stdout));
      if (code === SCRIPT_REFUSED) return reject(new NodeAccessError(lastLine(stderr) || 'refused'));
      // ssh exits 255 when it cannot connect: nothing ran.
      reject(
        new NodeAccessError(
          `--node-exec failed (exit status ${code})${said ? `: ${said}` : ''}`,
          code !== 255,
        ),
      );
    });
  });
}

function lastLine(text: string): string {
  return (
    text
      .trim()
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .pop() ?? ''
  );
}

/** The directory to mount: the deepest one holding both the manifest's and the backup's directory. */
export function commonDirectory(a: string, b: string): string {
  const pa = posix.dirname(a).split('/');
  const pb = posix.dirname(b).split('/');
  const out: string[] = [];
  for (let i = 0; i < Math.min(pa.length, pb.length) && pa[i] === pb[i]; i++) out.push(pa[i] as string);
  return out.join('/') || '/';
}

export const DEFAULT_NODE_POD_IMAGE = 'busybox:1.37';

/**
 * `--node-pod`: a short-lived privileged Pod bound to the node (`spec.nodeName`, so no scheduler and
 * no taint stops it; it tolerates every taint for the kubelet's admission), with the directory that
 * holds staticPodPath and the backup mounted from the host, like `kubectl debug node/…` mounts `/`
 * (staging/src/k8s.io/kubectl/pkg/cmd/debug/profiles.go). It runs the node script and is deleted
 * afterwards, whatever happened.
 */
export function podAccess(t: Transport, namespace: string, image: string): NodeAccess {
  const manifestFor = (action: NodeAction): Pod => {
    const mount = commonDirectory(action.manifestPath, action.backupPath);
    const verb = action.kind === 'move-manifest' ? 'move' : 'restore';
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: `staticpods-${verb}-${action.node}-`.slice(0, 200),
        namespace,
        labels: { 'app.kubernetes.io/managed-by': 'kubectl-staticpods', 'staticpods.io/node-access': verb },
      },
      spec: {
        nodeName: action.node,
        restartPolicy: 'Never',
        tolerations: [{ operator: 'Exists' }],
        terminationGracePeriodSeconds: 0,
        automountServiceAccountToken: false,
        containers: [
          {
            name: 'node-access',
            image,
            command: ['sh', '-c', nodeScript(action, { root: '/host' })],
            securityContext: { privileged: true, runAsUser: 0 },
            volumeMounts: [{ name: 'host', mountPath: posix.join('/host', mount) }],
          },
        ],
        volumes: [{ name: 'host', hostPath: { path: mount, type: 'Directory' } }],
      },
    };
  };
  return {
    kind: 'pod',
    flags: ['--node-pod', '--node-pod-namespace', namespace, '--node-pod-image', image],
    manual: false,
    describe(action) {
      const pod = manifestFor(action);
      return [
        `create pod ${namespace}/${pod.metadata?.generateName}… on node ${action.node} (image ${image}, privileged, hostPath ${pod.spec?.volumes?.[0]?.hostPath?.path}), wait for it to finish, delete it; it runs:`,
        ...(pod.spec?.containers[0]?.command?.[2] ?? '').trimEnd().split('\n'),
      ];
    },
    async run(action, ctx) {
      const res = await t.request({
        method: 'POST',
        path: resourcePath(PODS, namespace),
        query: { fieldManager: FIELD_MANAGER },
        body: manifestFor(action),
      });
      if (res.status !== 201) {
        // Pod Security admission answers 403 too: its message says which policy refused the Pod.
        const why =
          isStatus(res.body) && res.body.message
            ? res.body.message
            : apiError(res, t, 'create', PODS, namespace).message;
        throw new NodeAccessError(`the node-access Pod was not created in namespace ${namespace}: ${why}`);
      }
      const name = (res.body as Pod).metadata?.name ?? '';
      const ref = `Pod ${namespace}/${name}`;
      try {
        const deadline = Date.now() + ctx.timeoutSeconds * 1000;
        for (;;) {
          const pod = await getPod(t, namespace, name);
          const phase = pod?.status?.phase ?? 'Pending';
          if (phase === 'Succeeded') return (await podLog(t, namespace, name)) || `${ref} succeeded`;
          if (phase === 'Failed') {
            const exit = pod?.status?.containerStatuses?.[0]?.state?.terminated?.exitCode;
            const log = await podLog(t, namespace, name);
            throw new NodeAccessError(
              exit === SCRIPT_REFUSED
                ? log || 'refused'
                : `${ref} failed (exit status ${exit ?? '?'})${log ? `: ${log}` : ''}`,
            );
          }
          if (Date.now() >= deadline) {
            const started = pod?.status?.containerStatuses?.[0]?.state?.running !== undefined;
            throw new NodeAccessError(
              `${ref} was still ${phase} after ${ctx.timeoutSeconds}s; ${started ? 'its container had started, so whether the script ran is not known' : 'its container never started, so the script did not run'}`,
              started,
            );
          }
          await sleep(POLL_MS, ctx.signal);
        }
      } finally {
        await t
          .request({
            method: 'DELETE',
            path: resourcePath(PODS, namespace, name),
            body: { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0 },
          })
          .catch(() => undefined);
      }
    },
  };
}

async function podLog(t: Transport, namespace: string, name: string): Promise<string> {
  const res = await t
    .request({ method: 'GET', path: `${resourcePath(PODS, namespace, name)}/log`, accept: 'text/plain' })
    .catch(() => undefined);
  return res?.status === 200 && typeof res.body === 'string' ? lastLine(res.body) : '';
}

/**
 * `--manual`: prints the exact commands of the plan for the node and leaves it to a person; the
 * wait that follows (the mirror Pod gone, or back) tells when it is done.
 */
export function manualAccess(plan: CutoverPlan): NodeAccess {
  const commands = (action: NodeAction) =>
    plan.steps.find((s) => s.action?.kind === action.kind && s.node === action.node)?.commands ?? [];
  return {
    kind: 'manual',
    flags: ['--manual'],
    manual: true,
    describe: (action) => [...commands(action)],
    async run(action, ctx) {
      ctx.emit({
        event: 'manual-action',
        node: action.node,
        message: `run on node ${action.node} as root`,
        commands: commands(action),
      });
      return 'left to you';
    },
  };
}
