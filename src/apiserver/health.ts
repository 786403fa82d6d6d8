// /healthz, /livez and /readyz with upstream's output: "ok", or with ?verbose one line
// per check ("[+]ping ok") and a summary; /readyz/<check> runs one check; ?exclude=<check> skips one.
import type { Res } from './http.js';
import { sendText } from './http.js';

export type HealthCheck = () => Promise<void> | void;

export class HealthChecks {
  readonly #checks = new Map<string, HealthCheck>();

  add(name: string, check: HealthCheck): void {
    this.#checks.set(name, check);
  }

  /** Answers path (/readyz, /readyz/etcd, …) for the endpoint's checks. */
  async serve(res: Res, endpoint: string, rest: string, query: URLSearchParams): Promise<void> {
    if (rest) {
      const check = this.#checks.get(rest);
      if (!check) {
        sendText(res, 404, '404 page not found\n');
        return;
      }
      try {
        await check();
        sendText(res, 200, 'ok');
      } catch (e) {
        sendText(res, 500, `internal server error: ${(e as Error).message}\n`);
      }
      return;
    }
    const exclude = new Set(query.getAll('exclude'));
    const lines: string[] = [];
    let failed = false;
    for (const [name, check] of this.#checks) {
      if (exclude.has(name)) {
        lines.push(`[+]${name} excluded: ok`);
        continue;
      }
      try {
        await check();
        lines.push(`[+]${name} ok`);
      } catch {
        failed = true;
        lines.push(`[-]${name} failed: reason withheld`);
      }
    }
    const verbose = query.has('verbose');
    if (failed) {
      sendText(res, 500, `${lines.join('\n')}\n${endpoint} check failed\n`);
    } else if (verbose) {
      sendText(res, 200, `${lines.join('\n')}\n${endpoint} check passed\n`);
    } else {
      sendText(res, 200, 'ok');
    }
  }
}
