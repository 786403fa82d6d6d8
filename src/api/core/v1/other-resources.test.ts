import { test } from 'node:test';
import assert from 'node:assert/strict';
import { otherResources } from './other-resources.js';
import { decode } from '../../decode.js';
import type { ResourceInfo } from '../../scheme.js';

const byResource = (name: string): ResourceInfo => {
  const r = otherResources.find((x) => x.resource === name);
  assert.ok(r, name);
  return r;
};

test('resources, short names, scope and subresources as kubectl api-resources shows them', () => {
  const table = otherResources.map((r) => [r.resource, r.shortNames.join(','), r.namespaced, r.subresources.join(','), r.categories.join(',')]);
  assert.deepEqual(table, [
    ['namespaces', 'ns', false, 'status,finalize', ''],
    ['configmaps', 'cm', true, '', ''],
    ['secrets', '', true, '', ''],
    ['serviceaccounts', 'sa', true, 'token', ''],
    ['services', 'svc', true, 'status,proxy', 'all'],
    ['endpoints', 'ep', true, '', ''],
    ['nodes', 'no', false, 'status,proxy', ''],
    ['events', 'ev', true, '', ''],
    ['bindings', '', true, '', ''],
    ['componentstatuses', 'cs', false, '', ''],
    ['persistentvolumes', 'pv', false, 'status', ''],
    ['persistentvolumeclaims', 'pvc', true, 'status', ''],
    ['limitranges', 'limits', true, '', ''],
    ['resourcequotas', 'quota', true, 'status', ''],
  ]);
});

/** decode → defaults → validate, as the API server runs a create. */
function admit(resource: string, body: unknown) {
  const r = byResource(resource);
  const { value, unknownFields } = decode<Record<string, unknown>>(r.schema, body);
  r.defaults?.(value);
  return { value, unknownFields, errors: r.validate?.(value) ?? [] };
}

test('a Service manifest decodes, defaults and validates', () => {
  const { value, unknownFields, errors } = admit('services', {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' },
    spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }, { name: 'https', port: 443 }] },
  });
  assert.deepEqual(unknownFields, []);
  assert.deepEqual(errors, []);
  assert.deepEqual((value.spec as { ports: unknown[] }).ports, [
    { name: 'http', port: 80, targetPort: 'http', nodePort: 30080, protocol: 'TCP' },
    { name: 'https', port: 443, protocol: 'TCP', targetPort: 443 },
  ]);
});

test('quantities in PVs, quotas and nodes come out canonical', () => {
  const pv = admit('persistentvolumes', {
    apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv1' },
    spec: { capacity: { storage: 1073741824 }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' } },
  });
  assert.deepEqual(pv.errors, []);
  assert.equal((pv.value.spec as { capacity: { storage: string } }).capacity.storage, '1073741824');
  const quota = admit('resourcequotas', {
    apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'default' }, spec: { hard: { 'requests.cpu': 0.5, pods: 10 } },
  });
  assert.deepEqual(quota.errors, []);
  assert.deepEqual((quota.value.spec as { hard: Record<string, string> }).hard, { 'requests.cpu': '500m', pods: '10' });
});

test('unknown fields of my kinds are reported by path', () => {
  const { unknownFields } = admit('configmaps', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { a: 'b' }, dataa: {},
  });
  assert.deepEqual(unknownFields, ['dataa']);
});
