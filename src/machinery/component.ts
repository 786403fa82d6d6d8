// Components: every long-running part (the API server, later the controller manager,
// scheduler, kubelet) is a Component, and one Runner starts them in dependency order and
// stops them in reverse. start(signal) resolves once the part is up (an aborted signal ends a
// start under way); a start that throws has undone what it began; stop() returns when
// everything the part started has ended.
import { silentLogger, type Logger } from './log.js';

export interface Component {
  readonly name: string;
  /** names of the components that must be started first */
  readonly needs?: readonly string[];
  start(signal: AbortSignal): Promise<void>;
  stop(): Promise<void>;
}

/** A component from two functions (a start-up step without a stop needs none). */
export function component(name: string, start: (signal: AbortSignal) => Promise<void> | void, stop?: () => Promise<void> | void,
  needs?: readonly string[]): Component {
  return { name, needs, start: async (signal) => start(signal), stop: async () => stop?.() };
}

/** Component `name` failed to start; the cause is the component's error. */
export class ComponentStartError extends Error {
  readonly component: string;
  constructor(name: string, cause: unknown) {
    super(`${name}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'ComponentStartError';
    this.component = name;
  }
}

/** The components with each one after everything it needs; otherwise in the given order. */
export function startOrder(components: readonly Component[]): Component[] {
  const byName = new Map(components.map((c) => [c.name, c]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const order: Component[] = [];
  const visit = (c: Component): void => {
    if (done.has(c.name)) return;
    if (visiting.has(c.name)) throw new Error(`components depend on each other in a cycle through ${c.name}`);
    visiting.add(c.name);
    for (const n of c.needs ?? []) {
      const dep = byName.get(n);
      if (!dep) throw new Error(`component ${c.name} needs ${n}, which is not there`);
      visit(dep);
    }
    visiting.delete(c.name);
    done.add(c.name);
    order.push(c);
  };
  components.forEach(visit);
  return order;
}

export class Runner {
  readonly #components: readonly Component[];
  readonly #log: Logger;
  readonly #started: Component[] = [];

  constructor(components: readonly Component[], opts: { log?: Logger } = {}) {
    this.#components = components;
    this.#log = opts.log ?? silentLogger;
  }

  /**
   * Starts every component in dependency order. When one fails, or signal aborts, the started
   * ones are stopped in reverse and start throws (ComponentStartError, or the signal's reason).
   */
  async start(signal: AbortSignal): Promise<void> {
    for (const c of [...startOrder(this.#components), undefined]) {
      if (signal.aborted) {
        await this.stop();
        throw signal.reason;
      }
      if (!c) return;
      try {
        await c.start(signal);
      } catch (e) {
        await this.stop();
        throw signal.aborted ? signal.reason : new ComponentStartError(c.name, e);
      }
      this.#started.push(c);
    }
  }

  /** Stops the started components in reverse order; each one's failure is logged and the rest still stop. */
  async stop(): Promise<void> {
    for (let c = this.#started.pop(); c; c = this.#started.pop()) {
      try {
        await c.stop();
      } catch (e) {
        this.#log.error('stop failed', { part: c.name, err: e });
      }
    }
  }
}

/** Starts the components, runs until signal aborts, then stops them in reverse. */
export async function runComponents(components: readonly Component[], signal: AbortSignal, log: Logger = silentLogger): Promise<void> {
  const runner = new Runner(components, { log });
  await runner.start(signal);
  await new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
  log.info('stopping');
  await runner.stop();
}

/** A signal that aborts on the first SIGTERM or SIGINT. */
export function terminationSignal(): AbortSignal {
  const ac = new AbortController();
  const onSignal = (sig: NodeJS.Signals): void => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    ac.abort(new Error(`received ${sig}`));
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return ac.signal;
}
