// Deeply nested and self-referent bodies (issue 15 items 1 and 2): an object nested about 4,100 levels used to be stored
// and then break every read, list, watch, patch and delete of its resource with 500 "Maximum call
// stack size exceeded". Every content type is now bounded at decode (machinery/nesting.ts), and an
// object at the bound goes through every later path.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { encodeProtobuf } from '../api/protobuf/index.js';
import { scheme } from '../api/index.js';
import { MAX_BODY_DEPTH, MAX_NESTING_DEPTH } from '../machinery/nesting.js';
import { startTestServer, type TestServer } from './testing.js';

let t: TestServer;
before(async () => {
  t = await startTestServer();
});
after(async () => {
  await t.close();
});

const NS = '/apis/apps/v1/namespaces/default/controllerrevisions';

/** JSON text of a value `levels` objects deep: {"x":{"x":...1}} */
const deepJson = (levels: number) => '{"x":'.repeat(levels) + '1' + '}'.repeat(levels);
/** A ControllerRevision whose document nests `depth` levels (the revision object is level 1). */
const revisionText = (name: string, depth: number) =>
  `{"apiVersion":"apps/v1","kind":"ControllerRevision","metadata":{"name":"${name}"},"revision":1,"data":${deepJson(depth - 1)}}`;

function deepValue(levels: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = { x: v };
  return v;
}

test('the poison object: a revision nested 4,100 levels is refused and list still works', async () => {
  const r = await t.request('POST', NS, { body: revisionText('poison', 4100) });
  assert.equal(r.status, 400, r.text);
  assert.match(r.json<{ message: string }>().message, /^the object provided is unrecognized \(must be of type ControllerRevision\): couldn't get version\/kind; json parse error: invalid character '\{' exceeded max depth \(\{"apiVersion/);
  const list = await t.request('GET', '/apis/apps/v1/controllerrevisions');
  assert.equal(list.status, 200, list.text);
  assert.equal((await t.request('GET', `${NS}/poison`)).status, 404);
});

test('an object at the bound is stored, and every read and write of it answers', async () => {
  const created = await t.request('POST', `${NS}?fieldManager=deep`, { body: revisionText('atbound', MAX_NESTING_DEPTH) });
  assert.equal(created.status, 201, created.text);
  const url = `${NS}/atbound`;
  const ok = async (what: string, p: Promise<{ status: number; text: string }>) => {
    const r = await p;
    assert.ok(r.status >= 200 && r.status < 300, `${what}: ${r.status} ${r.text.slice(0, 300)}`);
    return r;
  };
  await ok('get', t.request('GET', url));
  await ok('get yaml', t.request('GET', url, { accept: 'application/yaml' }));
  await ok('get protobuf', t.request('GET', url, { accept: 'application/vnd.kubernetes.protobuf' }));
  await ok('get table', t.request('GET', url, { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' }));
  await ok('list', t.request('GET', NS));
  await ok('list cluster-wide', t.request('GET', '/apis/apps/v1/controllerrevisions'));
  const watch = await ok('watch', t.request('GET', `${NS}?watch=true&timeoutSeconds=1&fieldSelector=metadata.name%3Datbound`));
  assert.match(watch.text, /"type":"ADDED"/);
  await ok('merge patch', t.request('PATCH', url, { body: { metadata: { labels: { a: 'b' } } }, contentType: 'application/merge-patch+json' }));
  await ok('strategic patch', t.request('PATCH', url, { body: { metadata: { labels: { a: 'c' } } }, contentType: 'application/strategic-merge-patch+json' }));
  await ok('json patch', t.request('PATCH', url, { body: [{ op: 'replace', path: '/revision', value: 2 }], contentType: 'application/json-patch+json' }));
  await ok('apply', t.request('PATCH', `${url}?fieldManager=applier&force=true`, {
    body: JSON.stringify({ apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'atbound' }, revision: 3, data: deepValue(MAX_NESTING_DEPTH - 1) }),
    contentType: 'application/apply-patch+yaml',
  }));
  const yaml = await ok('create from YAML at the bound', t.request('POST', NS, { body: revisionText('atboundyaml', MAX_NESTING_DEPTH), contentType: 'application/yaml' }));
  assert.equal(yaml.status, 201);
  const got = await ok('get after writes', t.request('GET', url));
  const put = JSON.parse(got.text) as Record<string, unknown>;
  await ok('update', t.request('PUT', url, { body: put }));
  await ok('delete', t.request('DELETE', url));
});

test('one level past the bound is 400 in every content type and patch type, and nothing is stored', async () => {
  const depth = MAX_NESTING_DEPTH + 1;
  const json = await t.request('POST', NS, { body: revisionText('past', depth) });
  assert.equal(json.status, 400, json.text);

  const yamlFlow = await t.request('POST', NS, { body: revisionText('past', depth), contentType: 'application/yaml' });
  assert.equal(yamlFlow.status, 400, `flow: ${yamlFlow.text.slice(0, 300)}`);
  assert.ok(yamlFlow.json<{ message: string }>().message.includes("invalid character '{' exceeded max depth"), yamlFlow.text);
  const yamlDeeper = await t.request('POST', NS, { body: revisionText('past', MAX_BODY_DEPTH + 2), contentType: 'application/yaml' });
  assert.ok(yamlDeeper.json<{ message: string }>().message.includes(`: error converting YAML to JSON: yaml: exceeded max depth of ${MAX_BODY_DEPTH} (`), yamlDeeper.text);
  const block = ['apiVersion: apps/v1', 'kind: ControllerRevision', 'metadata:', '  name: past', 'revision: 1', 'data:'];
  for (let i = 1; i < depth; i++) block.push(`${' '.repeat(i)}x:`);
  const yamlBlock = await t.request('POST', NS, { body: `${block.join('\n')} 1\n`, contentType: 'application/yaml' });
  assert.equal(yamlBlock.status, 400, `block: ${yamlBlock.text.slice(0, 300)}`);
  // the yaml library's composer used to overflow here, and past ~2,000 levels abort the process
  const yamlHuge = await t.request('POST', NS, { body: `data: ${'['.repeat(100_000)}`, contentType: 'application/yaml' });
  assert.equal(yamlHuge.status, 400, yamlHuge.text);

  const pb = encodeProtobuf({
    apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'past' }, revision: 1, data: deepValue(depth - 1),
  } as never, scheme);
  const proto = await t.request('POST', NS, { body: Buffer.from(pb), contentType: 'application/vnd.kubernetes.protobuf' });
  assert.equal(proto.status, 400, proto.text);
  assert.match(proto.json<{ message: string }>().message, /invalid character '\{' exceeded max depth/);
  assert.equal((await t.request('GET', `${NS}/past`)).status, 404);

  const base = await t.request('POST', NS, { body: revisionText('target', 2) });
  assert.equal(base.status, 201, base.text);
  const url = `${NS}/target`;
  const patches: Array<[string, unknown]> = [
    ['application/merge-patch+json', { data: deepValue(depth) }],
    ['application/strategic-merge-patch+json', { data: deepValue(depth) }],
    ['application/json-patch+json', [{ op: 'add', path: '/data', value: deepValue(depth) }]],
    ['application/apply-patch+yaml', { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'target' }, data: deepValue(depth) }],
  ];
  for (const [contentType, body] of patches) {
    const r = await t.request('PATCH', `${url}?fieldManager=p`, { body, contentType });
    assert.equal(r.status, 400, `${contentType}: ${r.text.slice(0, 300)}`);
  }
});

test('a JSON patch cannot nest one bounded value inside another past the bound', async () => {
  const half = Math.ceil(MAX_NESTING_DEPTH / 2) + 5;
  const created = await t.request('POST', NS, { body: revisionText('grow', half) });
  assert.equal(created.status, 201, created.text);
  const path = `/data${'/x'.repeat(half - 3)}`;
  const r = await t.request('PATCH', `${NS}/grow`, {
    body: [{ op: 'replace', path, value: deepValue(half) }], contentType: 'application/json-patch+json',
  });
  assert.equal(r.status, 400, r.text.slice(0, 300));
  assert.equal(r.json().message, "invalid character '{' exceeded max depth");
  assert.equal((await t.request('GET', `${NS}/grow`)).status, 200);
});

test('a YAML alias inside its own anchor is 400, as other YAML that cannot become JSON', async () => {
  const r = await t.request('POST', '/api/v1/namespaces/default/configmaps', {
    body: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: loop\ndata: &d {x: *d}\n', contentType: 'application/yaml',
  });
  assert.equal(r.status, 400, r.text);
  assert.ok(r.json<{ message: string }>().message.includes(": error converting YAML to JSON: yaml: anchor 'd' value contains itself ("), r.text);
  const apply = await t.request('PATCH', '/api/v1/namespaces/default/configmaps/loop?fieldManager=a', {
    body: 'apiVersion: v1\nkind: ConfigMap\nmetadata: &m\n  name: loop\n  labels: {m: *m}\n', contentType: 'application/apply-patch+yaml',
  });
  assert.equal(apply.status, 400, apply.text);
  assert.ok(apply.json<{ message: string }>().message.includes("error converting YAML to JSON: yaml: anchor 'm' value contains itself"), apply.text);
});
