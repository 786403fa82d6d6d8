// Leader election on a coordination.k8s.io/v1 Lease (client-go's leaderelection): a
// candidate takes the Lease when it is free or its holder stopped renewing for a lease
// duration (measured on our own clock from when we last saw it change, so clocks need not
// agree), then renews it every retry period. A leader that cannot renew within the renew
// deadline stops leading: its signal aborts and onStoppedLeading runs. Upstream's
// defaults: 15 s lease, 10 s renew deadline, 2 s retry.
import { setTimeout as sleep } from 'node:timers/promises';
import type { KubeObject } from '../api/meta/v1/types.js';
import { isAlreadyExists, isConflict, isNotFound } from '../machinery/errors.js';
import { createLogger, type Logger } from '../machinery/log.js';
import { rfc3339Micro } from '../machinery/object-meta.js';
import type { RestClient } from './rest.js';
import { ResourceClient } from './resource.js';

export interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

export interface Lease extends KubeObject {
  spec?: LeaseSpec;
}

export interface LeaderElectionConfig {
  rest: RestClient;
  /** the Lease: kube-system/kube-controller-manager, kube-system/kube-scheduler */
  namespace: string;
  name: string;
  /** this candidate (upstream: hostname + "_" + a UUID) */
  identity: string;
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
  /** runs when this candidate becomes leader; its signal aborts when leadership ends */
  onStartedLeading(signal: AbortSignal): void | Promise<void>;
  onStoppedLeading?(): void;
  /** any change of leader (also to this candidate) */
  onNewLeader?(identity: string): void;
  /** give the Lease up when the run's signal aborts, so the next leader need not wait */
  releaseOnCancel?: boolean;
  /** where failed attempts are reported (default: stderr, component client/leader-election) */
  log?: Logger;
}

const LEASES = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' };
const JITTER = 1.2;

export class LeaderElector {
  readonly #cfg: Required<Pick<LeaderElectionConfig, 'leaseDurationMs' | 'renewDeadlineMs' | 'retryPeriodMs'>> & LeaderElectionConfig;
  readonly #leases: ResourceClient<Lease>;
  /** the record as last read, and when (our clock) it last changed */
  #observed?: Lease;
  #observedAt = 0;
  #leader = '';
  readonly #log: Logger;

  constructor(cfg: LeaderElectionConfig) {
    this.#cfg = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000, ...cfg };
    const { leaseDurationMs, renewDeadlineMs, retryPeriodMs } = this.#cfg;
    if (leaseDurationMs <= renewDeadlineMs) throw new Error('leaseDuration must be greater than renewDeadline');
    if (renewDeadlineMs <= JITTER * retryPeriodMs) throw new Error('renewDeadline must be greater than retryPeriod*JitterFactor');
    this.#leases = new ResourceClient<Lease>(cfg.rest, LEASES, cfg.namespace);
    this.#log = cfg.log ?? createLogger('client/leader-election');
  }

  /** The identity holding the Lease as last seen. */
  get leader(): string {
    return this.#leader;
  }

  isLeader(): boolean {
    return this.#leader === this.#cfg.identity;
  }

  #see(lease: Lease): void {
    const prev = this.#observed?.spec;
    const s = lease.spec ?? {};
    if (!prev || prev.holderIdentity !== s.holderIdentity || prev.renewTime !== s.renewTime || prev.acquireTime !== s.acquireTime) {
      this.#observedAt = Date.now();
    }
    this.#observed = lease;
    const holder = s.holderIdentity ?? '';
    if (holder !== this.#leader) {
      this.#leader = holder;
      if (holder) this.#cfg.onNewLeader?.(holder);
    }
  }

  /** One attempt to take or keep the Lease; true when we hold it afterwards. */
  async tryAcquireOrRenew(signal?: AbortSignal): Promise<boolean> {
    const { identity, leaseDurationMs, name } = this.#cfg;
    const now = rfc3339Micro();
    const mine: LeaseSpec = {
      holderIdentity: identity, leaseDurationSeconds: Math.ceil(leaseDurationMs / 1000), acquireTime: now, renewTime: now, leaseTransitions: 0,
    };
    let current: Lease;
    try {
      current = await this.#leases.get(name, { signal });
    } catch (e) {
      if (!isNotFound(e)) throw e;
      try {
        const created = await this.#leases.create({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, namespace: this.#cfg.namespace }, spec: mine }, { signal });
        this.#see(created);
        return true;
      } catch (ce) {
        if (isAlreadyExists(ce)) return false;
        throw ce;
      }
    }
    this.#see(current);
    const spec = current.spec ?? {};
    const held = Boolean(spec.holderIdentity);
    const expired = Date.now() > this.#observedAt + (spec.leaseDurationSeconds ?? 0) * 1000;
    const isMine = spec.holderIdentity === identity;
    if (held && !isMine && !expired) return false;
    const next: LeaseSpec = isMine
      ? { ...mine, acquireTime: spec.acquireTime ?? now, leaseTransitions: spec.leaseTransitions ?? 0 }
      : { ...mine, leaseTransitions: (spec.leaseTransitions ?? 0) + 1 };
    try {
      const updated = await this.#leases.update({ ...current, spec: next }, { signal });
      this.#see(updated);
      return true;
    } catch (e) {
      if (isConflict(e)) return false; // someone else wrote it first
      throw e;
    }
  }

  async #attempt(signal: AbortSignal): Promise<boolean> {
    try {
      return await this.tryAcquireOrRenew(signal);
    } catch (e) {
      if (signal.aborted) return false;
      this.#log.error('error retrieving or updating the lease', { lease: `${this.#cfg.namespace}/${this.#cfg.name}`, error: e });
      return false;
    }
  }

  /** Waits to become leader, leads until renewal fails or the signal aborts, then returns. */
  async run(signal: AbortSignal): Promise<void> {
    const { retryPeriodMs, renewDeadlineMs } = this.#cfg;
    // acquire
    while (!signal.aborted) {
      if (await this.#attempt(signal)) break;
      await sleep(retryPeriodMs * (1 + Math.random() * (JITTER - 1)), undefined, { signal }).catch(() => undefined);
    }
    if (signal.aborted) return;
    const leading = new AbortController();
    const stopLeading = (): void => leading.abort();
    signal.addEventListener('abort', stopLeading, { once: true });
    const work = Promise.resolve().then(() => this.#cfg.onStartedLeading(leading.signal)).catch((e: unknown) => {
      this.#log.error('onStartedLeading failed', { lease: `${this.#cfg.namespace}/${this.#cfg.name}`, error: e });
    });
    // renew: each round must succeed within the renew deadline
    try {
      while (!signal.aborted) {
        await sleep(retryPeriodMs, undefined, { signal }).catch(() => undefined);
        if (signal.aborted) break;
        const deadline = Date.now() + renewDeadlineMs;
        let renewed = false;
        while (!signal.aborted && Date.now() < deadline) {
          const round = AbortSignal.any([signal, AbortSignal.timeout(Math.max(1, deadline - Date.now()))]);
          if (await this.#attempt(round)) {
            renewed = true;
            break;
          }
          if (Date.now() + retryPeriodMs >= deadline) break;
          await sleep(retryPeriodMs, undefined, { signal }).catch(() => undefined);
        }
        if (!renewed && !signal.aborted) break;
      }
    } finally {
      signal.removeEventListener('abort', stopLeading);
      leading.abort();
      if (signal.aborted && this.#cfg.releaseOnCancel) await this.#release();
      if (this.#leader === this.#cfg.identity) this.#leader = '';
      this.#cfg.onStoppedLeading?.();
      await work;
    }
  }

  /** Gives the Lease up (holder cleared, 1 s duration) if we still hold it. */
  async #release(): Promise<void> {
    const cur = this.#observed;
    if (!cur || cur.spec?.holderIdentity !== this.#cfg.identity) return;
    const now = rfc3339Micro();
    try {
      await this.#leases.update({ ...cur, spec: { ...cur.spec, holderIdentity: undefined, leaseDurationSeconds: 1, renewTime: now, acquireTime: now } });
    } catch {
      // the Lease moved on already: nothing to give up
    }
  }
}
