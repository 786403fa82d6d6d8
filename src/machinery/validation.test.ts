import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isDNS1123Label, isDNS1123Subdomain, isDNS1035Label, isQualifiedName, isValidLabelValue,
  isValidPortName, isValidPortNum, isConfigMapKey, isEnvVarName, isValidIP, nameIsDNSSubdomain,
} from './validation.js';

test('DNS-1123 subdomain: upstream examples', () => {
  for (const ok of ['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', '0', '01', '0.a', 'a.b.c.d.e', 'example.com', 'a'.repeat(253)]) {
    assert.deepEqual(isDNS1123Subdomain(ok), [], ok);
  }
  for (const bad of ['', 'A', 'ABC', 'aBc', 'A1', 'a_1', 'a.', '.a', 'a..b', '-a', 'a-', 'a@b', 'a'.repeat(254)]) {
    assert.notDeepEqual(isDNS1123Subdomain(bad), [], bad);
  }
  assert.deepEqual(isDNS1123Subdomain('Foo'), [
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  ]);
});

test('DNS-1123 label and DNS-1035 label', () => {
  assert.deepEqual(isDNS1123Label('my-name'), []);
  assert.deepEqual(isDNS1123Label('0abc'), []);
  assert.deepEqual(isDNS1123Label('a.b'), [
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
  ]);
  assert.deepEqual(isDNS1123Label('a'.repeat(64))[0], 'must be no more than 63 characters');
  assert.deepEqual(isDNS1035Label('abc-123'), []);
  assert.equal(isDNS1035Label('1abc').length, 1);
  assert.match(isDNS1035Label('1abc')[0], /^a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character \(e\.g\. 'my-name', {2}or 'abc-123', regex used/);
});

test('qualified names (label keys) with and without prefix', () => {
  for (const ok of ['simple', 'now-with-dashes', '1-starts-with-num', '1234', 'simple/simple', 'now-with-dashes/simple',
    'now-with-dashes/now-with-dashes', 'now.with.dots/simple', 'now-with.dashes-and.dots/simple', '1-num.2-num/3-num',
    '1234/5678', '1.2.3.4/5678', 'Uppercase_Is_OK_123', 'example.com/Uppercase_Is_OK_123', 'requests.storage-foo', 'a'.repeat(63), `${'a'.repeat(253)}/${'b'.repeat(63)}`]) {
    assert.deepEqual(isQualifiedName(ok), [], ok);
  }
  for (const bad of ['nospecialchars%^=@', 'cantendwithadash-', '-cantstartwithadash-', 'only/one/slash', 'Example.com/abc',
    'example_com/abc', 'example.com/', '/simple', 'a'.repeat(64), `${'a'.repeat(254)}/abc`]) {
    assert.notDeepEqual(isQualifiedName(bad), [], bad);
  }
  assert.equal(isQualifiedName('example.com/')[0], 'name part must be non-empty');
  assert.equal(isQualifiedName('example.com/').length, 2);
  assert.deepEqual(isQualifiedName('a'.repeat(64)), ['name part must be no more than 63 characters']);
});

test('label values', () => {
  for (const ok of ['simple', 'now-with-dashes', '1-starts-with-num', 'end-with-num-1', '1234', '', 'a'.repeat(63), 'Upper_Case.ok']) {
    assert.deepEqual(isValidLabelValue(ok), [], ok);
  }
  for (const bad of ['nospecialchars%^=@', 'Tama-nui-te-rā.Atua', 'cantendwithadash-', '-cantstartwithadash', 'a'.repeat(64)]) {
    assert.notDeepEqual(isValidLabelValue(bad), [], bad);
  }
});

test('ports and port names', () => {
  assert.deepEqual(isValidPortNum(1), []);
  assert.deepEqual(isValidPortNum(65535), []);
  assert.deepEqual(isValidPortNum(0), ['must be between 1 and 65535, inclusive']);
  assert.deepEqual(isValidPortNum(65536), ['must be between 1 and 65535, inclusive']);
  for (const ok of ['telnet', 're-mail-ck', 'pop3', 'a', 'a-1', '1-a', 'a-1-b-2-c', '1-a-2-b-3']) assert.deepEqual(isValidPortName(ok), [], ok);
  assert.deepEqual(isValidPortName('longerthan15characters'), ['must be no more than 15 characters']);
  assert.deepEqual(isValidPortName('123'), ['must contain at least one letter (a-z)']);
  assert.deepEqual(isValidPortName('a--b'), ['must not contain consecutive hyphens']);
  assert.deepEqual(isValidPortName('-ab'), ['must not begin or end with a hyphen']);
  assert.deepEqual(isValidPortName('Web'), ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)']);
});

test('config keys, env var names and IPs', () => {
  assert.deepEqual(isConfigMapKey('key.name'), []);
  assert.deepEqual(isConfigMapKey('..a'), ["must not start with '..'"]);
  assert.equal(isConfigMapKey('a b').length, 1);
  assert.deepEqual(isEnvVarName('MY_ENV.NAME'), []);
  assert.equal(isEnvVarName('1A').length, 1);
  assert.deepEqual(isValidIP('10.9.8.7'), []);
  assert.deepEqual(isValidIP('2001:db8::ffff'), []);
  assert.deepEqual(isValidIP('10.09.8.7'), ['must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']);
  assert.deepEqual(isValidIP('300.1.1.1').length, 1);
});

test('generateName prefixes may end with a dash', () => {
  assert.deepEqual(nameIsDNSSubdomain('web-', true), []);
  assert.equal(nameIsDNSSubdomain('web-', false).length, 1);
});
