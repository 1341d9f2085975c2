import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** A process started by {@link startProcess}. */
export interface StartedProcess {
  name: string;
  pid: number;
  /** Absolute path of the executable, used to recognise the pid later. */
  command: string;
  logFile: string;
  /** Only for processes started by this Node process (not for ones read from a state file). */
  child?: ChildProcess;
  /** Set once the process has exited: `code 1` / `signal SIGKILL`. */
  exit?: string;
}

/** Options for {@link startProcess}. */
export interface StartOptions {
  name: string;
  command: string;
  args: readonly string[];
  /** stdout and stderr are appended here (a file, not a pipe, so output survives our exit). */
  logFile: string;
  /**
   * Start in a new session and don't keep our event loop alive, so the process outlives us
   * (`testkube up`). Otherwise it shares our process group and gets a terminal's Ctrl-C with us.
   */
  detached?: boolean;
  env?: NodeJS.ProcessEnv;
}

/** Spawns a long-running process with its output going to a log file. */
export function startProcess(o: StartOptions): StartedProcess {
  const fd = openSync(o.logFile, 'a');
  try {
    const child = spawn(o.command, o.args, {
      stdio: ['ignore', fd, fd],
      detached: o.detached ?? false,
      env: o.env ?? process.env,
    });
    if (child.pid === undefined) throw new Error(`could not start ${o.command}`);
    const p: StartedProcess = { name: o.name, pid: child.pid, command: o.command, logFile: o.logFile };
    child.on('exit', (code, signal) => {
      p.exit = signal ? `signal ${signal}` : `code ${code}`;
    });
    child.on('error', (err) => {
      p.exit = `error ${err.message}`;
    });
    if (o.detached) child.unref();
    else p.child = child;
    return p;
  } finally {
    closeSync(fd); // the child has its own copy
  }
}

/**
 * True while `pid` runs `command`. Reads /proc so a zombie counts as dead and a recycled pid
 * that now belongs to another program is never mistaken for ours.
 */
export function isRunning(pid: number, command: string): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return false;
    const argv0 = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0];
    return argv0 === command;
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL if the process is still running after `graceMs`. */
export async function stopProcess(pid: number, command: string, graceMs = 5_000): Promise<void> {
  if (!isRunning(pid, command)) return;
  signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isRunning(pid, command)) return;
    await sleep(50);
  }
  signal(pid, 'SIGKILL');
  for (let i = 0; i < 100 && isRunning(pid, command); i++) await sleep(20);
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/** A whole log file ('' if it does not exist). */
export function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** The last `n` lines of a log file ('' if it does not exist). */
export function tailLines(file: string, n: number): string {
  return readLog(file).trimEnd().split('\n').slice(-n).join('\n');
}

/** VmRSS of a running process in KiB (undefined if unknown). */
export function rssKib(pid: number): number | undefined {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}
