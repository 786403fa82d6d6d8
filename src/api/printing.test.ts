import { test } from 'node:test';
import assert from 'node:assert/strict';
import { humanDuration, age } from './printing.js';

test('humanDuration follows upstream thresholds', () => {
  const s = 1000, m = 60 * s, h = 60 * m, d = 24 * h;
  const cases: [number, string][] = [
    [-5 * s, '<invalid>'], [-1 * s, '0s'], [0, '0s'], [119 * s, '119s'], [2 * m, '2m'], [5 * m + 10 * s, '5m10s'],
    [10 * m, '10m'], [179 * m, '179m'], [3 * h, '3h'], [3 * h + 20 * m, '3h20m'], [8 * h, '8h'], [47 * h, '47h'],
    [2 * d, '2d'], [2 * d + 5 * h, '2d5h'], [8 * d, '8d'], [729 * d, '729d'], [730 * d, '2y'], [731 * d, '2y1d'], [9 * 365 * d, '9y'],
  ];
  for (const [ms, want] of cases) assert.equal(humanDuration(ms), want, `${ms}ms`);
});

test('age is <unknown> without a timestamp', () => {
  const now = new Date('2024-01-01T00:10:00Z');
  assert.equal(age(undefined, now), '<unknown>');
  assert.equal(age('2024-01-01T00:00:00Z', now), '10m');
});
