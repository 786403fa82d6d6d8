// Small differences from upstream a hostile client found (issue 15, item 8): body media types,
// lone surrogates, undecodable path escapes and timeoutSeconds.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing.js';
import { checkRequestPath, unescapePathSegment } from './request-info.js';
import { wellFormedValue } from '../machinery/well-formed.js';

let t: TestServer;
before(async () => { t = await startTestServer(); });
after(async () => { await t.close(); });

const CM = '/api/v1/namespaces/default/configmaps';

test('a body in application/cbor (CBOR is off) or another unknown type is 415, not read as JSON', async () => {
  const body = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cbor' } });
  for (const type of ['application/cbor', 'application/cbor-seq', 'text/plain', 'application/x-www-form-urlencoded']) {
    const r = await t.request('POST', CM, { body, contentType: type });
    assert.equal(r.status, 415, `${type}: ${r.text}`);
    assert.equal(r.json().reason, 'UnsupportedMediaType');
    assert.equal(r.json().message, 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf');
  }
  assert.equal((await t.request('GET', `${CM}/cbor`)).status, 404);
  assert.equal((await t.request('POST', CM, { body, contentType: 'application/json; charset=utf-8' })).status, 201);
});

test('a lone surrogate escape is stored as U+FFFD, as Go decodes it; a real pair is kept', async () => {
  const body = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"sur","annotations":{"note":"\\udc00"}},"data":{"lone":"a\\ud800b","pair":"\\ud83d\\ude00","esc":"\\\\ud800"}}';
  const r = await t.request('POST', CM, { body });
  assert.equal(r.status, 201, r.text);
  // the answer is valid UTF-8 JSON with no \\ud800 escape left for a strict parser to refuse
  assert.doesNotMatch(r.text, /(?<!\\)(?:\\\\)*\\ud[89a-f]/i);
  const got = (await t.request('GET', `${CM}/sur`)).json<{ data: Record<string, string>; metadata: { annotations: Record<string, string> } }>();
  assert.deepEqual(got.data, { lone: 'a\uFFFDb', pair: '\u{1F600}', esc: '\\ud800' });
  assert.deepEqual(got.metadata.annotations, { note: '\uFFFD' });
  // keys too, and a low surrogate before a high one is two lone ones
  assert.deepEqual(wellFormedValue({ 'k\ud800': ['\udfff\ud800x'] }, '{"k\\ud800":["\\udfff\\ud800x"]}'), { 'k\uFFFD': ['\uFFFD\uFFFDx'] });
});

test('path escapes decode as Go does: %ff is a byte (U+FFFD), a malformed escape is 400 "invalid URL escape", never "dot segments"', async () => {
  assert.equal(unescapePathSegment('a%2Fb'), 'a/b');
  assert.equal(unescapePathSegment('%ff'), '\uFFFD');
  assert.equal(unescapePathSegment('%e2%82%ac'), '€');
  assert.equal(unescapePathSegment('%zz'), undefined);
  assert.equal(unescapePathSegment('%f'), undefined);
  assert.throws(() => checkRequestPath('/api/v1/namespaces/%zz/pods'), /invalid URL escape "%zz"/);
  const list = await t.request('GET', '/api/v1/namespaces/%ff/configmaps');
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(list.json().items, []);
  const one = await t.request('GET', `${CM}/%ff`);
  assert.equal(one.status, 404, one.text);
  assert.equal(one.json().message, 'configmaps "\uFFFD" not found');
  const bad = await t.request('GET', `${CM}/a%zzb`);
  assert.equal(bad.status, 400);
  assert.equal(bad.json().message, 'invalid URL escape "%zz"');
  const trailing = await t.request('GET', `${CM}/a%`);
  assert.equal(trailing.json().message, 'invalid URL escape "%"');
  assert.match((await t.request('GET', `${CM}/..%2Fsecrets`)).json<{ message: string }>().message, /dot segments are not allowed/);
});

test('timeoutSeconds: list and watch agree with upstream — any integer is accepted (negative ends a watch at once), a non-integer is 400', async () => {
  const list = await t.request('GET', `${CM}?timeoutSeconds=-5`);
  assert.equal(list.status, 200, list.text);
  const t0 = Date.now();
  const watch = await t.request('GET', `${CM}?watch=1&resourceVersion=${list.json<{ metadata: { resourceVersion: string } }>().metadata.resourceVersion}&timeoutSeconds=-5`);
  assert.equal(watch.status, 200, watch.text);
  assert.equal(watch.text, '');
  assert.ok(Date.now() - t0 < 2000);
  for (const path of [`${CM}?timeoutSeconds=0.1s`, `${CM}?watch=1&timeoutSeconds=0.1s`]) {
    const r = await t.request('GET', path);
    assert.equal(r.status, 400, path);
    assert.equal(r.json().message, 'strconv.ParseInt: parsing "0.1s": invalid syntax');
  }
});
