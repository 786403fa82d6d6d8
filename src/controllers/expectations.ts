// ControllerExpectations (upstream's controller_utils): how many creations and deletions a
// controller has asked for and not yet seen in its cache. While some are outstanding the
// controller must not act again on a lagging cache, or it would create or delete twice.
// An expectation older than five minutes is considered met, so a lost watch event cannot
// wedge a controller forever.

/** ExpectationsTimeout: 5 minutes. */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;

interface Expectation {
  add: number;
  del: number;
  /** when the expectation was set, for the timeout */
  at: number;
  /** pod keys whose deletion is awaited (UIDTrackingControllerExpectations) */
  deleting: Set<string>;
}

export class ControllerExpectations {
  #items = new Map<string, Expectation>();
  #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /**
   * SatisfiedExpectations: true when the controller may act on `key`: nothing is recorded
   * (first sync, or after a deletion), everything expected was observed, or it timed out.
   */
  satisfied(key: string): boolean {
    const e = this.#items.get(key);
    if (!e) return true;
    if (e.add <= 0 && e.del <= 0) return true;
    return this.#now() - e.at > EXPECTATIONS_TIMEOUT_MS;
  }

  /** ExpectCreations: `count` pods are about to be created (replaces what was recorded). */
  expectCreations(key: string, count: number): void {
    this.#items.set(key, { add: count, del: 0, at: this.#now(), deleting: new Set() });
  }

  /** ExpectDeletions for these pod keys (UID tracking: each is counted once, when seen gone). */
  expectDeletions(key: string, podKeys: readonly string[]): void {
    this.#items.set(key, { add: 0, del: podKeys.length, at: this.#now(), deleting: new Set(podKeys) });
  }

  /** CreationObserved: one expected pod was seen in the cache (or its creation failed). */
  creationObserved(key: string): void {
    const e = this.#items.get(key);
    if (e) e.add--;
  }

  /**
   * DeletionObserved: a pod was seen deleted (or its deletion failed); it only counts when
   * its deletion was expected, so an unrelated delete cannot release the guard early.
   */
  deletionObserved(key: string, podKey: string): void {
    const e = this.#items.get(key);
    if (e?.deleting.delete(podKey)) e.del--;
  }

  /** The outstanding counts, for tests and logs. */
  get(key: string): { add: number; del: number } | undefined {
    const e = this.#items.get(key);
    return e && { add: e.add, del: e.del };
  }

  /** DeleteExpectations: the controller object is gone. */
  delete(key: string): void {
    this.#items.delete(key);
  }
}
