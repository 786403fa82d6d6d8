// The controller manager (kube-controller-manager): one shared informer factory over the
// manager's own client, the controllers that --controllers enables, each writing through its
// own client (its service account's with --use-service-account-credentials), and, with leader
// election, all of them running only while this process holds kube-system/kube-controller-manager.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { SharedInformerFactory } from '../client/factory.js';
import { LeaderElector } from '../client/leader-election.js';
import type { RestClient } from '../client/rest.js';
import { recorderFor, type RecordEvent } from './events.js';
import { silentLogger, type Logger } from '../machinery/log.js';
import { ReplicaSetController } from './replicaset/controller.js';
import { replicaSetKind, replicationControllerKind } from './replicaset/kinds.js';
import { DeploymentController } from './deployment/controller.js';
import { NamespaceController } from './namespace/controller.js';
import { GarbageCollector } from './garbage-collector/controller.js';

export interface ControllerContext {
  factory: SharedInformerFactory;
  /** the client this controller writes with */
  rest: RestClient;
  events: RecordEvent;
  log: Logger;
}

export interface ControllerDescriptor {
  /** the name --controllers knows (upstream's, e.g. replicaset-controller) */
  name: string;
  /** older names still accepted (replicaset) */
  aliases: readonly string[];
  /** kube-system service account used with --use-service-account-credentials */
  serviceAccount: string;
  /** the event source */
  component: string;
  build(ctx: ControllerContext): { run(signal: AbortSignal): Promise<void> };
}

export const CONTROLLERS: readonly ControllerDescriptor[] = [
  {
    name: 'replicaset-controller', aliases: ['replicaset'], serviceAccount: 'replicaset-controller', component: 'replicaset-controller',
    build: (c) => new ReplicaSetController(replicaSetKind, c),
  },
  {
    name: 'replicationcontroller-controller', aliases: ['replicationcontroller'], serviceAccount: 'replication-controller', component: 'replication-controller',
    build: (c) => new ReplicaSetController(replicationControllerKind, c),
  },
  {
    name: 'deployment-controller', aliases: ['deployment'], serviceAccount: 'deployment-controller', component: 'deployment-controller',
    build: (c) => new DeploymentController(c),
  },
  {
    name: 'namespace-controller', aliases: ['namespace'], serviceAccount: 'namespace-controller', component: 'namespace-controller',
    build: (c) => new NamespaceController(c),
  },
  {
    name: 'garbage-collector-controller', aliases: ['garbagecollector'], serviceAccount: 'generic-garbage-collector', component: 'garbage-collector-controller',
    build: (c) => new GarbageCollector(c),
  },
];

/** Controllers upstream leaves off unless named (none of ours yet). */
const DISABLED_BY_DEFAULT = new Set<string>();

/**
 * IsControllerEnabled over --controllers: `name` (or an alias) enables, `-name` disables, and
 * `*` enables every controller on by default; the first explicit mention wins. Unknown names
 * are an error, as upstream's validation.
 */
export function enabledControllers(spec: readonly string[], known: readonly ControllerDescriptor[] = CONTROLLERS): ControllerDescriptor[] {
  const canonical = new Map<string, string>();
  for (const c of known) for (const n of [c.name, ...c.aliases]) canonical.set(n, c.name);
  const choices = spec.map((s) => s.trim()).filter((s) => s !== '');
  for (const s of choices) {
    const n = s.startsWith('-') ? s.slice(1) : s;
    if (s !== '*' && !canonical.has(n)) throw new Error(`"${n}" is not in the list of known controllers`);
  }
  return known.filter((c) => {
    for (const s of choices) {
      if (canonical.get(s) === c.name) return true;
      if (s.startsWith('-') && canonical.get(s.slice(1)) === c.name) return false;
    }
    return choices.includes('*') && !DISABLED_BY_DEFAULT.has(c.name);
  });
}

export interface LeaderElectionOptions {
  /** default hostname_uuid, as upstream */
  identity?: string;
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
}

export interface ControllerManagerOptions {
  /** the manager's own client (system:kube-controller-manager): informers and the Lease */
  rest: RestClient;
  /** --controllers (default ['*']) */
  controllers?: readonly string[];
  /** with --use-service-account-credentials: the client of kube-system/<serviceAccount> */
  clientFor?: (serviceAccount: string) => RestClient | Promise<RestClient>;
  /** omit to run without leader election (--leader-elect=false) */
  leaderElection?: LeaderElectionOptions;
  /** called when leadership is lost while running (upstream exits) */
  onLostLeadership?: () => void;
  log?: Logger;
  /** how each controller records events (default: the client's EventRecorder over its own client) */
  recorder?: (rest: RestClient, component: string) => RecordEvent;
}

export class ControllerManager {
  readonly name = 'controller-manager';
  readonly #opts: ControllerManagerOptions;
  readonly #log: Logger;
  readonly #enabled: ControllerDescriptor[];
  #stop?: AbortController;
  #done?: Promise<void>;
  #elector?: LeaderElector;

  constructor(opts: ControllerManagerOptions) {
    this.#opts = opts;
    this.#log = opts.log ?? silentLogger;
    this.#enabled = enabledControllers(opts.controllers ?? ['*']);
  }

  /** The controllers this manager runs, by name. */
  get controllers(): string[] {
    return this.#enabled.map((c) => c.name);
  }

  /** True while this manager is running its controllers (always, without leader election). */
  isLeader(): boolean {
    return this.#elector ? this.#elector.isLeader() : this.#done !== undefined;
  }

  async #runControllers(signal: AbortSignal): Promise<void> {
    const factory = new SharedInformerFactory(this.#opts.rest);
    const runs: Promise<void>[] = [];
    for (const c of this.#enabled) {
      const rest = this.#opts.clientFor ? await this.#opts.clientFor(c.serviceAccount) : this.#opts.rest;
      const log = this.#log;
      const events = (this.#opts.recorder ?? recorderFor)(rest, c.component);
      const ctl = c.build({ factory, rest, events, log: log.child(c.name) });
      runs.push(ctl.run(signal).catch((e: unknown) => log.error('controller stopped', { controller: c.name, error: (e as Error).message })));
      log.info('started controller', { controller: c.name });
    }
    factory.start(signal);
    await Promise.all(runs);
    await factory.shutdown();
  }

  /** Starts (or, with leader election, starts campaigning); resolves at once. */
  async start(signal?: AbortSignal): Promise<void> {
    if (this.#stop) return;
    const stop = new AbortController();
    this.#stop = stop;
    if (signal) signal.addEventListener('abort', () => stop.abort(), { once: true });
    const le = this.#opts.leaderElection;
    if (!le) {
      this.#done = this.#runControllers(stop.signal);
      return;
    }
    this.#elector = new LeaderElector({
      rest: this.#opts.rest, namespace: 'kube-system', name: 'kube-controller-manager',
      identity: le.identity ?? `${hostname()}_${randomUUID()}`,
      leaseDurationMs: le.leaseDurationMs, renewDeadlineMs: le.renewDeadlineMs, retryPeriodMs: le.retryPeriodMs,
      releaseOnCancel: true,
      onStartedLeading: (leading) => {
        this.#log.info('became leader');
        return this.#runControllers(leading);
      },
      onStoppedLeading: () => {
        if (stop.signal.aborted) return;
        this.#log.error('leaderelection lost');
        this.#opts.onLostLeadership?.();
      },
    });
    this.#done = this.#elector.run(stop.signal);
  }

  /** Stops every controller (and gives up the Lease); resolves when all have ended. */
  async stop(): Promise<void> {
    this.#stop?.abort();
    await this.#done;
  }
}
