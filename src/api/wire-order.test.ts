import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wireOrder, withResourceVersion } from './wire-order.js';
import { ObjectMeta } from './meta/v1/types.js';
import { Pod } from './core/v1/pod.js';

test('wireOrder writes fields in the schema\'s (Go\'s) order and map keys sorted', () => {
  const pod = wireOrder(Pod, {
    status: { qosClass: 'BestEffort', phase: 'Pending' },
    spec: { restartPolicy: 'Always', containers: [{ image: 'x', name: 'c', resources: { requests: { memory: '1Mi', cpu: '1' } } }] },
    metadata: { labels: { b: '1', a: '2' }, uid: 'u', name: 'n' },
    apiVersion: 'v1', kind: 'Pod',
  });
  assert.equal(JSON.stringify(pod), '{"kind":"Pod","apiVersion":"v1","metadata":{"name":"n","uid":"u","labels":{"a":"2","b":"1"}},'
    + '"spec":{"containers":[{"name":"c","image":"x","resources":{"requests":{"cpu":"1","memory":"1Mi"}}}],"restartPolicy":"Always"},'
    + '"status":{"phase":"Pending","qosClass":"BestEffort"}}');
});

test('fields the schema does not know follow the known ones; free-form parts are kept as sent', () => {
  const meta = wireOrder(ObjectMeta, {
    managedFields: [{ fieldsV1: { 'f:z': {}, 'f:a': {} }, manager: 'm' }], zzz: 1, name: 'n',
  } as Record<string, unknown>);
  assert.equal(JSON.stringify(meta), '{"name":"n","managedFields":[{"manager":"m","fieldsV1":{"f:z":{},"f:a":{}}}],"zzz":1}');
});

test('withResourceVersion puts resourceVersion after uid and before generation', () => {
  assert.deepEqual(Object.keys(withResourceVersion({ name: 'a', uid: 'u', generation: 1, labels: {} }, '7')), ['name', 'uid', 'resourceVersion', 'generation', 'labels']);
  assert.deepEqual(Object.keys(withResourceVersion({ name: 'a', resourceVersion: '1', labels: {} }, '7')), ['name', 'resourceVersion', 'labels']);
  assert.deepEqual(withResourceVersion({ name: 'a' }, '7'), { name: 'a', resourceVersion: '7' });
  assert.deepEqual(withResourceVersion(undefined, '7'), { resourceVersion: '7' });
});
