// ClusterRole aggregation (upstream's clusterrole-aggregation controller): a ClusterRole with an
// aggregationRule holds the rules of every other ClusterRole matched by one of its
// clusterRoleSelectors, in name order, without duplicates. Any ClusterRole change re-syncs
// every aggregated role. It reads through a lister and writes through one function, so it
// can move into the controller manager unchanged.
import type { ClusterRole, PolicyRule } from '../../api/rbac/v1/types.js';
import { selectorFromLabelSelector } from '../../machinery/labels.js';

export interface ClusterRoleLister {
  list(): ClusterRole[];
  get(name: string): ClusterRole | undefined;
}

/** Replaces the rules of an aggregated ClusterRole (if it is still aggregated). */
export type RulesWriter = (name: string, rules: PolicyRule[]) => Promise<void>;

function sameRule(a: PolicyRule, b: PolicyRule): boolean {
  const norm = (r: PolicyRule): string => JSON.stringify([r.verbs, r.apiGroups ?? [], r.resources ?? [], r.resourceNames ?? [], r.nonResourceURLs ?? []]);
  return norm(a) === norm(b);
}

/** The rules an aggregated role should hold given every ClusterRole there is. */
export function aggregatedRules(role: ClusterRole, all: readonly ClusterRole[]): PolicyRule[] {
  const matched = new Map<string, ClusterRole>();
  for (const sel of role.aggregationRule?.clusterRoleSelectors ?? []) {
    let s;
    try {
      s = selectorFromLabelSelector(sel);
    } catch {
      continue;
    }
    for (const r of all) {
      const name = r.metadata?.name ?? '';
      if (name !== role.metadata?.name && s.matches(r.metadata?.labels)) matched.set(name, r);
    }
  }
  const out: PolicyRule[] = [];
  for (const name of [...matched.keys()].sort()) {
    for (const r of matched.get(name)!.rules ?? []) if (!out.some((o) => sameRule(o, r))) out.push(r);
  }
  return out;
}

function rulesEqual(a: readonly PolicyRule[], b: readonly PolicyRule[]): boolean {
  return a.length === b.length && a.every((r, i) => sameRule(r, b[i]));
}

export class ClusterRoleAggregator {
  readonly #lister: ClusterRoleLister;
  readonly #write: RulesWriter;
  readonly #onError: (e: unknown) => void;
  #pending = false;
  #running?: Promise<void>;
  #stopped = false;

  constructor(lister: ClusterRoleLister, write: RulesWriter, onError: (e: unknown) => void = () => undefined) {
    this.#lister = lister;
    this.#write = write;
    this.#onError = onError;
  }

  /** Call on every ClusterRole change; syncs soon, once for a burst of changes. */
  trigger(): void {
    if (this.#stopped) return;
    this.#pending = true;
    if (!this.#running) this.#running = this.#loop();
  }

  async #loop(): Promise<void> {
    try {
      while (this.#pending && !this.#stopped) {
        this.#pending = false;
        await new Promise<void>((r) => setImmediate(r));
        await this.syncAll();
      }
    } finally {
      this.#running = undefined;
    }
  }

  /** Brings every aggregated role up to date now. */
  async syncAll(): Promise<void> {
    const all = this.#lister.list();
    for (const role of all) {
      if (!role.aggregationRule) continue;
      const want = aggregatedRules(role, all);
      if (rulesEqual(want, role.rules ?? [])) continue;
      try {
        await this.#write(role.metadata?.name ?? '', want);
      } catch (e) {
        this.#onError(e);
      }
    }
  }

  /** Resolves when no sync is running or pending. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.idle();
  }
}
