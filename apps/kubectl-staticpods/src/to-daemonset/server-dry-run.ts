import { canonicalize } from '@staticpods/core';
import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import { io } from '../io.js';
import type { Transport } from '../kube/transport.js';

/** POSTs each DaemonSet with dryRun=All and reports the API server's verdict, kubectl style. */
export async function serverDryRun(
  transport: Transport,
  daemonSets: readonly DaemonSet[],
): Promise<{ accepted: object[]; rejected: number }> {
  const { createObject, DAEMON_SETS } = await import('../kube/api.js');
  let rejected = 0;
  const accepted: object[] = [];
  for (const ds of daemonSets) {
    const ns = ds.metadata?.namespace ?? 'default';
    const result = await createObject(transport, DAEMON_SETS, ns, ds, { dryRun: true });
    const ref = `daemonset.apps/${ds.metadata?.name}`;
    if (result.accepted) {
      // As kubectl prints it: without managedFields.
      const { metadata, ...rest } = result.object as { metadata?: Record<string, unknown> };
      const { managedFields: _, ...kept } = metadata ?? {};
      accepted.push(canonicalize({ ...rest, metadata: kept }) as object);
    } else {
      rejected++;
      io().stderr.write(
        `error: ${ref} in namespace ${ns} rejected by the API server (${result.status}${result.reason ? ` ${result.reason}` : ''}): ${result.message}\n`,
      );
      for (const c of result.causes ?? [])
        io().stderr.write(`  ${c.field ?? ''}: ${c.message ?? c.reason ?? ''}\n`);
    }
  }
  return { accepted, rejected };
}
