import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseFieldSelector, escapeFieldValue, unescapeFieldValue, fieldSelectorFromSet, oneTermEqualSelector,
  andFieldSelectors, everythingFields, nothingFields, requiredFieldValue, FieldSelectorParseError,
} from './fields.js';

test('escape and unescape round-trip (upstream TestEscapeValue)', () => {
  const cases: [string, string][] = [['', ''], ['a', 'a'], ['=', '\\='], [',', '\\,'], ['\\', '\\\\'], ['\\=\\,\\', '\\\\\\=\\\\\\,\\\\']];
  for (const [plain, escaped] of cases) {
    assert.equal(escapeFieldValue(plain), escaped);
    assert.equal(unescapeFieldValue(escaped), plain);
  }
  for (const bad of ['\\', '\\\\\\', '\\a']) {
    assert.throws(() => unescapeFieldValue(bad), { name: 'FieldSelectorParseError', message: /^invalid field selector: invalid escape sequence: / });
  }
  assert.throws(() => unescapeFieldValue('\\a'), { message: 'invalid field selector: invalid escape sequence: \\a' });
  assert.throws(() => unescapeFieldValue('a=b'), { message: 'invalid field selector: unescaped character in value: 61' });
  assert.throws(() => unescapeFieldValue('a,b'), { message: 'invalid field selector: unescaped character in value: 44' });
});

test('good selectors print back as written (upstream TestSelectorParse)', () => {
  for (const s of ['x=a,y=b,z=c', '', 'x!=a,y=b', 'x=a||y\\=b', 'x=a\\=\\=b']) {
    assert.equal(parseFieldSelector(s).toString(), s);
  }
  assert.equal(parseFieldSelector('b==1,a=2').toString(), 'a=2,b=1');
  assert.equal(parseFieldSelector('x=a,a=x').toString(), parseFieldSelector('a=x,x=a').toString());
  assert.equal(parseFieldSelector('a=b,,').toString(), 'a=b');
  assert.equal(parseFieldSelector('k=\\,,k2=v2').toString(), 'k2=v2,k=\\,');
  assert.equal(parseFieldSelector('함=수,목=록').toString(), '목=록,함=수');
});

test('bad selectors name the problem', () => {
  for (const s of ['x=a||y=b', 'x==a==b', 'x=a,b', 'x in (a)', 'x in (a,b,c)', 'x']) {
    assert.throws(() => parseFieldSelector(s), FieldSelectorParseError, s);
  }
  assert.throws(() => parseFieldSelector('foo'), { message: "invalid selector: 'foo'; can't understand 'foo'" });
  assert.throws(() => parseFieldSelector('a=b,foo'), { message: "invalid selector: 'a=b,foo'; can't understand 'foo'" });
  assert.throws(() => parseFieldSelector('x==a==b'), { message: 'invalid field selector: unescaped character in value: 61' });
  assert.throws(() => parseFieldSelector('k=\\'), { message: 'invalid field selector: invalid escape sequence: \\' });
});

test('requirements list field, operator and unescaped value', () => {
  assert.deepEqual(parseFieldSelector('metadata.name=x,spec.nodeName=y,status.phase!=Running').requirements(), [
    { field: 'metadata.name', operator: '=', value: 'x' },
    { field: 'spec.nodeName', operator: '=', value: 'y' },
    { field: 'status.phase', operator: '!=', value: 'Running' },
  ]);
  assert.deepEqual(parseFieldSelector('a==b\\,c').requirements(), [{ field: 'a', operator: '=', value: 'b,c' }]);
  assert.deepEqual(parseFieldSelector('a=').requirements(), [{ field: 'a', operator: '=', value: '' }]);
});

test('matching (upstream TestSelectorMatches)', () => {
  const yes: [string, Record<string, string>][] = [
    ['', { x: 'y' }], ['x=y', { x: 'y' }], ['x=y,z=w', { x: 'y', z: 'w' }], ['x!=y,z!=w', { x: 'z', z: 'a' }],
    ['notin=in', { notin: 'in' }], ['x=', {}], ['x!=y', {}],
  ];
  const no: [string, Record<string, string>][] = [
    ['x=y', { x: 'z' }], ['x=y,z=w', { x: 'w', z: 'w' }], ['x!=y,z!=w', { x: 'z', z: 'w' }], ['x=y', {}], ['x!=', {}],
  ];
  for (const [s, f] of yes) assert.equal(parseFieldSelector(s).matches(f), true, s);
  for (const [s, f] of no) assert.equal(parseFieldSelector(s).matches(f), false, s);
  const fieldset = { foo: 'bar', baz: 'blah', complex: '=value\\,\\' };
  assert.equal(parseFieldSelector('foo=bar,baz=blah').matches(fieldset), true);
  assert.equal(parseFieldSelector('foo=bar,baz=blah,complex=\\=value\\\\\\,\\\\').matches(fieldset), true);
  assert.equal(parseFieldSelector('foo=blah').matches(fieldset), false);
  assert.equal(parseFieldSelector('foo=bar,foobar=bar,baz=blah').matches(fieldset), false);
});

test('sets, single terms, and, everything, nothing', () => {
  const set = { foo: 'bar', baz: 'blah' };
  for (const sel of [{}, { foo: 'bar' }, { baz: 'blah' }, { foo: 'bar', baz: 'blah' }] as Record<string, string>[]) {
    assert.equal(fieldSelectorFromSet(sel).matches(set), true);
  }
  assert.equal(fieldSelectorFromSet({ foo: '=blah' }).matches(set), false);
  assert.equal(fieldSelectorFromSet({ foo: '=bar' }).toString(), 'foo=\\=bar');
  assert.equal(fieldSelectorFromSet(null).empty(), true);
  assert.equal(oneTermEqualSelector('x', 'y').matches({ x: 'y' }), true);
  assert.equal(oneTermEqualSelector('x', 'y').matches({ x: 'z' }), false);
  const both = andFieldSelectors(oneTermEqualSelector('a', 'b'), parseFieldSelector('c!=d'));
  assert.equal(both.toString(), 'a=b,c!=d');
  assert.equal(both.matches({ a: 'b', c: 'e' }), true);
  assert.equal(everythingFields().empty(), true);
  assert.equal(everythingFields().matches({ x: 'y' }), true);
  assert.equal(nothingFields().empty(), false);
  assert.equal(nothingFields().matches({}), false);
  assert.equal(andFieldSelectors(nothingFields(), everythingFields()).matches({}), false);
});

test('requiresExactMatch and requiredFieldValue (upstream TestRequiresExactMatch)', () => {
  assert.equal(fieldSelectorFromSet({}).requiresExactMatch('test'), undefined);
  assert.equal(oneTermEqualSelector('a', 'b').requiresExactMatch('test'), undefined);
  assert.equal(oneTermEqualSelector('test', 'b').requiresExactMatch('test'), 'b');
  assert.equal(oneTermEqualSelector('test', '').requiresExactMatch('test'), '');
  assert.equal(parseFieldSelector('test!=b').requiresExactMatch('test'), undefined);
  assert.equal(parseFieldSelector('a=,test=b').requiresExactMatch('test'), 'b');
  assert.equal(requiredFieldValue('spec.nodeName=node-1,status.phase!=Failed', 'spec.nodeName'), 'node-1');
  assert.equal(requiredFieldValue('status.phase!=Failed', 'spec.nodeName'), undefined);
  assert.equal(requiredFieldValue(undefined, 'spec.nodeName'), undefined);
  assert.equal(requiredFieldValue(parseFieldSelector('metadata.name==x'), 'metadata.name'), 'x');
});

test('transform (upstream TestTransform)', () => {
  const id = (f: string, v: string): [string, string] => [f, v];
  const cases: [string, (f: string, v: string) => [string, string], string, boolean][] = [
    ['', id, '', true],
    ['a=b,c=d', id, 'a=b,c=d', false],
    ['a=b,c=d', (f, v) => (f === 'a' ? ['e', 'f'] : [f, v]), 'e=f,c=d', false],
    ['a=b', () => ['', ''], '', true],
    ['a=b,c=d,e=f', (f, v) => (f === 'c' ? ['', ''] : [f, v]), 'a=b,e=f', false],
  ];
  for (const [input, fn, out, isEmpty] of cases) {
    const t = parseFieldSelector(input).transform(fn);
    assert.equal(t.toString(), out);
    assert.equal(t.empty(), isEmpty);
  }
});
