import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ForbiddenError, NotFoundError } from '../../machinery/errors.js';
import type { FilterContext } from '../chain.js';
import { readBody, sendError, sendJson, type Req, type Res } from '../http.js';
import { requestInfo, type RequestInfo } from '../request-info.js';
import { auditFilter, auditingAuthorizer, fileSink, memorySink } from './filter.js';
import { scrub } from './event.js';
import { parsePolicy } from './policy.js';

const policy = parsePolicy(`
apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: None
  resources: [{group: "", resources: ["events"]}]
- level: Metadata
  resources: [{group: "", resources: ["configmaps"]}]
  namespaces: ["meta"]
- level: Request
  resources: [{group: "", resources: ["configmaps"]}]
  namespaces: ["req"]
- level: RequestResponse
`);
const sink = memorySink();
const filter = auditFilter(policy, sink);
let server: Server;
let port = 0;
const SECRET = 'c3VwZXItc2VjcmV0LXZhbHVl'; // base64 of super-secret-value

async function handler(req: Req, res: Res): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://x');
  const ri = requestInfo(req.method ?? 'GET', url.pathname, url.searchParams);
  const ctx: FilterContext = { req, res, ri, user: { name: 'jane', uid: 'u1', groups: ['dev', 'system:authenticated'] } };
  try {
    await filter(ctx, () => serve(req, res, ri, ctx));
  } catch (e) {
    sendError(res, e);
  }
}

// an authorizer that refuses the user "mallory", wrapped so its decisions reach the audit events
const authz = auditingAuthorizer({
  authorize: async (a) => (a.name === 'forbidden' ? { decision: 'noOpinion', reason: 'no RBAC policy matched' } : { decision: 'allow', reason: 'RBAC: allowed by test' }),
});

async function serve(req: Req, res: Res, ri: RequestInfo, ctx: FilterContext): Promise<void> {
  const d = await authz.authorize({ ...ri, user: ctx.user!, path: ri.path });
  if (d.decision !== 'allow') throw new ForbiddenError({ group: '', resource: ri.resource }, ri.name, 'User "jane" cannot get resource "configmaps"');
  {
    try {
      if (ri.verb === 'watch') {
        res.writeHead(200, { 'content-type': 'application/json' });
        (res as ServerResponse).write(JSON.stringify({ type: 'ADDED', object: { kind: 'Secret', apiVersion: 'v1', metadata: { name: 's' }, data: { k: SECRET } } }));
        await new Promise((r) => setTimeout(r, 20));
        res.end();
      } else if (ri.name === 'missing') {
        throw new NotFoundError({ group: '', resource: ri.resource }, 'missing');
      } else if (req.method === 'POST') {
        const body = JSON.parse((await readBody(req)).toString()) as Record<string, unknown>;
        sendJson(res, 201, { ...body, metadata: { ...(body.metadata as object), uid: 'x-1', managedFields: [{ manager: 'kubectl' }] } });
      } else if (ri.resource === 'secrets') {
        sendJson(res, 200, { kind: 'SecretList', apiVersion: 'v1', items: [{ kind: 'Secret', metadata: { name: 's' }, data: { k: SECRET } }] });
      } else {
        sendJson(res, 200, { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: ri.name }, data: { a: '1' } });
      }
      ctx.code = res.statusCode;
    } catch (e) {
      ctx.code = sendError(res, e);
    }
  }
}

function call(method: string, path: string, body?: unknown): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const r = request({ host: '127.0.0.1', port, method, path, headers: { 'content-type': 'application/json', 'user-agent': 'kubectl/v1.33.0 (linux/amd64)' } }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    r.on('error', reject);
    r.end(data);
  });
}

function eventsFor(id: string) {
  return sink.events().filter((e) => e.auditID === id);
}

before(async () => {
  server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
after(() => new Promise<void>((r) => server.close(() => r())));

test('Metadata: RequestReceived and ResponseComplete with the request metadata and no bodies', async () => {
  const r = await call('POST', '/api/v1/namespaces/meta/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } });
  assert.equal(r.status, 201);
  const id = String(r.headers['audit-id']);
  assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const evs = eventsFor(id);
  assert.deepEqual(evs.map((e) => e.stage), ['RequestReceived', 'ResponseComplete']);
  const done = evs[1];
  assert.equal(done.kind, 'Event');
  assert.equal(done.apiVersion, 'audit.k8s.io/v1');
  assert.equal(done.level, 'Metadata');
  assert.equal(done.requestURI, '/api/v1/namespaces/meta/configmaps');
  assert.equal(done.verb, 'create');
  assert.deepEqual(done.user, { username: 'jane', uid: 'u1', groups: ['dev', 'system:authenticated'] });
  assert.deepEqual(done.sourceIPs, ['127.0.0.1']);
  assert.equal(done.userAgent, 'kubectl/v1.33.0 (linux/amd64)');
  assert.deepEqual(done.objectRef, { resource: 'configmaps', namespace: 'meta', apiVersion: 'v1' });
  assert.deepEqual(done.responseStatus, { metadata: {}, code: 201 });
  assert.equal(done.requestObject, undefined);
  assert.equal(done.responseObject, undefined);
  assert.match(done.stageTimestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  assert.match(done.requestReceivedTimestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  assert.deepEqual(done.annotations, { 'authorization.k8s.io/decision': 'allow', 'authorization.k8s.io/reason': 'RBAC: allowed by test' });
  assert.equal(evs[0].responseStatus, undefined);
  assert.equal(evs[0].annotations, undefined);
});

test('Request: the request object, no response object', async () => {
  const r = await call('POST', '/api/v1/namespaces/req/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } });
  const done = eventsFor(String(r.headers['audit-id'])).at(-1)!;
  assert.equal(done.level, 'Request');
  assert.deepEqual(done.requestObject, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } });
  assert.equal(done.responseObject, undefined);
});

test('RequestResponse: both objects', async () => {
  const r = await call('POST', '/api/v1/namespaces/rr/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
  const done = eventsFor(String(r.headers['audit-id'])).at(-1)!;
  assert.equal(done.level, 'RequestResponse');
  assert.deepEqual(done.requestObject, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
  assert.deepEqual(done.responseObject, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', uid: 'x-1', managedFields: [{ manager: 'kubectl' }] } });
});

test('None: no events, but the Audit-Id header', async () => {
  const before = sink.lines.length;
  const r = await call('GET', '/api/v1/namespaces/rr/events/e');
  assert.ok(r.headers['audit-id']);
  assert.equal(sink.lines.length, before);
});

test('an error answer: responseStatus carries the Status fields', async () => {
  const r = await call('GET', '/api/v1/namespaces/meta/configmaps/missing');
  assert.equal(r.status, 404);
  const done = eventsFor(String(r.headers['audit-id'])).at(-1)!;
  assert.deepEqual(done.responseStatus, {
    metadata: {}, status: 'Failure', message: 'configmaps "missing" not found', reason: 'NotFound', details: JSON.parse(r.text).details, code: 404,
  });
});

test('an error thrown through the filter (as the server authorizer does) is a ResponseComplete with its Status', async () => {
  const r = await call('GET', '/api/v1/namespaces/meta/configmaps/forbidden');
  assert.equal(r.status, 403);
  const evs = eventsFor(String(r.headers['audit-id']));
  assert.deepEqual(evs.map((e) => e.stage), ['RequestReceived', 'ResponseComplete']);
  assert.equal(evs[1].responseStatus?.code, 403);
  assert.equal(evs[1].responseStatus?.reason, 'Forbidden');
  assert.equal(evs[1].responseStatus?.message, 'configmaps "forbidden" is forbidden: User "jane" cannot get resource "configmaps"');
  assert.deepEqual(evs[1].annotations, { 'authorization.k8s.io/decision': 'forbid', 'authorization.k8s.io/reason': 'no RBAC policy matched' });
});

test('secrets never reach the log, whatever the level', async () => {
  const before = sink.lines.length;
  const created = await call('POST', '/api/v1/namespaces/rr/secrets', {
    apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': `{"data":{"k":"${SECRET}"}}` } },
    data: { k: SECRET }, stringData: { plain: 'super-secret-value' },
  });
  assert.equal(created.status, 201);
  assert.ok(created.text.includes(SECRET));
  const listed = await call('GET', '/api/v1/namespaces/rr/secrets');
  assert.ok(listed.text.includes(SECRET));
  const watched = await call('GET', '/api/v1/namespaces/rr/secrets?watch=true');
  assert.ok(watched.text.includes(SECRET));
  const lines = sink.lines.slice(before);
  assert.equal(lines.length, 7); // 2 + 2 + watch: RequestReceived, ResponseStarted, ResponseComplete
  for (const l of lines) {
    assert.ok(!l.includes(SECRET) && !l.includes('super-secret-value'), l);
    assert.equal(JSON.parse(l).level, 'Metadata');
  }
});

test('watches: ResponseStarted when the stream begins, ResponseComplete when it ends', async () => {
  const r = await call('GET', '/api/v1/namespaces/rr/configmaps?watch=true');
  const evs = eventsFor(String(r.headers['audit-id']));
  assert.deepEqual(evs.map((e) => e.stage), ['RequestReceived', 'ResponseStarted', 'ResponseComplete']);
  assert.equal(evs[1].verb, 'watch');
  assert.deepEqual(evs[1].responseStatus, { metadata: {}, code: 200 });
  assert.equal(evs[2].responseObject, undefined);
});

test('scrub removes credentials from Secrets, lists, watch events, TokenRequests and TokenReviews', () => {
  const secret = { kind: 'Secret', metadata: { name: 's', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': 'x', keep: 'y' } }, data: { k: 'v' }, stringData: { a: 'b' }, type: 'Opaque' };
  assert.deepEqual(scrub(secret), { kind: 'Secret', metadata: { name: 's', annotations: { keep: 'y' } }, type: 'Opaque' });
  assert.deepEqual(scrub({ kind: 'List', items: [secret] }), { kind: 'List', items: [{ kind: 'Secret', metadata: { name: 's', annotations: { keep: 'y' } }, type: 'Opaque' }] });
  assert.deepEqual(scrub({ type: 'ADDED', object: { kind: 'Secret', data: { k: 'v' } } }), { type: 'ADDED', object: { kind: 'Secret' } });
  assert.deepEqual(scrub({ kind: 'Table', rows: [{ object: { kind: 'Secret', data: { k: 'v' } } }] }), { kind: 'Table', rows: [{ object: { kind: 'Secret' } }] });
  assert.deepEqual(scrub({ kind: 'TokenRequest', spec: { audiences: ['a'] }, status: { token: 'eyJ', expirationTimestamp: 't' } }), { kind: 'TokenRequest', spec: { audiences: ['a'] }, status: { expirationTimestamp: 't' } });
  assert.deepEqual(scrub({ kind: 'TokenReview', spec: { token: 'eyJ' }, status: {} }), { kind: 'TokenReview', spec: {}, status: {} });
  assert.deepEqual(scrub({ kind: 'Pod', metadata: { name: 'p', managedFields: [1] } }, true), { kind: 'Pod', metadata: { name: 'p' } });
  // the original is left alone
  assert.deepEqual(secret.data, { k: 'v' });
});

test('credential-bearing requests stay at Metadata under every level: secrets, TokenRequest, TokenReview', async () => {
  const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LWNsYWltcw.c2lnbmF0dXJl';
  for (const level of ['Metadata', 'Request', 'RequestResponse'] as const) {
    const s = memorySink();
    const f = auditFilter(parsePolicy(`apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: ${level}\n`), s);
    const srv = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const info = requestInfo(req.method ?? 'GET', url.pathname, url.searchParams);
      void f({ req, res, ri: info, user: { name: 'jane', groups: [] } }, async () => {
        const body = JSON.parse((await readBody(req)).toString()) as Record<string, unknown>;
        if (info.resource === 'serviceaccounts') sendJson(res, 201, { ...body, status: { token: TOKEN, expirationTimestamp: '2030-01-01T00:00:00Z' } });
        else if (info.resource === 'tokenreviews') sendJson(res, 201, { ...body, status: { authenticated: true, user: { username: 'x' } } });
        else sendJson(res, 201, body);
      });
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const p = (srv.address() as AddressInfo).port;
    const post = (path: string, body: unknown) => new Promise<void>((resolve, reject) => {
      const r = request({ host: '127.0.0.1', port: p, method: 'POST', path, headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        res.on('end', () => resolve());
      });
      r.on('error', reject);
      r.end(JSON.stringify(body));
    });
    await post('/api/v1/namespaces/d/secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { k: SECRET } });
    await post('/api/v1/namespaces/d/serviceaccounts/default/token', { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { audiences: ['a'] } });
    await post('/apis/authentication.k8s.io/v1/tokenreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token: TOKEN } });
    // and a configmap, which does get the level asked for
    await post('/api/v1/namespaces/d/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { k: 'visible' } });
    await new Promise((r) => setTimeout(r, 20));
    await new Promise<void>((r) => srv.close(() => r()));
    const evs = s.events().filter((e) => e.stage === 'ResponseComplete');
    assert.equal(evs.length, 4);
    for (const l of s.lines) assert.ok(!l.includes(SECRET) && !l.includes(TOKEN), `${level}: ${l}`);
    assert.deepEqual(evs.map((e) => e.level), ['Metadata', 'Metadata', 'Metadata', level]);
    assert.deepEqual(evs.map((e) => e.objectRef?.resource), ['secrets', 'serviceaccounts', 'tokenreviews', 'configmaps']);
    assert.equal(evs[1].objectRef?.subresource, 'token');
    if (level !== 'Metadata') assert.ok(s.lines.at(-1)!.includes('visible'));
  }
});

test('fileSink appends lines to a file created 0600, and "-" writes to stdout', async () => {
  const { mkdtempSync, readFileSync, statSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'audit-sink-'));
  const file = join(dir, 'audit.log');
  const a = fileSink(file);
  a.write('{"a":1}');
  a.close();
  const b = fileSink(file);
  b.write('{"b":2}');
  b.close();
  assert.equal(readFileSync(file, 'utf8'), '{"a":1}\n{"b":2}\n');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  rmSync(dir, { recursive: true, force: true });
  const out: string[] = [];
  const orig = process.stdout.write;
  process.stdout.write = ((chunk: string) => { out.push(String(chunk)); return true; }) as typeof process.stdout.write;
  try {
    fileSink('-').write('{"c":3}');
  } finally {
    process.stdout.write = orig;
  }
  assert.deepEqual(out, ['{"c":3}\n']);
});
