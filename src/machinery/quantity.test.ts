import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Quantity, parseQuantity, canonicalQuantity, isQuantity, compare, add, sub, newQuantity, newMilliQuantity,
  newScaledQuantity, zeroQuantity, QuantityParseError, QUANTITY_FORMAT_MESSAGE, type QuantityFormat,
} from './quantity.js';

const q = (m: bigint | number, e: number, f: QuantityFormat = 'DecimalSI') => new Quantity(BigInt(m), e, f);
const DSI = 'DecimalSI';
const BSI = 'BinarySI';
const DEX = 'DecimalExponent';
const MAX = 2n ** 63n - 1n;

// upstream TestQuantityParse: input → value (mantissa, exponent) and format
const parseTable: [string, bigint | number, number, QuantityFormat][] = [
  ['0', 0, 0, DSI], ['0n', 0, 0, DSI], ['0u', 0, 0, DSI], ['0m', 0, 0, DSI], ['0Ki', 0, 0, BSI], ['0k', 0, 0, DSI],
  ['0Mi', 0, 0, BSI], ['0M', 0, 0, DSI], ['0Gi', 0, 0, BSI], ['0G', 0, 0, DSI], ['0Ti', 0, 0, BSI], ['0T', 0, 0, DSI],
  ['1', 1, 0, DSI],
  ['1Ki', 1024, 0, BSI], ['8Ki', 8 * 1024, 0, BSI], ['7Mi', 7 * 1024 ** 2, 0, BSI], ['6Gi', 6 * 1024 ** 3, 0, BSI],
  ['5Ti', 5 * 1024 ** 4, 0, BSI], ['4Pi', 4 * 1024 ** 5, 0, BSI], ['3Ei', 3n * 1024n ** 6n, 0, BSI],
  ['10Ti', 10 * 1024 ** 4, 0, BSI], ['100Ti', 100 * 1024 ** 4, 0, BSI],
  ['5n', 5, -9, DSI], ['4u', 4, -6, DSI], ['3m', 3, -3, DSI], ['9', 9, 0, DSI], ['8k', 8, 3, DSI], ['50k', 5, 4, DSI],
  ['7M', 7, 6, DSI], ['6G', 6, 9, DSI], ['5T', 5, 12, DSI], ['40T', 4, 13, DSI], ['300T', 3, 14, DSI], ['2P', 2, 15, DSI],
  ['1E', 1, 18, DSI],
  ['1E-3', 1, -3, DEX], ['1e3', 1, 3, DEX], ['1E6', 1, 6, DEX], ['1e9', 1, 9, DEX], ['1E12', 1, 12, DEX],
  ['1e15', 1, 15, DEX], ['1E18', 1, 18, DEX],
  ['1e14', 1, 14, DEX], ['1e13', 1, 13, DEX], ['100.035k', 100035, 0, DSI],
  ['0.001', 1, -3, DSI], ['0.0005k', 5, -1, DSI], ['0.005', 5, -3, DSI], ['0.05', 5, -2, DSI], ['0.5', 5, -1, DSI],
  ['0.00050k', 5, -1, DSI], ['0.00500', 5, -3, DSI], ['0.05000', 5, -2, DSI], ['0.50000', 5, -1, DSI],
  ['0.5e0', 5, -1, DEX], ['0.5e-1', 5, -2, DEX], ['0.5e-2', 5, -3, DEX], ['10.035M', 10035, 3, DSI],
  ['1.2e3', 12, 2, DEX], ['1.3E+6', 13, 5, DEX], ['1.40e9', 14, 8, DEX], ['1.53E12', 153, 10, DEX],
  ['1.6e15', 16, 14, DEX], ['1.7E18', 17, 17, DEX],
  ['9.01', 901, -2, DSI], ['8.1k', 81, 2, DSI], ['7.123456M', 7123456, 0, DSI], ['6.987654321G', 6987654321, 0, DSI],
  ['5.444T', 5444, 9, DSI], ['40.1T', 401, 11, DSI], ['300.2T', 3002, 11, DSI], ['2.5P', 25, 14, DSI], ['1.01E', 101, 16, DSI],
  ['3.001n', 4, -9, DSI], ['1.1E-9', 2, -9, DEX], ['0.0000000001', 1, -9, DSI], ['0.0000000005', 1, -9, DSI],
  ['0.00000000050', 1, -9, DSI], ['0.5e-9', 1, -9, DEX], ['0.9n', 1, -9, DSI], ['0.00000012345', 124, -9, DSI],
  ['0.00000012354', 124, -9, DSI], ['9Ei', MAX, 0, BSI], ['9223372036854775807Ki', MAX, 0, BSI], ['12E', 12, 18, DSI],
  ['100.035Ki', 10243584, -2, BSI], ['0.5Mi', 0.5 * 1024 * 1024, 0, BSI], ['0.05Gi', 536870912, -1, BSI],
  ['0.025Ti', 274877906944, -1, BSI],
  ['0.000000000001Ki', 2, -9, DSI], ['.001', 1, -3, DSI], ['.0001k', 100, -3, DSI], ['1.', 1, 0, DSI], ['1.G', 1, 9, DSI],
];

test('parse values and formats (upstream TestQuantityParse), also with - and + signs', () => {
  for (const [input, m, e, format] of parseTable) {
    const want = q(m, e, format);
    for (const [prefix, w] of [['', want], ['+', want], ['-', want.neg()]] as const) {
      const got = parseQuantity(prefix + input);
      assert.equal(got.cmp(w), 0, `${prefix}${input}: got ${got} want ${w}`);
      assert.equal(got.format, format, `${prefix}${input} format`);
    }
  }
});

test('invalid quantities are rejected with upstream messages', () => {
  for (const bad of ['', '1.1.M', '1+1.0M', '0.1mi', '0.1am', 'aoeu', '.5i', '1i', '-3.01i', '-3.01e-', ' 1', '1 ', '1K', '1e', 'Non-Numeric']) {
    assert.throws(() => parseQuantity(bad), QuantityParseError, JSON.stringify(bad));
  }
  assert.throws(() => parseQuantity('aoeu'), { message: QUANTITY_FORMAT_MESSAGE });
  assert.equal(QUANTITY_FORMAT_MESSAGE, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  assert.throws(() => parseQuantity(''), { message: QUANTITY_FORMAT_MESSAGE });
  assert.throws(() => parseQuantity('1 '), { message: QUANTITY_FORMAT_MESSAGE });
  assert.throws(() => parseQuantity('0.1mi'), { message: "unable to parse quantity's suffix" });
  assert.throws(() => parseQuantity('1i'), { message: "unable to parse quantity's suffix" });
  assert.throws(() => parseQuantity('.e-20'), { message: 'unable to parse numeric part of quantity' });
  assert.throws(() => parseQuantity('--0'), { message: "unable to parse quantity's suffix" });
  assert.throws(() => parseQuantity(Number.NaN), { message: QUANTITY_FORMAT_MESSAGE });
  assert.equal(isQuantity('1Gi'), true);
  assert.equal(isQuantity('1 Gi'), false);
});

// upstream TestQuantityString: value → canonical text, and an alternate spelling of the same value
const stringTable: [Quantity, string, string][] = [
  [q(1024 ** 3, 0, BSI), '1Gi', '1024Mi'],
  [q(300 * 1024 ** 2, 0, BSI), '300Mi', '307200Ki'],
  [q(6 * 1024, 0, BSI), '6Ki', ''],
  [q(1001 * 1024 ** 3, 0, BSI), '1001Gi', '1025024Mi'],
  [q(1024 ** 4, 0, BSI), '1Ti', '1024Gi'],
  [q(5, 0, BSI), '5', '5000m'],
  [q(500, -3, BSI), '500m', '0.5'],
  [q(1, 9, DSI), '1G', '1000M'],
  [q(1000, 6, DSI), '1G', '0.001T'],
  [q(1000000, 3, DSI), '1G', ''],
  [q(1000000000, 0, DSI), '1G', ''],
  [q(1, -3, DSI), '1m', '1000u'],
  [q(80, -3, DSI), '80m', ''],
  [q(1080, -3, DSI), '1080m', '1.08'],
  [q(108, -2, DSI), '1080m', '1080000000n'],
  [q(10800, -4, DSI), '1080m', ''],
  [q(300, 6, DSI), '300M', ''],
  [q(1, 12, DSI), '1T', ''],
  [q(1234567, 6, DSI), '1234567M', ''],
  [q(1234567, -3, BSI), '1234567m', ''],
  [q(3, 3, DSI), '3k', ''],
  [q(1025, 0, BSI), '1025', ''],
  [q(0, 0, DSI), '0', ''],
  [q(0, 0, BSI), '0', ''],
  [q(1, 9, DEX), '1e9', '.001e12'],
  [q(1, -3, DEX), '1e-3', '0.001e0'],
  [q(1, -9, DEX), '1e-9', '1000e-12'],
  [q(80, -3, DEX), '80e-3', ''],
  [q(300, 6, DEX), '300e6', ''],
  [q(1, 12, DEX), '1e12', ''],
  [q(1, 3, DEX), '1e3', ''],
  [q(3, 3, DEX), '3e3', ''],
  [q(0, 0, DEX), '0', '00'],
  [q(1, -9, DSI), '1n', ''],
  [q(80, -9, DSI), '80n', ''],
  [q(1080, -9, DSI), '1080n', ''],
  [q(108, -8, DSI), '1080n', ''],
  [q(10800, -10, DSI), '1080n', ''],
  [q(1, -6, DSI), '1u', ''],
  [q(80, -6, DSI), '80u', ''],
  [q(1080, -6, DSI), '1080u', ''],
];

test('canonical printing (upstream TestQuantityString)', () => {
  for (const [value, expect, alternate] of stringTable) {
    assert.equal(value.toString(), expect, `${value.mantissa}e${value.exponent} ${value.format}`);
    assert.equal(parseQuantity(expect).toString(), expect);
    if (alternate) assert.equal(canonicalQuantity(alternate), expect, alternate);
    if (!value.isZero()) assert.equal(value.neg().toString(), `-${expect}`);
  }
});

test('parse then print (upstream TestQuantityParseEmit and examples)', () => {
  const cases: [string, string][] = [
    ['1Ki', '1Ki'], ['1Mi', '1Mi'], ['1Gi', '1Gi'], ['1024Mi', '1Gi'], ['1000M', '1G'], ['.001Ki', '1024m'],
    ['.000001Ki', '1024u'], ['.000000001Ki', '1024n'], ['.000000000001Ki', '2n'],
    ['1.5', '1500m'], ['0.1', '100m'], ['1000', '1k'], ['12e6', '12e6'], ['1536Mi', '1536Mi'], ['0.5Gi', '512Mi'],
    ['0.0000000001', '1n'], ['100m', '100m'], ['2000m', '2'], ['0.25', '250m'], ['1.5Gi', '1536Mi'], ['1500Mi', '1500Mi'],
    ['128974848', '128974848'], ['129e6', '129e6'], ['129M', '129M'], ['123Mi', '123Mi'], ['1e3', '1e3'], ['1000e0', '1e3'],
    ['100Ti', '100Ti'], ['10240Ki', '10Mi'], ['1023', '1023'], ['1024', '1024'], ['1048576', '1048576'],
    ['0', '0'], ['-0', '0'], ['000', '0'], ['0.0', '0'], ['.', '0'], ['0Gi', '0'], ['12E', '12E'],
    ['1.0', '1'], ['0.001m', '1u'], ['100000', '100k'], ['1200', '1200'], ['1.2k', '1200'],
  ];
  for (const [input, out] of cases) {
    assert.equal(canonicalQuantity(input), out, input);
    if (input.startsWith('-')) continue;
    const neg = parseQuantity(`-${input}`);
    if (!neg.isZero()) assert.equal(neg.toString(), `-${out}`, `-${input}`);
  }
  assert.equal(canonicalQuantity(1.5), '1500m');
  assert.equal(canonicalQuantity(2), '2');
  assert.equal(canonicalQuantity(1e21), '1e+21'); // JSON's own spelling of the number, kept as upstream keeps input text
  assert.equal(JSON.stringify({ cpu: parseQuantity('0.5') }), '{"cpu":"500m"}');
});

test('comparison (upstream TestQuantityCmp)', () => {
  const cases: [string, string, number][] = [
    ['0', '0', 0], ['100m', '50m', 1], ['50m', '100m', -1], ['10000T', '100Gi', 1], ['1Gi', '1024Mi', 0],
    ['1G', '1Gi', -1], ['-1', '1m', -1], ['1e1000', '1', 1], ['-1e1000', '-1', -1], ['1n', '0', 1], ['999m', '1', -1],
    ['1k', '1000', 0], ['-2', '-3', 1],
  ];
  for (const [a, b, want] of cases) {
    assert.equal(compare(a, b), want, `${a} vs ${b}`);
    assert.equal(parseQuantity(a).equals(parseQuantity(b)), want === 0);
  }
});

test('add and sub keep the receiver format unless it is zero (upstream TestAdd, TestSub)', () => {
  const addCases: [Quantity, Quantity, Quantity, QuantityFormat][] = [
    [q(10, 0), q(1, 1), q(20, 0), DSI],
    [q(10, 0), q(1, 0, BSI), q(11, 0), DSI],
    [q(10, 0, BSI), q(1, 0), q(11, 0), BSI],
    [zeroQuantity(), q(50, 0), q(50, 0), DSI],
    [q(50, 0), zeroQuantity(), q(50, 0), DSI],
  ];
  for (const [a, b, want, format] of addCases) {
    const got = a.add(b);
    assert.equal(got.cmp(want), 0);
    assert.equal(got.format, format);
  }
  const subCases: [Quantity, Quantity, Quantity][] = [
    [q(10, 0), q(1, 1), q(0, 0)], [q(10, 0), q(1, 0, BSI), q(9, 0)], [q(10, 0, BSI), q(1, 0), q(9, 0, BSI)],
    [zeroQuantity(), q(50, 0), q(-50, 0)], [q(50, 0), zeroQuantity(), q(50, 0)], [zeroQuantity(), zeroQuantity(), q(0, 0)],
  ];
  for (const [a, b, want] of subCases) assert.equal(a.sub(b).cmp(want), 0);
  // upstream TestQuantityAddZeroPreservesSuffix / SubZero
  for (const v of ['100m', '1Gi']) {
    assert.equal(add(v, '0').toString(), v);
    assert.equal(add('0', v).toString(), v);
    assert.equal(sub(v, '0').toString(), v);
    assert.equal(sub('0', v).toString(), parseQuantity(v).neg().toString());
  }
  assert.equal(add('1Gi', '512Mi').toString(), '1536Mi');
  assert.equal(add('100m', '900m').toString(), '1');
  assert.equal(sub('1', '1n').toString(), '999999999n');
  assert.equal(add('0.1', '0.2').toString(), '300m');
  assert.equal(sub('2Gi', '3Gi').toString(), '-1Gi');
  assert.equal(parseQuantity('9.01').neg().toString(), '-9010m');
  assert.equal(parseQuantity('1Gi').mul(3).toString(), '3Gi');
  assert.equal(q(MAX, 0).mul(2).cmp(q(2n * MAX, 0)), 0);
  // exact where floats are not
  let total = zeroQuantity();
  for (let i = 0; i < 10; i++) total = total.add(parseQuantity('0.1'));
  assert.equal(total.toString(), '1');
});

test('value and milliValue round up (upstream TestScaledValue and Value docs)', () => {
  const scales: [number, number, number][] = [
    [-9, -9, 1], [-9, -6, 1], [-9, -3, 1], [-9, 0, 1], [-6, -9, 1000], [-6, -6, 1], [-6, -3, 1], [-6, 0, 1],
    [-3, -9, 1000000], [-3, -6, 1000], [-3, -3, 1], [-3, 0, 1], [0, -9, 1000000000], [0, -6, 1000000], [0, -3, 1000],
    [0, 0, 1], [2, -2, 10000],
  ];
  for (const [from, to, want] of scales) assert.equal(newScaledQuantity(1, from).scaledValue(to), want, `${from}→${to}`);
  assert.equal(parseQuantity('1.5').value(), 2);
  assert.equal(parseQuantity('100m').value(), 1);
  assert.equal(parseQuantity('-1.5').value(), -2);
  assert.equal(parseQuantity('1Gi').value(), 1073741824);
  assert.equal(parseQuantity('1.5').milliValue(), 1500);
  assert.equal(parseQuantity('1n').milliValue(), 1);
  assert.equal(parseQuantity('250m').milliValue(), 250);
  assert.equal(parseQuantity('2').milliValue(), 2000);
  assert.equal(parseQuantity('0').value(), 0);
  assert.equal(parseQuantity('9Ei').scaledValueBig(0), MAX);
  assert.equal(parseQuantity('1e500').value(), Infinity);
  assert.equal(parseQuantity('1.5Gi').asNumber(), 1610612736);
  assert.equal(parseQuantity('100m').asNumber(), 0.1);
});

test('roundUp (upstream TestQuantityRoundUp)', () => {
  const cases: [string, number, Quantity, boolean][] = [
    ['9.01', -3, q(901, -2), true], ['9.01', -2, q(901, -2), true], ['9.01', -1, q(91, -1), false],
    ['9.01', 0, q(10, 0), false], ['9.01', 1, q(10, 0), false], ['9.01', 2, q(100, 0), false],
    ['-9.01', -3, q(-901, -2), true], ['-9.01', -2, q(-901, -2), true], ['-9.01', -1, q(-91, -1), false],
    ['-9.01', 0, q(-10, 0), false], ['-9.01', 1, q(-10, 0), false], ['-9.01', 2, q(-100, 0), false],
  ];
  for (const [input, scale, want, exact] of cases) {
    const r = parseQuantity(input).roundUp(scale);
    assert.equal(r.exact, exact, `${input} @${scale}`);
    assert.equal(r.quantity.cmp(want), 0, `${input} @${scale}: ${r.quantity}`);
  }
});

test('constructors', () => {
  assert.equal(newQuantity(5).toString(), '5');
  assert.equal(newQuantity(4096, BSI).toString(), '4Ki');
  assert.equal(newQuantity(1000).toString(), '1k');
  assert.equal(newMilliQuantity(1500).toString(), '1500m');
  assert.equal(newMilliQuantity(2000).toString(), '2');
  assert.equal(newScaledQuantity(5, 6).toString(), '5M');
  assert.equal(zeroQuantity(BSI).toString(), '0');
});
