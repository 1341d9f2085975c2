import {
  decodeMigrationState,
  encodeMigrationState,
  MIGRATION_STATE_ANNOTATION,
  type MigrationState,
  type NodeProgress,
  withNode,
} from '@staticpods/converter';
import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import { UserError } from '../errors.js';
import { DAEMON_SETS } from '../kube/api.js';
import type { Transport } from '../kube/transport.js';
import { compareAndSetAnnotation } from './cluster.js';

/** The migration state of a DaemonSet read from its annotation: absent, or decoded, or an error. */
export function readState(ds: DaemonSet): MigrationState | undefined {
  const raw = ds.metadata?.annotations?.[MIGRATION_STATE_ANNOTATION];
  if (raw === undefined) return undefined;
  const decoded = decodeMigrationState(raw);
  if (!decoded.ok) {
    throw new UserError(
      'E_INPUT',
      `daemonset ${ds.metadata?.namespace}/${ds.metadata?.name}: annotation ${MIGRATION_STATE_ANNOTATION} is not a migration state this version can read (${decoded.error})`,
      'do not edit it by hand; check the nodes, then remove the annotation to start over',
    );
  }
  return decoded.state;
}

/**
 * The progress of one migration, kept in the DaemonSet's annotation. Every change is a
 * compare-and-set against the text last written, in order, so a second `migrate` on the same
 * DaemonSet stops instead of interleaving.
 */
export class StateStore {
  private raw: string | undefined;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly t: Transport,
    readonly namespace: string,
    readonly name: string,
    private current: MigrationState,
    /** The annotation as it is on the server now (undefined: not there yet). */
    raw: string | undefined,
  ) {
    this.raw = raw;
  }

  get state(): MigrationState {
    return this.current;
  }

  /** Records a node's progress (with the time) on the server before returning. */
  setNode(node: string, progress: NodeProgress): Promise<void> {
    const at = new Date().toISOString();
    // Built when its turn comes, from the state the writes before it left: with
    // --max-unavailable > 1, nodes record their progress concurrently.
    return this.write(() => withNode(this.current, node, { ...progress, at }));
  }

  private write(change: () => MigrationState): Promise<void> {
    const run = this.chain.then(async () => {
      const next = change();
      const text = encodeMigrationState(next);
      const ok = await compareAndSetAnnotation(
        this.t,
        DAEMON_SETS,
        this.namespace,
        this.name,
        MIGRATION_STATE_ANNOTATION,
        this.raw,
        text,
      );
      if (!ok) {
        throw new UserError(
          'E_API',
          `the migration state of daemonset ${this.namespace}/${this.name} changed under this run`,
          'is another "kubectl staticpods migrate" running on it? Let it finish, then run again',
        );
      }
      this.raw = text;
      this.current = next;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }
}
