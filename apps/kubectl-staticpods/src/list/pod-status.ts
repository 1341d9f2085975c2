import type { Container, ContainerStatus, Pod } from 'kubernetes-types/core/v1.js';
import { age } from '../printers/age.js';

/** The READY, STATUS and RESTARTS cells of `kubectl get pods`. */
export interface PodColumns {
  readonly ready: string;
  readonly readyCount: number;
  readonly total: number;
  readonly status: string;
  readonly restarts: string;
  readonly ip: string;
}

/**
 * `printPod` of kubectl's printers (k8s.io/kubernetes `pkg/printers/internalversion/printers.go`):
 * ready containers (restartable init containers included), the status reason that explains the
 * Pod best (init progress, waiting or terminated reasons, Terminating), and restarts with the
 * time of the last one.
 */
export function podColumns(pod: Pod, now: number = Date.now()): PodColumns {
  const spec = pod.spec;
  const status = pod.status ?? {};
  const initSpecs = new Map<string, Container>((spec?.initContainers ?? []).map((c) => [c.name, c]));
  const restartable = (name: string) => initSpecs.get(name)?.restartPolicy === 'Always';
  let total =
    (spec?.containers ?? []).length +
    (spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').length;
  let ready = 0;
  let restarts = 0;
  let restartableRestarts = 0;
  let lastRestart = 0;
  let lastRestartableRestart = 0;
  let reason: string = status.reason || status.phase || '';
  if ((status.conditions ?? []).some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) {
    reason = 'SchedulingGated';
  }
  const finished = (c: ContainerStatus) => {
    const at = c.lastState?.terminated?.finishedAt;
    return at ? Date.parse(at) : 0;
  };

  let initializing = false;
  const inits = status.initContainerStatuses ?? [];
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i] as ContainerStatus;
    restarts += c.restartCount ?? 0;
    lastRestart = Math.max(lastRestart, finished(c));
    if (restartable(c.name)) {
      restartableRestarts += c.restartCount ?? 0;
      lastRestartableRestart = Math.max(lastRestartableRestart, finished(c));
    }
    const terminated = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (terminated && terminated.exitCode === 0) continue;
    if (restartable(c.name) && c.started) {
      if (c.ready) ready++;
      continue;
    }
    if (terminated) {
      reason = terminated.reason
        ? `Init:${terminated.reason}`
        : terminated.signal
          ? `Init:Signal:${terminated.signal}`
          : `Init:ExitCode:${terminated.exitCode}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${(spec?.initContainers ?? []).length}`;
    }
    initializing = true;
    break;
  }

  const initialized = (status.conditions ?? []).some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initialized) {
    restarts = restartableRestarts;
    lastRestart = lastRestartableRestart;
    let hasRunning = false;
    const containers = status.containerStatuses ?? [];
    for (let i = containers.length - 1; i >= 0; i--) {
      const c = containers[i] as ContainerStatus;
      restarts += c.restartCount ?? 0;
      lastRestart = Math.max(lastRestart, finished(c));
      const terminated = c.state?.terminated;
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (terminated?.reason) reason = terminated.reason;
      else if (terminated)
        reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True')
        ? 'Running'
        : 'NotReady';
    }
  }

  if (pod.metadata?.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && status.phase !== 'Succeeded' && status.phase !== 'Failed')
    reason = 'Terminating';

  total = Math.max(total, 0);
  const restartsText =
    restarts !== 0 && lastRestart > 0
      ? `${restarts} (${age(new Date(lastRestart), now)} ago)`
      : String(restarts);
  return {
    ready: `${ready}/${total}`,
    readyCount: ready,
    total,
    status: reason,
    restarts: restartsText,
    ip: status.podIPs?.[0]?.ip || status.podIP || '<none>',
  };
}

/** A Pod counts as ready when its Ready condition is True (what `kubectl wait --for=condition=Ready` checks). */
export function isPodReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}
