// Test helpers for controllers against a real API server started in-process: a REST
// client as the admin, a shared informer factory, a bounded wait, and the stand-in for a
// kubelet that marks pods Running and Ready through pods/status.
import type { Pod } from '../api/core/v1/pod.js';
import type { KubeObject } from '../api/meta/v1/types.js';
import { startTestServer, type TestServer } from '../apiserver/testing.js';
import { SharedInformerFactory } from '../client/factory.js';
import { RestClient } from '../client/rest.js';
import { resource } from '../client/resource.js';
import { rfc3339 } from '../machinery/object-meta.js';
import type { Logger } from '../machinery/log.js';

export interface ControllerTestbed {
  api: TestServer;
  rest: RestClient;
  factory: SharedInformerFactory;
  signal: AbortSignal;
  log: Logger;
  errors: string[];
  close(): Promise<void>;
}

export async function startTestbed(): Promise<ControllerTestbed> {
  const api = await startTestServer();
  const rest = new RestClient({
    server: `https://127.0.0.1:${api.server.port}`, ca: api.pki.ca.cert, cert: api.pki.admin.cert, key: api.pki.admin.key,
    qps: 1000, burst: 1000,
  });
  const factory = new SharedInformerFactory(rest);
  const ac = new AbortController();
  const errors: string[] = [];
  const log: Logger = { info: () => undefined, error: (msg, f) => errors.push(`${msg} ${JSON.stringify(f)}`), child: () => log };
  return {
    api, rest, factory, signal: ac.signal, log, errors,
    close: async () => {
      ac.abort();
      await factory.shutdown();
      rest.close();
      await api.close();
    },
  };
}

/** Polls fn until it returns a truthy value (at most `ms`); throws with the last value otherwise. */
export async function waitFor<T>(what: string, fn: () => Promise<T> | T, ms = 10_000): Promise<Exclude<T, undefined | null | false | 0 | ''>> {
  const end = Date.now() + ms;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last as Exclude<T, undefined | null | false | 0 | ''>;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
}

/** The node stand-in: binds the pod to `node` and reports it Running and Ready since `readySince`. */
export async function markRunningReady(rest: RestClient, pod: Pod, node = 'node-1', readySince = new Date()): Promise<void> {
  const pods = resource<Pod & KubeObject>(rest, { group: '', version: 'v1', resource: 'pods' }, pod.metadata?.namespace);
  const name = pod.metadata?.name ?? '';
  if (!pod.spec?.nodeName) {
    await pods.createSubresource(name, 'binding', { apiVersion: 'v1', kind: 'Binding', metadata: { name }, target: { kind: 'Node', name: node } });
  }
  const fresh = await pods.get(name);
  const t = rfc3339(readySince);
  fresh.status = {
    ...fresh.status, phase: 'Running', startTime: t,
    conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True', lastTransitionTime: t })),
    containerStatuses: (fresh.spec?.containers ?? []).map((c) => ({ name: c.name, image: c.image ?? '', imageID: '', ready: true, restartCount: 0, started: true, state: { running: { startedAt: t } } })),
  };
  await pods.updateStatus(fresh);
}

/**
 * Plays the kubelet for every pod the factory's pod informer sees: binds and marks new pods
 * Running and Ready, and finishes graceful deletions (as a kubelet does once containers stop).
 */
export function startNodeFixture(bed: ControllerTestbed, node = 'node-1'): void {
  const informer = bed.factory.forResource<Pod & KubeObject>({ group: '', version: 'v1', resource: 'pods' });
  const pods = (ns?: string) => resource<Pod & KubeObject>(bed.rest, { group: '', version: 'v1', resource: 'pods' }, ns);
  const busy = new Set<string>();
  const act = (pod: Pod) => {
    const key = `${pod.metadata?.namespace}/${pod.metadata?.name}`;
    if (busy.has(key) || bed.signal.aborted) return;
    let work: Promise<void> | undefined;
    if (pod.metadata?.deletionTimestamp) {
      work = pods(pod.metadata.namespace).delete(pod.metadata.name ?? '', { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } }).then(() => undefined);
    } else if (pod.status?.phase !== 'Running') {
      work = markRunningReady(bed.rest, pod, node);
    }
    if (!work) return;
    busy.add(key);
    work.catch(() => undefined).finally(() => busy.delete(key));
  };
  informer.addEventHandler({ onAdd: act, onUpdate: (_o, p) => act(p) });
}
