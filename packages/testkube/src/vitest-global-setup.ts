import { existsSync, readFileSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startControlPlane } from './control-plane.js';
import { createClient } from './http.js';
import { isUp, readStateFile, type TestkubeState } from './state.js';

/**
 * Vitest global setup: one control plane per test run, provided to every test file as
 * `inject('testkube')`. With `TESTKUBE_STATE=<file>` (written by `testkube up`) the running
 * control plane is reused and left running; otherwise one is started here and stopped in the
 * returned teardown.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const stateFile = process.env.TESTKUBE_STATE;
  if (stateFile) {
    if (!existsSync(stateFile)) {
      throw new Error(
        `TESTKUBE_STATE=${stateFile} does not exist; run \`node packages/testkube/dist/cli.js up --state ${stateFile}\` first`,
      );
    }
    const state = readStateFile(stateFile);
    await assertServing(state, stateFile);
    project.provide('testkube', state);
    return undefined;
  }
  const cp = await startControlPlane();
  process.stderr.write(`[testkube] control plane ready at ${cp.server} in ${cp.startupMs} ms\n`);
  project.provide('testkube', cp.state);
  return () => cp.stop();
}

async function assertServing(state: TestkubeState, file: string): Promise<void> {
  const client = createClient({ server: state.server, ca: readFileSync(state.caFile, 'utf8') });
  try {
    const res = isUp(state) ? await client.request('GET', '/readyz').catch(() => undefined) : undefined;
    if (res?.status !== 200) {
      throw new Error(`the control plane in ${file} is not serving (${state.server}); run \`up\` again`);
    }
  } finally {
    client.close();
  }
}
