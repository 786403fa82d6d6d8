// Test helper: an in-process API server and an admin REST client for one test file
// (started before its tests, closed after them).
import { after, before } from 'node:test';
import { clientConfig, startTestServer, type TestServer } from '../apiserver/testing.js';
import { RestClient } from './rest.js';

export interface ServerAndClient {
  t: TestServer;
  rest: RestClient;
}

export function useTestServer(): ServerAndClient {
  const ctx = {} as ServerAndClient;
  before(async () => {
    ctx.t = await startTestServer();
    ctx.rest = new RestClient(clientConfig(ctx.t));
  });
  after(async () => {
    ctx.rest.close();
    await ctx.t.close();
  });
  return ctx;
}

/** Polls cond every 10 ms; throws after ms. Returns how long it took. */
export async function until(cond: () => boolean | Promise<boolean>, ms = 5000): Promise<number> {
  const start = Date.now();
  while (!(await cond())) {
    if (Date.now() - start > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - start;
}
