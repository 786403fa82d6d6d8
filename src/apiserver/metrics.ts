// Prometheus text exposition of the API server's own metrics: requests by verb, resource
// and code, request latency, requests in flight, open watches and storage latency.

const BUCKETS = [0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 45, 60];

class Histogram {
  readonly counts = new Map<string, { buckets: number[]; sum: number; count: number }>();
  observe(labels: string, seconds: number): void {
    let h = this.counts.get(labels);
    if (!h) {
      h = { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.counts.set(labels, h);
    }
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]) h.buckets[i]++;
    h.sum += seconds;
    h.count++;
  }
  render(name: string, help: string): string[] {
    const out = [`# HELP ${name} ${help}`, `# TYPE ${name} histogram`];
    for (const [labels, h] of this.counts) {
      const sep = labels ? ',' : '';
      BUCKETS.forEach((b, i) => out.push(`${name}_bucket{${labels}${sep}le="${b}"} ${h.buckets[i]}`));
      out.push(`${name}_bucket{${labels}${sep}le="+Inf"} ${h.count}`);
      out.push(`${name}_sum{${labels}} ${h.sum}`);
      out.push(`${name}_count{${labels}} ${h.count}`);
    }
    return out;
  }
}

const esc = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labelText = (l: Record<string, string>): string => Object.entries(l).map(([k, v]) => `${k}="${esc(v)}"`).join(',');

export class Metrics {
  readonly #requests = new Map<string, number>();
  readonly #latency = new Histogram();
  readonly #storage = new Histogram();
  readonly #inflight = { readOnly: 0, mutating: 0 };
  readonly #watches = new Map<string, number>();

  requestStarted(mutating: boolean): () => void {
    const k = mutating ? 'mutating' : 'readOnly';
    this.#inflight[k]++;
    let done = false;
    return () => {
      if (!done) this.#inflight[k]--;
      done = true;
    };
  }

  requestDone(verb: string, resource: string, code: number, seconds: number): void {
    const key = labelText({ code: String(code), resource, verb: verb.toUpperCase() });
    this.#requests.set(key, (this.#requests.get(key) ?? 0) + 1);
    if (verb !== 'watch') this.#latency.observe(labelText({ resource, verb: verb.toUpperCase() }), seconds);
  }

  watchOpened(resource: string): () => void {
    this.#watches.set(resource, (this.#watches.get(resource) ?? 0) + 1);
    let done = false;
    return () => {
      if (!done) this.#watches.set(resource, (this.#watches.get(resource) ?? 1) - 1);
      done = true;
    };
  }

  storageDone(operation: string, resource: string, seconds: number): void {
    this.#storage.observe(labelText({ operation, resource }), seconds);
  }

  /** Times a storage call. */
  async timeStorage<T>(operation: string, resource: string, fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      this.storageDone(operation, resource, (performance.now() - t0) / 1000);
    }
  }

  render(): string {
    const out: string[] = [];
    out.push('# HELP apiserver_request_total Counter of apiserver requests broken out by verb, resource and HTTP response code.');
    out.push('# TYPE apiserver_request_total counter');
    for (const [l, n] of this.#requests) out.push(`apiserver_request_total{${l}} ${n}`);
    out.push(...this.#latency.render('apiserver_request_duration_seconds', 'Response latency distribution in seconds for each verb and resource.'));
    out.push('# HELP apiserver_current_inflight_requests Maximal number of currently used inflight request limit of this apiserver per request kind.');
    out.push('# TYPE apiserver_current_inflight_requests gauge');
    out.push(`apiserver_current_inflight_requests{request_kind="readOnly"} ${this.#inflight.readOnly}`);
    out.push(`apiserver_current_inflight_requests{request_kind="mutating"} ${this.#inflight.mutating}`);
    out.push('# HELP apiserver_longrunning_requests Gauge of all active long-running apiserver requests (watches).');
    out.push('# TYPE apiserver_longrunning_requests gauge');
    for (const [r, n] of this.#watches) out.push(`apiserver_longrunning_requests{${labelText({ resource: r, verb: 'WATCH' })}} ${n}`);
    out.push(...this.#storage.render('etcd_request_duration_seconds', 'Storage request latency in seconds for each operation and resource.'));
    return out.join('\n') + '\n';
  }
}
