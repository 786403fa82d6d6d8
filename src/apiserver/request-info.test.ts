import { test } from 'node:test';
import assert from 'node:assert/strict';
import { queryBool, requestInfo } from './request-info.js';

const ri = (method: string, url: string) => {
  const u = new URL(url, 'https://x');
  return requestInfo(method, u.pathname, u.searchParams);
};

test('resource requests parse like upstream RequestInfoFactory', () => {
  const cases: [string, string, Partial<ReturnType<typeof ri>>][] = [
    ['GET', '/api/v1/namespaces', { verb: 'list', resource: 'namespaces', namespace: '', name: '' }],
    ['GET', '/api/v1/namespaces/other', { verb: 'get', resource: 'namespaces', namespace: '', name: 'other' }],
    ['PUT', '/api/v1/namespaces/other/status', { verb: 'update', resource: 'namespaces', name: 'other', subresource: 'status', namespace: '' }],
    ['GET', '/api/v1/namespaces/other/pods', { verb: 'list', resource: 'pods', namespace: 'other' }],
    ['GET', '/api/v1/namespaces/other/pods/foo', { verb: 'get', resource: 'pods', namespace: 'other', name: 'foo' }],
    ['GET', '/api/v1/namespaces/other/pods/foo/log', { verb: 'get', resource: 'pods', name: 'foo', subresource: 'log' }],
    ['GET', '/api/v1/pods', { verb: 'list', resource: 'pods', namespace: '' }],
    ['GET', '/api/v1/pods?watch=true', { verb: 'watch', resource: 'pods' }],
    ['GET', '/api/v1/watch/namespaces/other/pods', { verb: 'watch', resource: 'pods', namespace: 'other' }],
    ['POST', '/apis/apps/v1/namespaces/other/deployments', { verb: 'create', apiGroup: 'apps', apiVersion: 'v1', resource: 'deployments' }],
    ['DELETE', '/apis/apps/v1/namespaces/other/deployments', { verb: 'deletecollection', resource: 'deployments' }],
    ['DELETE', '/apis/apps/v1/namespaces/other/deployments/web', { verb: 'delete', name: 'web' }],
    ['PATCH', '/apis/apps/v1/namespaces/other/deployments/web/scale', { verb: 'patch', subresource: 'scale' }],
    ['GET', '/api/v1/nodes/n1', { verb: 'get', resource: 'nodes', name: 'n1', namespace: '' }],
  ];
  for (const [method, url, want] of cases) {
    const got = ri(method, url);
    assert.ok(got.isResourceRequest, url);
    for (const [k, v] of Object.entries(want)) assert.equal(got[k as keyof typeof got], v, `${method} ${url}: ${k}`);
  }
});

test('discovery and other paths are non-resource requests', () => {
  for (const url of ['/api', '/api/v1', '/apis', '/apis/apps', '/apis/apps/v1', '/healthz', '/version', '/openapi/v2']) {
    const got = ri('GET', url);
    assert.equal(got.isResourceRequest, false, url);
    assert.equal(got.verb, 'get');
  }
  assert.equal(ri('GET', '/apis/apps/v1').apiGroup, 'apps');
});

test('boolean query parameters are read as upstream\'s parameter codec reads them', () => {
  const b = (v: string) => queryBool(new URLSearchParams(`x=${encodeURIComponent(v)}`), 'x');
  for (const v of ['1', 't', 'T', 'TRUE', 'true', 'True', 'f', 'F', 'yes', '2', '']) assert.equal(b(v), true, v);
  for (const v of ['0', 'false', 'False', 'FALSE', 'fALSE']) assert.equal(b(v), false, v);
  assert.equal(queryBool(new URLSearchParams('y=1'), 'x'), undefined);
  assert.equal(queryBool(new URLSearchParams('x=0&x=1'), 'x'), false, 'the first value counts');
  for (const v of ['True', 't', '1', '']) assert.equal(ri('GET', `/api/v1/pods?watch=${v}`).verb, 'watch', v);
  for (const v of ['False', '0', 'FALSE']) assert.equal(ri('GET', `/api/v1/pods?watch=${v}`).verb, 'list', v);
});
