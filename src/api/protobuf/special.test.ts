import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeSpecial, encodeSpecial, goDuration } from './special.js';
import { SPECIAL } from './table.js';

test('durations print as Go\'s time.Duration.String', () => {
  // Go's own table in time_test.go
  const cases: [string, bigint][] = [
    ['0s', 0n], ['1ns', 1n], ['1.1µs', 1100n], ['2.2ms', 2_200_000n], ['3.3s', 3_300_000_000n],
    ['4m5s', 245_000_000_000n], ['4m5.001s', 245_001_000_000n], ['5h6m7.001s', 18_367_001_000_000n],
    ['8m0.000000001s', 480_000_000_001n], ['2562047h47m16.854775807s', (1n << 63n) - 1n], ['-2562047h47m16.854775808s', -(1n << 63n)],
  ];
  for (const [text, nanos] of cases) assert.equal(goDuration(nanos), text);
  assert.equal(decodeSpecial(SPECIAL.duration, encodeSpecial(SPECIAL.duration, '1h30m')), '1h30m0s');
});

test('special values round-trip through their messages', () => {
  const cases: [string, unknown][] = [
    [SPECIAL.quantity, '100m'], [SPECIAL.quantity, '1Gi'], [SPECIAL.intOrString, 8080], [SPECIAL.intOrString, '25%'],
    [SPECIAL.time, '2024-01-02T15:04:05Z'], [SPECIAL.microTime, '2024-01-02T15:04:05.000001Z'],
    [SPECIAL.fieldsV1, { 'f:spec': { 'f:replicas': {} } }], [SPECIAL.rawExtension, { kind: 'X', a: [1, null] }],
  ];
  for (const [type, value] of cases) assert.deepEqual(decodeSpecial(type, encodeSpecial(type, value)), value, type);
  // Go zero values: an empty message
  assert.equal(decodeSpecial(SPECIAL.quantity, new Uint8Array(0)), '0');
  assert.equal(decodeSpecial(SPECIAL.intOrString, new Uint8Array(0)), 0);
  assert.equal(decodeSpecial(SPECIAL.time, new Uint8Array(0)), null);
  assert.equal(decodeSpecial(SPECIAL.rawExtension, new Uint8Array(0)), null);
  assert.deepEqual([...encodeSpecial(SPECIAL.time, null)], []);
  // a time outside Go's JSON range is refused rather than printed wrongly
  assert.throws(() => decodeSpecial(SPECIAL.time, Uint8Array.from([0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01])), /year outside of range/);
});
