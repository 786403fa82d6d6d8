import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCronSchedule, parseGoDuration, timeZoneError } from './cron.js';

const at = (s: string) => new Date(s);
const next = (spec: string, after: string, tz?: string) => parseCronSchedule(spec, tz).next(at(after))?.toISOString();

test('five fields: steps, ranges, lists, names', () => {
  assert.equal(next('*/5 * * * *', '2024-05-01T12:03:10Z'), '2024-05-01T12:05:00.000Z');
  assert.equal(next('*/5 * * * *', '2024-05-01T12:05:00Z'), '2024-05-01T12:10:00.000Z');
  assert.equal(next('0 9-17/4 * * mon-fri', '2024-05-03T17:30:00Z'), '2024-05-06T09:00:00.000Z'); // Fri → Mon
  assert.equal(next('15,45 * * JAN *', '2024-05-01T00:00:00Z'), '2025-01-01T00:15:00.000Z');
  assert.equal(next('0 0 29 2 *', '2024-03-01T00:00:00Z'), '2028-02-29T00:00:00.000Z');
});

test('day of month and day of week: either matches unless one is *', () => {
  // 13th of the month or a Friday: 2024-09-06 is a Friday before the 13th
  assert.equal(next('0 0 13 * 5', '2024-09-01T00:00:00Z'), '2024-09-06T00:00:00.000Z');
  assert.equal(next('0 0 * * 5', '2024-09-07T00:00:00Z'), '2024-09-13T00:00:00.000Z');
  assert.equal(next('0 0 ? * 0', '2024-09-07T00:00:00Z'), '2024-09-08T00:00:00.000Z');
});

test('descriptors', () => {
  assert.equal(next('@hourly', '2024-05-01T12:00:00Z'), '2024-05-01T13:00:00.000Z');
  assert.equal(next('@daily', '2024-05-01T12:00:00Z'), '2024-05-02T00:00:00.000Z');
  assert.equal(next('@weekly', '2024-05-01T12:00:00Z'), '2024-05-05T00:00:00.000Z');
  assert.equal(next('@monthly', '2024-05-01T12:00:00Z'), '2024-06-01T00:00:00.000Z');
  assert.equal(next('@yearly', '2024-05-01T12:00:00Z'), '2025-01-01T00:00:00.000Z');
  assert.equal(next('@every 1h30m', '2024-05-01T12:00:00.500Z'), '2024-05-01T13:30:00.000Z');
});

test('time zones: the fields are read on the zone\'s wall clock', () => {
  // 02:30 in New York (EDT, UTC-4) on 2024-07-01
  assert.equal(next('30 2 * * *', '2024-07-01T00:00:00Z', 'America/New_York'), '2024-07-01T06:30:00.000Z');
  assert.equal(next('TZ=Asia/Tokyo 0 9 * * *', '2024-07-01T00:00:00Z'), '2024-07-02T00:00:00.000Z');
  assert.equal(timeZoneError('Europe/Paris'), undefined);
  assert.equal(timeZoneError('Mars/Olympus'), 'unknown time zone Mars/Olympus');
  assert.equal(timeZoneError('europe/paris'), 'unknown time zone europe/paris');
});

test('robfig/cron error messages', () => {
  const msg = (spec: string) => { try { parseCronSchedule(spec); return ''; } catch (e) { return (e as Error).message; } };
  assert.equal(msg(''), 'empty spec string');
  assert.equal(msg('* * * *'), 'expected exactly 5 fields, found 4: [* * * *]');
  assert.equal(msg('0 0 0 * * *'), 'expected exactly 5 fields, found 6: [0 0 0 * * *]');
  assert.equal(msg('60 * * * *'), 'end of range (60) above maximum (59): 60');
  assert.equal(msg('* * 0 * *'), 'beginning of range (0) below minimum (1): 0');
  assert.equal(msg('a * * * *'), 'failed to parse int from a: strconv.Atoi: parsing "a": invalid syntax');
  assert.equal(msg('5-1 * * * *'), 'beginning of range (5) beyond end of range (1): 5-1');
  assert.equal(msg('*/0 * * * *'), 'step of range should be a positive number: */0');
  assert.equal(msg('1-2-3 * * * *'), 'too many hyphens: 1-2-3');
  assert.equal(msg('1/2/3 * * * *'), 'too many slashes: 1/2/3');
  assert.equal(msg('@fortnightly'), 'unrecognized descriptor: @fortnightly');
  assert.equal(msg('@every 5'), 'failed to parse duration @every 5: time: missing unit in duration "5"');
  assert.equal(msg('TZ=Nowhere/City * * * * *'), 'provided bad location Nowhere/City: unknown time zone Nowhere/City');
});

test('Go durations', () => {
  assert.equal(parseGoDuration('1h30m'), 5_400_000);
  assert.equal(parseGoDuration('1.5s'), 1500);
  assert.throws(() => parseGoDuration('5d'), /time: unknown unit "d" in duration "5d"/);
});
