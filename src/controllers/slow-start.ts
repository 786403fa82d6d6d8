// slowStartBatch (upstream's controller_utils): run `count` calls of fn in batches of 1, 2, 4, …
// (doubling from initialBatchSize), each batch in parallel, and stop after the first batch in
// which any call fails. A failing quota or admission check then costs one request, not hundreds.

export interface BatchResult {
  /** how many calls succeeded */
  successes: number;
  /** the first error of the batch that stopped the run */
  error?: unknown;
}

/** Runs fn(i) for i in 0…count-1 in growing batches; returns the successes and the first error. */
export async function slowStartBatch(count: number, initialBatchSize: number, fn: (i: number) => Promise<void>): Promise<BatchResult> {
  let remaining = count;
  let successes = 0;
  let next = 0;
  for (let size = Math.min(remaining, initialBatchSize); size > 0; size = Math.min(2 * size, remaining)) {
    const results = await Promise.allSettled(Array.from({ length: size }, () => fn(next++)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    successes += results.filter((r) => r.status === 'fulfilled').length;
    if (failed) return { successes, error: failed.reason };
    remaining -= size;
  }
  return { successes };
}
