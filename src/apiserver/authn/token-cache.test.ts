import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TOKEN_SUCCESS_TTL_MS, TokenCache } from './token-cache.js';

const alice = { name: 'alice', groups: ['system:authenticated'] };

function counting(answer: (token: string) => typeof alice | undefined) {
  const calls: string[] = [];
  return { calls, lookup: async (token: string) => (calls.push(token), answer(token)) };
}

test('a token that authenticated is not looked up again for 10 s; a rejected one every time', async () => {
  let now = 1_000;
  const l = counting((t) => (t === 'good' ? alice : undefined));
  const c = new TokenCache(l.lookup, () => now);
  assert.deepEqual(await c.authenticate('good'), alice);
  now += TOKEN_SUCCESS_TTL_MS - 1;
  assert.deepEqual(await c.authenticate('good'), alice);
  assert.deepEqual(l.calls, ['good']);
  now += 1;
  assert.deepEqual(await c.authenticate('good'), alice);
  assert.deepEqual(l.calls, ['good', 'good'], 'looked up again once the entry expired');
  assert.equal(await c.authenticate('bad'), undefined);
  assert.equal(await c.authenticate('bad'), undefined);
  assert.deepEqual(l.calls, ['good', 'good', 'bad', 'bad'], 'failures are not cached (failure TTL 0)');
});

test('concurrent lookups of one token share one; errors are not cached', async () => {
  const l = counting(() => alice);
  const c = new TokenCache(l.lookup);
  await Promise.all([c.authenticate('t'), c.authenticate('t'), c.authenticate('t')]);
  assert.equal(l.calls.length, 1);
  let fail = true;
  const e = new TokenCache(async () => {
    if (fail) throw new Error('store down');
    return alice;
  });
  await assert.rejects(e.authenticate('t'), /store down/);
  fail = false;
  assert.deepEqual(await e.authenticate('t'), alice);
});
