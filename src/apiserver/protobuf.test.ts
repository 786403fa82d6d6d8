import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeKubernetesProtobuf, isProtobuf } from './protobuf.js';

// a minimal protobuf writer for building request bodies as client-go encodes them
const varint = (n: number): number[] => {
  const out: number[] = [];
  while (n > 127) {
    out.push((n & 127) | 128);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
};
const bytesField = (num: number, b: Buffer): Buffer => Buffer.concat([Buffer.from([...varint(num * 8 + 2), ...varint(b.length)]), b]);
const strField = (num: number, s: string): Buffer => bytesField(num, Buffer.from(s));
const intField = (num: number, n: number): Buffer => Buffer.from([...varint(num * 8), ...varint(n)]);
const msg = (...parts: Buffer[]): Buffer => Buffer.concat(parts);
const entry = (num: number, k: string, v: string): Buffer => bytesField(num, msg(strField(1, k), strField(2, v)));
const envelope = (apiVersion: string, kind: string, raw: Buffer): Buffer =>
  Buffer.concat([Buffer.from('k8s\0'), bytesField(1, msg(strField(1, apiVersion), strField(2, kind))), bytesField(2, raw), strField(3, ''), strField(4, '')]);

test('a ConfigMap from `kubectl create configmap` decodes to its JSON form; zero values are unset', () => {
  // Go writes every non-pointer field, so empty strings and a zero creationTimestamp arrive too
  const meta = msg(strField(1, 'c1'), strField(2, ''), strField(3, ''), intField(7, 0), bytesField(8, Buffer.alloc(0)), entry(11, 'app', 'x'));
  const body = envelope('v1', 'ConfigMap', msg(bytesField(1, meta), entry(2, 'a', 'b'), entry(2, 'c', 'd')));
  assert.ok(isProtobuf(body));
  assert.deepEqual(decodeKubernetesProtobuf(body), {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c1', labels: { app: 'x' } }, data: { a: 'b', c: 'd' },
  });
});

test('a Deployment keeps replicas 0 (a pointer field), IntOrString and nested containers', () => {
  const container = msg(strField(1, 'nginx'), strField(2, 'nginx:1.25'), bytesField(6, msg(intField(3, 80), strField(4, 'TCP'))));
  const template = msg(bytesField(1, msg(entry(11, 'app', 'web'))), bytesField(2, msg(bytesField(2, container))));
  const strategy = msg(strField(1, 'RollingUpdate'), bytesField(2, msg(bytesField(1, msg(intField(1, 1), strField(3, '25%'))), bytesField(2, msg(intField(1, 0), intField(2, 2))))));
  const spec = msg(intField(1, 0), bytesField(2, msg(entry(1, 'app', 'web'))), bytesField(3, template), bytesField(4, strategy));
  const d = decodeKubernetesProtobuf(envelope('apps/v1', 'Deployment', msg(bytesField(1, msg(strField(1, 'web'))), bytesField(2, spec))));
  assert.deepEqual(d.spec, {
    replicas: 0,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80, protocol: 'TCP' }] }] } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: 2 } },
  });
});

test('secret data is bytes (base64 in JSON); unknown kinds are 415', () => {
  const s = decodeKubernetesProtobuf(envelope('v1', 'Secret', msg(bytesField(1, msg(strField(1, 's'))), entry(2, 'pw', 'x'), strField(3, 'Opaque'))));
  assert.deepEqual(s.data, { pw: 'eA==' });
  assert.equal(s.type, 'Opaque');
  assert.throws(() => decodeKubernetesProtobuf(envelope('example.com/v1', 'Widget', Buffer.alloc(0))), (e: Error & { code?: number }) => e.code === 415);
  assert.throws(() => decodeKubernetesProtobuf(Buffer.from('{}')), (e: Error & { code?: number }) => e.code === 400);
});
