import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { renderTable } from '../../src/printers/table.js';

export const APP = fileURLToPath(new URL('../../', import.meta.url));

/**
 * oclif imports the commands from dist/ with Node's own loader; vitest.config.ts externalizes
 * dist/ so that this runner is the same module instance (one current I/O, one UserError).
 */
function loadCli(): Promise<typeof import('../../dist/cli.js')> {
  return import('../../dist/cli.js');
}
export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
export const EXAMPLES = `${REPO}examples/manifests`;

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly env?: Record<string, string | undefined>;
  readonly cwd?: string;
  readonly stdin?: string;
  /** Pretend stdout is a terminal (colours). */
  readonly tty?: boolean;
  /** Make every write to the command's stdout throw this (an internal error, for the exit-code tests). */
  readonly stdoutThrows?: Error;
  /** Close the reading end of stdout before the command writes (a reader like `head` that stopped). */
  readonly closeStdout?: boolean;
  /** Where the in-cluster config finds the service account (instead of /var/run/secrets/…). */
  readonly serviceAccountDir?: string;
}

/** A clean environment: no KUBECONFIG, no colours, a HOME without ~/.kube. */
export function baseEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return { PATH: process.env.PATH, HOME: '/nonexistent-home', NO_COLOR: '1', ...extra };
}

/**
 * Runs the CLI in this process (the oclif commands from src, through `runCli`) and captures
 * what it writes, oclif's own help output included.
 */
export async function runInProcess(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  // Against the single-file executable, every test runs it as a process (only what a process
  // cannot simulate, a terminal, a failing stdout and a service account directory other than
  // /var/run/secrets, stays in-process).
  if (CLI_BINARY && !options.tty && !options.stdoutThrows && options.serviceAccountDir === undefined) {
    return runProcess(argv, { ...options, env: options.env ?? baseEnv(), cwd: options.cwd ?? process.cwd() });
  }
  let stdout = '';
  let stderr = '';
  const out = {
    write: (s: string) => {
      if (options.stdoutThrows) throw options.stdoutThrows;
      stdout += s;
    },
    isTTY: options.tty ?? false,
  };
  const err = {
    write: (s: string) => {
      stderr += s;
    },
    isTTY: false,
  };
  const originalOut = process.stdout.write;
  const originalErr = process.stderr.write;
  const originalCwd = process.cwd();
  // oclif prints help with console.log.
  const originalLog = console.log;
  const originalError = console.error;
  console.log = (...args: unknown[]) => {
    stdout += `${format(...args)}\n`;
  };
  console.error = (...args: unknown[]) => {
    stderr += `${format(...args)}\n`;
  };
  process.stdout.write = ((s: string | Uint8Array) => {
    stdout += String(s);
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array) => {
    stderr += String(s);
    return true;
  }) as typeof process.stderr.write;
  if (options.cwd) process.chdir(options.cwd);
  try {
    const { runCli } = await loadCli();
    const code = await runCli(argv, {
      stdout: out,
      stderr: err,
      stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
      env: options.env ?? baseEnv(),
      cwd: options.cwd ?? process.cwd(),
      ...(options.serviceAccountDir !== undefined && { serviceAccountDir: options.serviceAccountDir }),
    });
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = originalOut;
    process.stderr.write = originalErr;
    console.log = originalLog;
    console.error = originalError;
    if (options.cwd) process.chdir(originalCwd);
  }
}

/**
 * The single-file executable under test (`KSP_CLI_BINARY`, set by `npm run test:sea`): it then
 * stands in for the installed bin in every test, in-process runs included.
 */
export const CLI_BINARY = process.env.KSP_CLI_BINARY || undefined;

/** Which executable to run: the installed bin (bundle + fast path), the tsc output, or the bundle through oclif. */
export type Entry = 'bin' | 'dist' | 'bundle-oclif';

/** The executables kubectl finds on PATH: the plugin and its completion helper (one binary under two names for the single-file executable). */
function pluginExecutables(): { plugin: string; complete: string } {
  if (CLI_BINARY) return { plugin: CLI_BINARY, complete: CLI_BINARY };
  return { plugin: `${APP}bin/run.js`, complete: `${APP}bin/complete.js` };
}

/**
 * A new directory in which kubectl finds the plugin on PATH: `kubectl-staticpods` and its completion
 * helper `kubectl_complete-staticpods`, links to {@link pluginExecutables}. With `standalone`, the
 * single-file executable is copied in instead, the completion name linked to the copy, so the
 * directory holds nothing else (it fails when no single-file executable is under test).
 */
export function pluginOnPath(options: { readonly standalone?: boolean } = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ksp-plugin-path-'));
  const plugin = path.join(dir, 'kubectl-staticpods');
  const complete = path.join(dir, 'kubectl_complete-staticpods');
  if (options.standalone) {
    if (!CLI_BINARY) throw new Error('pluginOnPath({ standalone: true }) needs the single-file executable');
    copyFileSync(CLI_BINARY, plugin);
    chmodSync(plugin, 0o755);
    symlinkSync(plugin, complete);
  } else {
    const executables = pluginExecutables();
    symlinkSync(executables.plugin, plugin);
    symlinkSync(executables.complete, complete);
  }
  return dir;
}

/**
 * The check every way of installing the plugin gets: the real kubectl runs
 * `kubectl staticpods list --manifests examples/manifests --node cp-1 -o name` (no cluster needed,
 * run from the repository root), and it must print the four mirror Pod names and nothing else.
 */
export const INSTALLED_PLUGIN_CHECK = {
  argv: ['staticpods', 'list', '--manifests', 'examples/manifests', '--node', 'cp-1', '-o', 'name'],
  result: {
    code: 0,
    stderr: '',
    stdout:
      'pod/etcd-cp-1\npod/kube-apiserver-cp-1\npod/kube-controller-manager-cp-1\npod/kube-scheduler-cp-1\n',
  },
} as const;

const ENTRIES: Record<Entry, string> = {
  bin: `${APP}bin/run.js`,
  dist: `${APP}dist/run.js`,
  'bundle-oclif': `${APP}bundle/oclif.js`,
};

/** Runs the CLI as a real process. */
export function runProcess(
  argv: readonly string[],
  options: RunOptions & { entry?: Entry; command?: string } = {},
): Promise<RunResult> {
  const entry = options.entry ?? 'bin';
  const binary = !options.command && entry === 'bin' ? CLI_BINARY : undefined;
  const command = options.command ?? binary ?? process.execPath;
  const args = options.command || binary ? [...argv] : [ENTRIES[entry], ...argv];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? APP,
      env: Object.fromEntries(
        Object.entries(options.env ?? baseEnv()).filter(([, v]) => v !== undefined),
      ) as NodeJS.ProcessEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    if (options.closeStdout) child.stdout.destroy();
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    // A process that does not read its stdin (a shell that redirects it, a command that stopped
    // at its bound) may close it before we end it: EPIPE then, and its output is still the result.
    child.stdin.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') reject(err);
    });
    child.stdin.end(options.stdin ?? '');
  });
}

/** Replaces what changes from run to run in kubectl-style tables: AGE, IPs, hashes, random suffixes, paths. */
export function normalizeTable(text: string, replacements: Record<string, string> = {}): string {
  let out = text;
  for (const [from, to] of Object.entries(replacements)) out = out.split(from).join(to);
  return out
    .replace(/\b[0-9a-f]{32}\b/g, '<hash>')
    .replace(/(?<=\s)(\d+(?:s|m\d*s?|h\d*m?|d\d*h?|y\d*d?))(?=\s|$)/g, '<age>')
    .replace(/\b\d{1,3}(?:\.\d{1,3}){3}\b/g, '<ip>');
}

/**
 * Re-renders a kubectl-style table with the named columns' cells replaced (AGE, IP, …), so
 * golden files do not depend on time or addresses. Cells are separated by two or more spaces.
 */
export function normalizeColumns(
  text: string,
  columns: Record<string, string | ((cell: string) => string)>,
): string {
  const lines = text.split('\n').filter((l) => l !== '');
  if (lines.length === 0) return text;
  const rows = lines.map((l) => l.split(/ {2,}/));
  const header = rows[0] ?? [];
  const fixed = rows.map((row, r) =>
    r === 0
      ? row
      : row.map((cell, c) => {
          const rule = columns[header[c] ?? ''];
          if (rule === undefined) return cell;
          return typeof rule === 'string' ? rule : rule(cell);
        }),
  );
  return renderTable(fixed);
}

/** A CLI process still running: its output so far, and a way to wait for what it prints. */
export interface RunningCli {
  stdout(): string;
  stderr(): string;
  /** Resolves once `test` holds for stdout (or stderr with `on: 'stderr'`); rejects after `timeoutMs`. */
  waitFor(
    what: string,
    test: (text: string) => boolean,
    options?: { on?: 'stderr'; timeoutMs?: number },
  ): Promise<void>;
  kill(signal: NodeJS.Signals): void;
  readonly done: Promise<RunResult>;
}

/** Starts the CLI (the single-file executable when KSP_CLI_BINARY is set) and lets the test act while it runs. */
export function startCli(argv: readonly string[], env: Record<string, string | undefined>): RunningCli {
  const command = CLI_BINARY ?? process.execPath;
  const child = spawn(command, CLI_BINARY ? [...argv] : [ENTRIES.bin, ...argv], {
    cwd: APP,
    env: Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  const changed = () => {
    for (const w of [...waiters]) w();
  };
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString();
    changed();
  });
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
    changed();
  });
  const done = new Promise<RunResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr });
      changed();
    });
  });
  let exited = false;
  void done.then(() => (exited = true));
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    waitFor: (what, test, options = {}) =>
      new Promise<void>((resolve, reject) => {
        const text = () => (options.on === 'stderr' ? stderr : stdout);
        const check = () => {
          if (test(text())) {
            finish();
            resolve();
          } else if (exited) {
            finish();
            reject(new Error(`the CLI ended before ${what}:\n${stdout}\n${stderr}`));
          }
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`timed out waiting for ${what}:\n${stdout}\n${stderr}`));
        }, options.timeoutMs ?? 90_000);
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    kill: (signal) => child.kill(signal),
    done,
  };
}
