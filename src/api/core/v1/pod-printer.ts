// The table columns of pods as kubectl shows them (upstream printPod): READY counts ready
// containers (and started sidecars), STATUS is the pod's aggregate reason
// (Init:0/1, CrashLoopBackOff, Completed, Terminating …) and RESTARTS "3 (5m ago)".
import type { Printer, TableColumn } from '../../scheme.js';
import { nameColumn, ageColumn, col } from '../../meta/v1/columns.js';
import { age } from '../../printing.js';
import type { Container, Pod } from './pod.js';

export const podColumns: TableColumn[] = [
  nameColumn,
  col('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
  col('Status', 'The aggregate status of the containers in this pod.'),
  col('Restarts', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
  ageColumn,
  col('IP', 'IP address allocated to the pod; empty until one is allocated.', 'string', 1),
  col('Node', 'The node the pod is bound to.', 'string', 1),
  col('Nominated Node', 'The node the pod may be scheduled onto once preemption completes.', 'string', 1),
  col('Readiness Gates', 'How many of the pod\'s readiness gates are satisfied.', 'string', 1),
];

const isRestartableInit = (c: Container | undefined): boolean => c?.restartPolicy === 'Always';
const laterOf = (a: string | undefined, b: string | undefined): string | undefined => {
  if (!b) return a;
  if (!a) return b;
  return Date.parse(b) > Date.parse(a) ? b : a;
};

export interface PodSummary {
  ready: number;
  total: number;
  /** the STATUS column */
  reason: string;
  restarts: number;
  /** when the last counted restart happened (RFC 3339), if known */
  lastRestart?: string;
}

/** The READY, STATUS and RESTARTS figures of a pod, computed as upstream's printPod. */
export function podSummary(pod: Pod): PodSummary {
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  let restarts = 0;
  let sidecarRestarts = 0;
  let total = spec.containers?.length ?? 0;
  let ready = 0;
  let lastRestart: string | undefined;
  let lastSidecarRestart: string | undefined;
  let reason: string = status.phase ?? '';
  if (status.reason) reason = status.reason;
  for (const c of status.conditions ?? []) if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';

  const inits = new Map<string, Container>();
  for (const c of spec.initContainers ?? []) {
    inits.set(c.name, c);
    if (isRestartableInit(c)) total++;
  }

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    restarts += cs.restartCount ?? 0;
    lastRestart = laterOf(lastRestart, cs.lastState?.terminated?.finishedAt);
    const sidecar = isRestartableInit(inits.get(cs.name));
    if (sidecar) {
      sidecarRestarts += cs.restartCount ?? 0;
      lastSidecarRestart = laterOf(lastSidecarRestart, cs.lastState?.terminated?.finishedAt);
    }
    const term = cs.state?.terminated;
    const wait = cs.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (sidecar && cs.started) {
      if (cs.ready) ready++;
      continue;
    }
    if (term) {
      if (!term.reason) reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
      else reason = `Init:${term.reason}`;
    } else if (wait?.reason && wait.reason !== 'PodInitializing') {
      reason = `Init:${wait.reason}`;
    } else {
      reason = `Init:${i}/${spec.initContainers?.length ?? 0}`;
    }
    initializing = true;
    break;
  }

  const initialized = (status.conditions ?? []).some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initialized) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      restarts += cs.restartCount ?? 0;
      lastRestart = laterOf(lastRestart, cs.lastState?.terminated?.finishedAt);
      const wait = cs.state?.waiting;
      const term = cs.state?.terminated;
      if (wait?.reason) reason = wait.reason;
      else if (term?.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode}`;
      else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const podReady = (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
      reason = podReady ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata?.deletionTimestamp) {
    if (status.reason === 'NodeLost') reason = 'Unknown';
    else if (status.phase !== 'Succeeded' && status.phase !== 'Failed') reason = 'Terminating';
  }
  return { ready, total, reason, restarts, lastRestart };
}

/** The RESTARTS cell: "0", "3", or "3 (5m ago)" when the last restart time is known. */
export function restartsCell(s: PodSummary, now: Date): string {
  if (s.restarts !== 0 && s.lastRestart) return `${s.restarts} (${age(s.lastRestart, now)} ago)`;
  return String(s.restarts);
}

export const podPrinter: Printer<Pod> = {
  columns: podColumns,
  row(pod, now) {
    const s = podSummary(pod);
    const gates = pod.spec?.readinessGates ?? [];
    let readinessGates = '<none>';
    if (gates.length) {
      let trueCount = 0;
      for (const g of gates) {
        const c = (pod.status?.conditions ?? []).find((x) => x.type === g.conditionType);
        if (c?.status === 'True') trueCount++;
      }
      readinessGates = `${trueCount}/${gates.length}`;
    }
    return [
      pod.metadata?.name ?? '',
      `${s.ready}/${s.total}`,
      s.reason,
      restartsCell(s, now),
      age(pod.metadata?.creationTimestamp, now),
      pod.status?.podIPs?.[0]?.ip || '<none>',
      pod.spec?.nodeName || '<none>',
      pod.status?.nominatedNodeName || '<none>',
      readinessGates,
    ];
  },
};


