import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeOpenAPIV2 } from './openapi-proto.js';
import { openAPIV2Protobuf } from './openapi.js';
import { scheme } from './index.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

test('encodes Document.swagger and Document.info as gnostic field numbers', () => {
  // swagger = 1 ("2.0"), info = 2 { title = 1 "K", version = 2 "v" }
  assert.equal(hex(encodeOpenAPIV2({ swagger: '2.0', info: { title: 'K', version: 'v' } })), '0a03322e30' + '1206' + '0a014b' + '120176');
});

test('encodes schemas with type, $ref, required, properties and vendor extensions as YAML', () => {
  const doc = {
    definitions: {
      A: {
        type: 'object', required: ['x'],
        properties: { x: { $ref: '#/definitions/B' } },
        'x-kubernetes-map-type': 'atomic',
      },
    },
  };
  const b = Buffer.from(encodeOpenAPIV2(doc));
  // Definitions = 9 → NamedSchema = 1 { name = 1 "A", value = 2 Schema }
  assert.equal(b[0], 0x4a);
  const text = b.toString('latin1');
  assert.ok(text.includes('#/definitions/B'));
  assert.ok(text.includes('x-kubernetes-map-type'));
  assert.ok(text.includes('"atomic"\n'));
  // Schema.required = 19 → key (19 << 3 | 2) = 0x9a 0x01, then length 1, "x"
  assert.ok(b.includes(Buffer.from([0x9a, 0x01, 0x01, 0x78])));
  // Schema.type = 22 → TypeItem { value = 1 "object" }: key 0xb2 0x01
  assert.ok(b.includes(Buffer.from([0xb2, 0x01, 0x08, 0x0a, 0x06, ...Buffer.from('object')])));
});

test('encodes defaults, bounds, patterns and type lists of a schema', () => {
  const b = Buffer.from(encodeOpenAPIV2({ definitions: { A: { type: ['string', 'null'], default: 'x', minimum: 1, maxLength: 3, pattern: '^a' } } }));
  // Schema.default = 5 → Any { yaml = 2 "\"x\"\n" }
  assert.ok(b.includes(Buffer.from([0x2a, 0x06, 0x12, 0x04, ...Buffer.from('"x"\n')])));
  // Schema.minimum = 9 as a double (key 9 << 3 | 1)
  assert.ok(b.includes(Buffer.from([0x49, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f])));
  // Schema.max_length = 11 as a varint, Schema.pattern = 13
  assert.ok(b.includes(Buffer.from([0x58, 0x03])));
  assert.ok(b.includes(Buffer.from([0x6a, 0x02, ...Buffer.from('^a')])));
  // TypeItem with both values
  assert.ok(b.includes(Buffer.from([0xb2, 0x01, 0x0e, 0x0a, 0x06, ...Buffer.from('string'), 0x0a, 0x04, ...Buffer.from('null')])));
});

test('the paths stay out of the protobuf form (kubectl would ask for CRDs for kinds without PATCH)', () => {
  const b = Buffer.from(encodeOpenAPIV2({
    swagger: '2.0', paths: { '/api/v1/namespaces/{namespace}/pods/{name}/binding': { post: { operationId: 'createBinding' } } },
  }));
  assert.equal(hex(b), '0a03322e30');
  const scheme_ = Buffer.from(openAPIV2Protobuf(scheme));
  assert.ok(!scheme_.includes(Buffer.from('/api/v1/namespaces/{namespace}/pods')));
});

test('the scheme document encodes once and is cached', () => {
  const a = openAPIV2Protobuf(scheme);
  assert.ok(a.length > 10000);
  assert.equal(openAPIV2Protobuf(scheme), a);
  assert.ok(Buffer.from(a).includes(Buffer.from('x-kubernetes-group-version-kind')));
});
