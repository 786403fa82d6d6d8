import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scaledValue, valueFromIntOrPercent, isPercent, intValue, parseIntOrString, IntOrStringError } from './intstr.js';

test('scaledValue (upstream TestGetIntFromIntOrPercent)', () => {
  assert.equal(scaledValue(123, 0, false), 123);
  assert.equal(scaledValue('90%', 100, true), 90);
  assert.equal(scaledValue('90%', 95, true), 86);
  assert.equal(scaledValue('90%', 95, false), 85);
  for (const bad of ['%', '90#', '#%', '90']) assert.throws(() => scaledValue(bad, 100, true), IntOrStringError, bad);
  assert.throws(() => scaledValue(undefined, 0, false), { message: 'nil value for IntOrString' });
});

test('deployment rounding: maxSurge rounds up, maxUnavailable down', () => {
  assert.equal(scaledValue('25%', 3, true), 1);
  assert.equal(scaledValue('25%', 3, false), 0);
  assert.equal(scaledValue('25%', 10, true), 3);
  assert.equal(scaledValue('25%', 10, false), 2);
  assert.equal(scaledValue('0%', 10, true), 0);
  assert.equal(scaledValue('100%', 7, false), 7);
  assert.equal(scaledValue('+50%', 4, false), 2);
});

test('error messages follow upstream', () => {
  assert.throws(() => scaledValue('90', 10, true), { message: 'invalid value for IntOrString: invalid type: string is not a percentage' });
  assert.throws(() => scaledValue('#%', 10, true), { message: 'invalid value for IntOrString: invalid value "#%": strconv.Atoi: parsing "#": invalid syntax' });
  assert.throws(() => scaledValue('%', 10, true), { message: 'invalid value for IntOrString: invalid value "%": strconv.Atoi: parsing "": invalid syntax' });
  assert.throws(() => scaledValue('99999999999999999999%', 10, true), { message: /parsing "99999999999999999999": value out of range$/ });
});

test('valueFromIntOrPercent reads any string as a percentage', () => {
  assert.equal(valueFromIntOrPercent('50', 10, false), 5);
  assert.equal(valueFromIntOrPercent('5%0%', 10, false), 5);
  assert.equal(valueFromIntOrPercent(3, 10, false), 3);
  assert.throws(() => valueFromIntOrPercent('x%', 10, false), { message: 'invalid value for IntOrString: invalid value "x%": strconv.Atoi: parsing "x": invalid syntax' });
});

test('isPercent, intValue, parseIntOrString (upstream TestParse)', () => {
  assert.equal(isPercent('10%'), true);
  assert.equal(isPercent('10'), false);
  assert.equal(isPercent(10), false);
  assert.equal(isPercent(undefined), false);
  assert.equal(intValue(5), 5);
  assert.equal(intValue('42'), 42);
  assert.equal(intValue('http'), 0);
  assert.equal(intValue(undefined), 0);
  const cases: [string, number | string][] = [
    ['0', 0], ['2147483647', 2147483647], ['-2147483648', -2147483648], ['2147483648', '2147483648'],
    ['-2147483649', '-2147483649'], ['9223372036854775807', '9223372036854775807'], ['http', 'http'], ['25%', '25%'],
  ];
  for (const [input, out] of cases) assert.equal(parseIntOrString(input), out, input);
});
