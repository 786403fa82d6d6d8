import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ResourceInfo } from '../api/scheme.js';
import { obj, str } from '../api/schema.js';
import { includeObjectOf, negotiateOutput, toTable } from './table.js';

const plain: ResourceInfo = {
  group: 'example.com', version: 'v1', kind: 'Widget', resource: 'widgets', singular: 'widget', namespaced: true,
  shortNames: [], categories: [], subresources: [], schema: obj({ spec: obj({ size: str() }) }),
};

test('kubectl\'s Accept header picks the Table form; plain JSON and the partial forms too', () => {
  assert.deepEqual(negotiateOutput('application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json'), { as: 'table', version: 'v1' });
  assert.deepEqual(negotiateOutput('application/json'), { as: 'object' });
  assert.deepEqual(negotiateOutput(undefined), { as: 'object' });
  assert.deepEqual(negotiateOutput('application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json'), { as: 'partial', version: 'v1' });
  assert.deepEqual(negotiateOutput('application/vnd.kubernetes.protobuf,application/json'), { as: 'object' });
  assert.throws(() => negotiateOutput('application/json;as=Foo;v=v1;g=meta.k8s.io'), (e: Error & { code?: number }) => e.code === 406);
});

test('without a printer the table has upstream\'s Name and Created At columns', () => {
  const t = toTable(plain, [{ metadata: { name: 'w1', creationTimestamp: '2024-01-01T00:00:00Z', uid: 'u' } }], { resourceVersion: '5' }, 'Metadata') as {
    columnDefinitions: { name: string; type: string; format?: string }[]; rows: { cells: unknown[]; object: Record<string, unknown> }[];
  };
  assert.deepEqual(t.columnDefinitions.map((c) => [c.name, c.type, c.format]), [['Name', 'string', 'name'], ['Created At', 'date', undefined]]);
  assert.deepEqual(t.rows[0].cells, ['w1', '2024-01-01T00:00:00Z']);
  assert.deepEqual(t.rows[0].object, { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: 'w1', creationTimestamp: '2024-01-01T00:00:00Z', uid: 'u' } });
  const none = toTable(plain, [{ metadata: { name: 'w1' } }], {}, 'None', 'v1', false) as { columnDefinitions: unknown; rows: Record<string, unknown>[] };
  assert.equal(none.columnDefinitions, null);
  assert.equal('object' in none.rows[0], false);
});

test('a printer provides the columns and cells', () => {
  const info: ResourceInfo = { ...plain, printer: {
    columns: [{ name: 'Name', type: 'string', format: 'name', description: '', priority: 0 }, { name: 'Size', type: 'string', description: '', priority: 0 }],
    row: (o) => [o.metadata?.name, (o.spec as { size?: string } | undefined)?.size ?? '<none>'],
  } };
  const t = toTable(info, [{ metadata: { name: 'w' }, spec: { size: 'L' } }], {}, 'Object') as { rows: { cells: unknown[]; object: unknown }[] };
  assert.deepEqual(t.rows[0].cells, ['w', 'L']);
  assert.deepEqual(t.rows[0].object, { metadata: { name: 'w' }, spec: { size: 'L' } });
});

test('includeObject accepts None, Metadata (the default) and Object', () => {
  assert.equal(includeObjectOf(new URLSearchParams('')), 'Metadata');
  assert.equal(includeObjectOf(new URLSearchParams('includeObject=Object')), 'Object');
  assert.throws(() => includeObjectOf(new URLSearchParams('includeObject=All')), /Unsupported value: "All"/);
});
