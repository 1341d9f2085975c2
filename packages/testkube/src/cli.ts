#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startControlPlane } from './control-plane.js';
import { rssKib } from './processes.js';
import { isUp, readStateFile, stopFromState, writeStateFile } from './state.js';

const USAGE = `usage: testkube up --state FILE      start etcd + kube-apiserver, detached; write FILE
       testkube down --state FILE    stop them, remove the run dir and FILE
       testkube status --state FILE  exit 0 if they are running
Tests reuse the control plane when TESTKUBE_STATE=FILE is set. TESTKUBE_KEEP=1 keeps run dirs.`;

/** `up`: start a control plane that outlives this process, and describe it in a state file. */
async function up(file: string): Promise<void> {
  if (existsSync(file)) {
    const old = readStateFile(file);
    if (isUp(old)) {
      console.log(`already up at ${old.server} (state ${file})`);
      return;
    }
    await stopFromState(old); // leftovers of a crashed run
  }
  const cp = await startControlPlane({ detached: true });
  await writeStateFile(file, cp.state);
  const rss = cp.rssKib();
  console.log(`control plane ready at ${cp.server} in ${cp.startupMs} ms (state ${file})`);
  console.log(
    `pids: etcd ${cp.state.pids.etcd}, kube-apiserver ${cp.state.pids.kubeApiserver}; RSS etcd ${mib(rss.etcd)}, kube-apiserver ${mib(rss.kubeApiserver)}`,
  );
}

async function down(file: string): Promise<void> {
  if (!existsSync(file)) {
    console.log(`no state file ${file}; nothing to stop`);
    return;
  }
  await stopFromState(readStateFile(file));
  await rm(file, { force: true });
  console.log('control plane stopped');
}

function status(file: string): number {
  if (!existsSync(file)) return 1;
  const state = readStateFile(file);
  const running = isUp(state);
  console.log(
    `${running ? 'up' : 'down'}: ${state.server} (etcd ${state.pids.etcd}, kube-apiserver ${state.pids.kubeApiserver}); RSS etcd ${mib(rssKib(state.pids.etcd))}, kube-apiserver ${mib(rssKib(state.pids.kubeApiserver))}`,
  );
  return running ? 0 : 1;
}

function mib(kib: number | undefined): string {
  return kib === undefined ? '?' : `${Math.round(kib / 1024)} MiB`;
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { state: { type: 'string' } },
  });
  const [cmd] = positionals;
  const file = values.state ?? process.env.TESTKUBE_STATE;
  if (!file || !cmd) {
    console.error(USAGE);
    return 2;
  }
  if (cmd === 'up') await up(file);
  else if (cmd === 'down') await down(file);
  else if (cmd === 'status') return status(file);
  else {
    console.error(USAGE);
    return 2;
  }
  return 0;
}

main(process.argv.slice(2)).then(
  // Exit explicitly: the detached children must not be waited for.
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
