import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cannotHandleMessage, decode, findDuplicateFields, goTypeName, strictDecodingMessage } from './decode.js';
import {
  anyObject, bytes, definer, int32, int64, intOrString, list, map, microTime, obj, quantity, rawExtension, req, str, bool, time,
} from './schema.js';
import { BadRequestError } from '../machinery/errors.js';
import { Pod } from './core/v1/pod.js';
import { Deployment } from './apps/v1/deployment.js';

const def = definer('io.k8s.api.test.v1');
const Port = def('Port', obj({ containerPort: req(int32()), name: str(), protocol: str() }));
const Item = def('Item', obj({
  name: req(str()),
  image: str(),
  ports: list(Port),
  cpu: quantity,
  port: intOrString,
  limits: map(quantity),
}));
const Spec = def('Spec', obj({
  items: list(Item),
  replicas: int32(),
  size: int64(),
  enabled: bool(),
  labels: map(str()),
  extra: anyObject(),
  raw: rawExtension,
  data: bytes(),
  when: time,
  at: microTime,
}));
const Thing = def('Thing', obj({ apiVersion: str(), kind: str(), spec: Spec }));

function fails(value: unknown, message: string | RegExp) {
  assert.throws(() => decode(Thing, value), (e: unknown) => {
    assert.ok(e instanceof BadRequestError);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
}

test('type mismatches use Go decoder wording with the struct and field path', () => {
  fails({ spec: { items: 'x' } }, 'json: cannot unmarshal string into Go struct field Spec.spec.items of type []v1.Item');
  fails({ spec: { items: [{ name: 3 }] } }, 'json: cannot unmarshal number into Go struct field Item.spec.items.name of type string');
  fails({ spec: { replicas: '3' } }, 'json: cannot unmarshal string into Go struct field Spec.spec.replicas of type int32');
  fails({ spec: { enabled: 'yes' } }, 'json: cannot unmarshal string into Go struct field Spec.spec.enabled of type bool');
  fails({ spec: [] }, 'json: cannot unmarshal array into Go struct field Thing.spec of type v1.Spec');
  fails({ spec: { labels: { a: 1 } } }, /cannot unmarshal number into Go struct field Spec\.spec\.labels of type string/);
  fails([], 'json: cannot unmarshal array into Go value of type v1.Thing');
});

test('integers must be whole; int32 must be in range', () => {
  fails({ spec: { replicas: 1.5 } }, 'json: cannot unmarshal number 1.5 into Go struct field Spec.spec.replicas of type int32');
  fails({ spec: { replicas: 3000000000 } }, 'json: cannot unmarshal number 3000000000 into Go struct field Spec.spec.replicas of type int32');
  assert.deepEqual(decode(Thing, { spec: { size: 3000000000 } }).value, { spec: { size: 3000000000 } });
});

test('quantities accept numbers and strings and come out canonical', () => {
  const r = decode<{ spec: { items: { cpu: string; limits: Record<string, string> }[] } }>(Thing,
    { spec: { items: [{ name: 'a', cpu: 0.5, limits: { memory: '1.5Gi', cpu: 2 } }] } });
  assert.equal(r.value.spec.items[0].cpu, '500m');
  assert.deepEqual(r.value.spec.items[0].limits, { memory: '1536Mi', cpu: '2' });
  fails({ spec: { items: [{ name: 'a', cpu: 'lots' }] } }, /^quantities must match the regular expression/);
  fails({ spec: { items: [{ name: 'a', cpu: true }] } }, /cannot unmarshal bool into Go struct field Item\.spec\.items\.cpu of type resource\.Quantity/);
});

test('IntOrString takes an integer or a string only', () => {
  assert.equal(decode<{ spec: { items: { port: unknown }[] } }>(Thing, { spec: { items: [{ name: 'a', port: 8080 }] } }).value.spec.items[0].port, 8080);
  assert.equal(decode<{ spec: { items: { port: unknown }[] } }>(Thing, { spec: { items: [{ name: 'a', port: 'http' }] } }).value.spec.items[0].port, 'http');
  fails({ spec: { items: [{ name: 'a', port: 1.5 }] } }, /cannot unmarshal number 1\.5 into Go struct field Item\.spec\.items\.port of type int32/);
  fails({ spec: { items: [{ name: 'a', port: true }] } }, /cannot unmarshal bool/);
});

test('null drops the field, as Go leaves it unset', () => {
  const r = decode(Thing, { kind: null, spec: { replicas: null, items: [{ name: 'a', image: null }] } });
  assert.deepEqual(r.value, { spec: { items: [{ name: 'a' }] } });
});

test('unknown fields are dropped and reported by path with indices', () => {
  const r = decode(Thing, { spec: { foo: 1, items: [{ name: 'a' }, { name: 'b', imagee: 'x', ports: [{ containerPort: 80, hostPortt: 1 }] }] }, top: true });
  assert.deepEqual(r.unknownFields, ['spec.items[1].ports[0].hostPortt', 'spec.items[1].imagee', 'spec.foo', 'top']);
  assert.deepEqual(r.value, { spec: { items: [{ name: 'a' }, { name: 'b', ports: [{ containerPort: 80 }] }] } });
  assert.deepEqual(decode(Thing, { spec: { foo: 1 } }, { unknownFields: 'Ignore' }).unknownFields, []);
  assert.deepEqual(decode(Thing, { spec: { foo: 1 } }, { unknownFields: 'Warn' }).unknownFields, ['spec.foo']);
  assert.equal(strictDecodingMessage(['spec.foo', 'x']), 'strict decoding error: unknown field "spec.foo", unknown field "x"');
});

test('free-form objects keep their content', () => {
  const r = decode(Thing, { spec: { extra: { anything: { deep: [1] } }, raw: { kind: 'X', whatever: 1 } } });
  assert.deepEqual(r.value, { spec: { extra: { anything: { deep: [1] } }, raw: { kind: 'X', whatever: 1 } } });
  assert.deepEqual(r.unknownFields, []);
});

test('times are RFC 3339, normalized to UTC; micro times keep six digits', () => {
  const r = decode<{ spec: { when: string; at: string } }>(Thing, { spec: { when: '2024-01-02T17:04:05.123+02:00', at: '2024-01-02T15:04:05.5Z' } });
  assert.equal(r.value.spec.when, '2024-01-02T15:04:05Z');
  assert.equal(r.value.spec.at, '2024-01-02T15:04:05.500000Z');
  fails({ spec: { when: 'yesterday' } }, 'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"');
});

test('bytes must be base64', () => {
  assert.deepEqual(decode(Thing, { spec: { data: 'aGVsbG8=' } }).value, { spec: { data: 'aGVsbG8=' } });
  fails({ spec: { data: 'not base64!' } }, /^illegal base64 data at input byte 3$/);
});

test('Go type names', () => {
  assert.equal(goTypeName(list(Item)), '[]v1.Item');
  assert.equal(goTypeName(map(str())), 'map[string]string');
  assert.equal(goTypeName(quantity), 'resource.Quantity');
  assert.equal(goTypeName(int64()), 'int64');
});

test('duplicate fields are found in the raw text by path', () => {
  assert.deepEqual(findDuplicateFields('{"a":1,"b":{"c":"x","c":"y"},"l":[{"n":1,"n":2}],"a":3}'), ['b.c', 'l[0].n', 'a']);
  assert.deepEqual(findDuplicateFields('{"a":"\\"a\\"","b":[1,2,{}]}'), []);
});

test('a real Pod: unknown container field, quantity numbers, wrong containers type', () => {
  const pod = {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { app: 'web' } },
    spec: {
      containers: [{
        name: 'c', image: 'nginx', imagee: 'typo',
        ports: [{ containerPort: 80 }],
        resources: { limits: { cpu: 1, memory: '128Mi' }, requests: { cpu: 0.25 } },
      }],
      foo: 1,
    },
  };
  const r = decode<{ spec: { containers: { resources: { limits: Record<string, string>; requests: Record<string, string> } }[] } }>(Pod, pod);
  assert.deepEqual(r.unknownFields, ['spec.containers[0].imagee', 'spec.foo']);
  assert.deepEqual(r.value.spec.containers[0].resources, { limits: { cpu: '1', memory: '128Mi' }, requests: { cpu: '250m' } });
  assert.throws(() => decode(Pod, { spec: { containers: 'x' } }),
    { message: 'json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container' });
});

test('a real Deployment: maxSurge as a percentage and replicas type errors', () => {
  const d = {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
    spec: {
      replicas: 3, selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '50%', maxUnavailable: 0 } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    },
  };
  const r = decode(Deployment, d);
  assert.deepEqual(r.unknownFields, []);
  assert.deepEqual(r.value, d);
  assert.throws(() => decode(Deployment, { spec: { replicas: 'three' } }),
    { message: 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32' });
});

test('with the kind given, errors read as the API server reports them', () => {
  assert.throws(() => decode(Deployment, { spec: { replicas: '1' } }, { kind: 'Deployment', version: 'v1' }), {
    message: 'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
  });
  assert.equal(cannotHandleMessage('Deployment', 'v1', strictDecodingMessage(['spec.matchLabels'])),
    'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.matchLabels"');
});
