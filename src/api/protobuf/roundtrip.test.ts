// Every kind the scheme serves, with every field of every nested message set to a non-zero
// value, survives encoding and decoding unchanged (inline structs, wrappers, maps, specials).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scheme } from '../index.js';
import { defNameOf } from '../schema.js';
import { decodeProtobuf } from './decode.js';
import { encodeProtobuf } from './encode.js';
import { messageInfo, SPECIAL, type FieldInfo, type MessageInfo } from './table.js';

type Json = Record<string, unknown>;

function sample(type: string, num: number): unknown {
  switch (type) {
    case 's': return `v${num}`;
    case 'b': return true;
    case 'i32': return num % 2 ? num : -num;
    case 'i64': return -num * 1000;
    case 'u32': case 'u64': return num;
    case 'f32': return 0.5;
    case 'f64': return 1.25;
    case 'y': return Buffer.from([num, 0, 255]).toString('base64');
    case SPECIAL.quantity: return num % 2 ? '1500m' : '2Gi';
    case SPECIAL.intOrString: return num % 2 ? num : `port-${num}`;
    case SPECIAL.time: return '2024-01-02T15:04:05Z';
    case SPECIAL.microTime: return '2024-01-02T15:04:05.123456Z';
    case SPECIAL.duration: return '1h2m3.5s';
    case SPECIAL.fieldsV1: return { 'f:metadata': { 'f:labels': {} } };
    case SPECIAL.rawExtension: return { apiVersion: 'v1', kind: 'Thing', n: [num] };
    default: {
      const info = messageInfo(type) as MessageInfo;
      if (info.wrapperOf) return [sample(info.wrapperOf, num)];
      return fill(info, {});
    }
  }
}

function fieldValue(f: FieldInfo): unknown {
  const one = sample(f.type, f.num);
  if (f.shape === 'repeated') return [one];
  if (f.shape === 'map') return { [`k${f.num}`]: one };
  return one;
}

function fill(info: MessageInfo, out: Json): Json {
  for (const f of info.fields) {
    if (f.json === undefined) fill(messageInfo(f.type) as MessageInfo, out);
    else out[f.json] = fieldValue(f);
  }
  return out;
}

for (const info of scheme.all()) {
  const apiVersion = info.group ? `${info.group}/${info.version}` : info.version;
  test(`${apiVersion} ${info.kind}: every field round-trips`, () => {
    const name = defNameOf(info.schema) as string;
    const obj = { kind: info.kind, apiVersion, ...fill(messageInfo(name) as MessageInfo, {}) };
    const result = decodeProtobuf(encodeProtobuf(obj, scheme), scheme);
    assert.deepEqual(result.unknownFields, []);
    assert.deepEqual(result.object, obj);
  });
}

test('the samples reach inline structs deep inside PodSpec', () => {
  const pod = sample('io.k8s.api.core.v1.Pod', 0) as any;
  assert.equal(pod.spec.containers[0].readinessProbe.httpGet.port, 'port-2'); // ProbeHandler inline, IntOrString field 2
  assert.equal(pod.spec.volumes[0].configMap.name, 'v1'); // VolumeSource and LocalObjectReference inline
  assert.equal(pod.spec.volumes[0].name, 'v1');
});
