import type { CutoverWait } from '@staticpods/converter';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { UserError } from '../errors.js';
import type { Transport } from '../kube/transport.js';
import { getDaemonSet, getPod, isReady, podsOnNode } from './cluster.js';

/** How often a wait asks the API server again. */
export const POLL_MS = 1000;

/** Thrown when a wait runs out of time; says what it saw last. */
export class WaitTimeout extends Error {
  override readonly name = 'WaitTimeout';
}

/** Thrown when the run is interrupted (Ctrl-C). */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
  constructor() {
    super('interrupted');
  }
}

/** Sleeps, or throws {@link Interrupted} as soon as the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Interrupted());
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Interrupted());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Polls the API server until the condition holds. Returns what it saw when it held; throws
 * {@link WaitTimeout} with the last observation after `timeoutSeconds`.
 */
export async function waitFor(
  t: Transport,
  wait: CutoverWait,
  daemonSetName: string,
  timeoutSeconds: number,
  signal: AbortSignal,
): Promise<string> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    if (signal.aborted) throw new Interrupted();
    const seen = await observe(t, wait, daemonSetName);
    if (seen.done) return seen.text;
    if (Date.now() >= deadline) throw new WaitTimeout(seen.text);
    await sleep(Math.min(POLL_MS, Math.max(0, deadline - Date.now())), signal);
  }
}

async function observe(
  t: Transport,
  w: CutoverWait,
  dsName: string,
): Promise<{ done: boolean; text: string }> {
  switch (w.kind) {
    case 'mirror-pod-deleted': {
      const pod = await getPod(t, w.namespace, w.pod);
      // The kubelet deletes the mirror Pod in its housekeeping only once the static Pod has finished
      // terminating (pkg/kubelet/kubelet_pods.go HandlePodCleanups: IsPodForMirrorPodTerminatingByFullName),
      // so its absence means the static Pod's containers are gone and its host ports free.
      if (!pod) return { done: true, text: `mirror Pod ${w.namespace}/${w.pod} is gone` };
      return { done: false, text: `mirror Pod ${w.namespace}/${w.pod} is still there (${podState(pod)})` };
    }
    case 'mirror-pod-ready': {
      const pod = await getPod(t, w.namespace, w.pod);
      if (!pod) return { done: false, text: `mirror Pod ${w.namespace}/${w.pod} is not there yet` };
      if (isReady(pod)) return { done: true, text: `mirror Pod ${w.namespace}/${w.pod} is Ready` };
      return { done: false, text: `mirror Pod ${w.namespace}/${w.pod} is not Ready (${podState(pod)})` };
    }
    case 'daemonset-pod-ready':
    case 'daemonset-pod-deleted': {
      const pods = (await podsOnNode(t, w.namespace, w.selector, w.node)).filter((p) => ownedBy(p, dsName));
      if (w.kind === 'daemonset-pod-deleted') {
        return pods.length === 0
          ? { done: true, text: `no DaemonSet Pod left on node ${w.node}` }
          : { done: false, text: `${pods.map((p) => `${p.metadata?.name} (${podState(p)})`).join(', ')}` };
      }
      const ready = pods.find((p) => isReady(p) && !p.metadata?.deletionTimestamp);
      if (ready) return { done: true, text: `Pod ${w.namespace}/${ready.metadata?.name} is Ready` };
      if (pods.length === 0) {
        return {
          done: false,
          text: `daemonset ${w.namespace}/${dsName} has no Pod on node ${w.node} (a taint it does not tolerate? the node cordoned or out of resources? see kubectl -n ${w.namespace} describe daemonset ${dsName})`,
        };
      }
      return {
        done: false,
        text: pods
          .map((p) => `Pod ${w.namespace}/${p.metadata?.name} is not Ready (${podState(p)})`)
          .join(', '),
      };
    }
    case 'rollout-complete': {
      const ds = await getDaemonSet(t, w.namespace, w.name);
      if (!ds)
        throw new UserError(
          'E_NOT_FOUND',
          `daemonset ${w.namespace}/${w.name} is gone`,
          'see who deleted it',
        );
      const s = ds.status;
      const want = s?.desiredNumberScheduled ?? 0;
      const text = `${s?.numberReady ?? 0} of ${want} Pods Ready, ${s?.updatedNumberScheduled ?? 0} updated`;
      const observed = (s?.observedGeneration ?? 0) >= (ds.metadata?.generation ?? 0);
      return {
        done: observed && (s?.numberReady ?? 0) === want && (s?.updatedNumberScheduled ?? 0) === want,
        text,
      };
    }
  }
}

function ownedBy(pod: Pod, dsName: string): boolean {
  return (pod.metadata?.ownerReferences ?? []).some((o) => o.kind === 'DaemonSet' && o.name === dsName);
}

/** `Running, not Ready: containers with unready status: [a]` — what kubectl describe would point at. */
function podState(pod: Pod): string {
  const phase = pod.status?.phase ?? 'Pending';
  const deleting = pod.metadata?.deletionTimestamp ? ', terminating' : '';
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
  const why = ready && ready.status !== 'True' && ready.message ? `: ${ready.message}` : '';
  const sched = pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
  return `${phase}${deleting}${sched?.message ? `, not scheduled: ${sched.message}` : why}`;
}
