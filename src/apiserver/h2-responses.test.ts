// Large responses over HTTP/2: several multi-megabyte lists in flight on one session must all
// complete. Handing each whole body to its stream at once passes Node's per-session memory
// limit, and the streams were then reset (ENHANCE_YOUR_CALM) instead of completed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { h2Request, h2Session, startTestServer } from './testing.js';

const CM = '/api/v1/namespaces/default/configmaps';

test('ten concurrent 5 MB lists on one HTTP/2 session all complete, multi-byte text intact', async () => {
  const t = await startTestServer();
  const s = h2Session(t);
  try {
    // 100 KB values of a 4-byte character: every 64 KB piece boundary falls inside text that must survive
    const value = '\u{1F600}'.repeat(25_000) + 'é';
    for (let i = 0; i < 50; i++) {
      const r = await t.request('POST', CM, { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}` }, data: { v: value } } });
      assert.equal(r.status, 201, r.text);
    }
    const rs = await Promise.all(Array.from({ length: 10 }, () => h2Request(s, 'GET', CM)));
    for (const r of rs) {
      assert.deepEqual([r.status, r.rst], [200, 0]);
      const list = JSON.parse(r.text) as { items: { data: { v: string } }[] };
      assert.equal(list.items.length, 50);
      assert.ok(list.items.every((it) => it.data.v === value));
    }
  } finally {
    s.close();
    await t.close();
  }
});
