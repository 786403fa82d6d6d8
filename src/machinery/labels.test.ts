import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseSelector, everything, nothing, matchesNothing, selectorFromSet, validatedSelectorFromSet, setMatches,
  selectorFromLabelSelector, labelSelectorToString, newRequirement, requirementToString, SelectorParseError,
  type Requirement,
} from './labels.js';

test('good selectors re-print without spaces (upstream TestSelectorParse)', () => {
  for (const s of ['x=a,y=b,z=c', '', 'x!=a,y=b', 'x=', 'x= ', 'x=,z= ', 'x= ,z= ', '!x', 'x>1', 'x>1,z<5']) {
    assert.equal(parseSelector(s).toString(), s.replaceAll(' ', ''), s);
  }
});

test('bad selectors are rejected', () => {
  for (const s of ['x=a||y=b', 'x==a==b', '!x=a', 'x<a', 'x,,y', ',x,y', 'x nott in (y)', 'a in (xyz),',
    'a in (xyz)b notin ()', 'a in (xyz abc)', 'a notin(', 'a (', '(', 'a=b,', 'x in (a,,)', 'x>=1']) {
    assert.throws(() => parseSelector(s), SelectorParseError, s);
  }
});

test('parse is deterministic: requirements are sorted by key', () => {
  assert.equal(parseSelector('x=a,a=x').toString(), parseSelector('a=x,x=a').toString());
  assert.equal(parseSelector('x notin (abc,,def),bar,z in (),w').toString(), 'bar,w,x notin (,abc,def),z in ()');
});

test('set syntax (upstream TestSetSelectorParser)', () => {
  const cases: [string, string][] = [
    ['', ''],
    ['\rx', 'x'],
    ['this-is-a-dns.domain.com/key-with-dash', 'this-is-a-dns.domain.com/key-with-dash'],
    ['this-is-another-dns.domain.com/key-with-dash in (so,what)', 'this-is-another-dns.domain.com/key-with-dash in (so,what)'],
    ['0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)', '0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)'],
    ['foo  in\t (abc)', 'foo in (abc)'],
    ['x notin\n (abc)', 'x notin (abc)'],
    ['x  notin\t\t\t(abc,def)', 'x notin (abc,def)'],
    ['x in (abc,def)', 'x in (abc,def)'],
    ['x in (abc,)', 'x in (,abc)'],
    ['x in ()', 'x in ()'],
    ['x,y in (a)', 'x,y in (a)'],
    ['x=a', 'x=a'],
    ['x>1', 'x>1'],
    ['x<7', 'x<7'],
    ['x=a,y!=b,z in (h,i,j)', 'x=a,y!=b,z in (h,i,j)'],
    ['x notin ( )', 'x notin ()'],
    ['x notin (, a)', 'x notin (,a)'],
    ['a ', 'a'],
    ['a in (x,y,notin, z,in)', 'a in (in,notin,x,y,z)'],
    ['notin=in', 'notin=in'],
    ['x==y', 'x==y'],
    ['x in (b,a,b)', 'x in (a,b)'],
  ];
  for (const [input, printed] of cases) assert.equal(parseSelector(input).toString(), printed, JSON.stringify(input));
});

test('requirements expose key, operator and values', () => {
  assert.deepEqual(parseSelector('!b, a in (y,x), c>3').requirements(), [
    { key: 'a', operator: 'in', values: ['x', 'y'] },
    { key: 'b', operator: '!', values: [] },
    { key: 'c', operator: 'gt', values: ['3'] },
  ]);
});

test('matching (upstream TestSelectorMatches)', () => {
  const yes: [string, Record<string, string>][] = [
    ['', { x: 'y' }], ['x=y', { x: 'y' }], ['x=y,z=w', { x: 'y', z: 'w' }], ['x!=y,z!=w', { x: 'z', z: 'a' }],
    ['notin=in', { notin: 'in' }], ['x', { x: 'z' }], ['!x', { y: 'z' }], ['x>1', { x: '2' }], ['x<1', { x: '0' }],
    ['foo=bar', { foo: 'bar', baz: 'blah' }], ['foo=bar,baz=blah', { foo: 'bar', baz: 'blah' }],
    ['x notin ()', { y: '' }], ['x in (a,b)', { x: 'b' }], ['x notin (a)', {}], ['x=', { x: '' }], ['x!=a', {}],
    ['x>5', { x: '+6' }],
  ];
  const no: [string, Record<string, string>][] = [
    ['x=z', {}], ['x=y', { x: 'z' }], ['x=y,z=w', { x: 'w', z: 'w' }], ['x!=y,z!=w', { x: 'z', z: 'w' }],
    ['x', { y: 'z' }], ['!x', { x: 'z' }], ['x>1', { x: '0' }], ['x<1', { x: '2' }],
    ['foo=blah', { foo: 'bar' }], ['foo=bar,foobar=bar,baz=blah', { foo: 'bar', baz: 'blah' }],
    ['x in ()', { y: 'baz' }], ['z>1', { z: 'v2' }], ['x>1', {}], ['x=', {}], ['x notin (a)', { x: 'a' }],
  ];
  for (const [s, l] of yes) assert.equal(parseSelector(s).matches(l), true, `${s} should match ${JSON.stringify(l)}`);
  for (const [s, l] of no) assert.equal(parseSelector(s).matches(l), false, `${s} should not match ${JSON.stringify(l)}`);
  assert.equal(parseSelector('!x').matches(undefined), true);
  assert.equal(parseSelector('x').matches(null), false);
  // inherited object properties are not labels
  assert.equal(parseSelector('toString').matches({}), false);
});

test('parse errors carry upstream messages', () => {
  const cases: [string, string][] = [
    ['a=b,', "found '', expected: identifier after ','"],
    [',x', "found ',', expected: !, identifier, or 'end of string'"],
    ['x>-5', `unable to parse requirement: values[0][x]: Invalid value: "-5": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`],
    ['a (', "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"],
    ['x nott in (y)', "unable to parse requirement: found 'nott', expected: in, notin, =, ==, !=, gt, lt"],
    ['a in (xyz abc)', "unable to parse requirement: found 'abc', expected: ',' or ')'"],
    ['a in x', "unable to parse requirement: found 'x' expected: '('"],
    ['a in (=)', "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ['a notin(', "unable to parse requirement: found '', expected: ',', ')' or identifier"],
    ['x==a==b', "found '==', expected: ',' or 'end of string'"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    ['x=(', "unable to parse requirement: found '(', expected: identifier"],
    ['! =', "unable to parse requirement: found '=', expected: identifier"],
    ['!=', "found '!=', expected: !, identifier, or 'end of string'"],
    ['x<a', `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`],
    ['a/b/c', `unable to parse requirement: <nil>: Invalid value: "a/b/c": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`],
    ['x=a_', `unable to parse requirement: values[0][x]: Invalid value: "a_": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`],
    [`x=${'a'.repeat(64)}`, `unable to parse requirement: values[0][x]: Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters`],
  ];
  for (const [s, msg] of cases) {
    assert.throws(() => parseSelector(s), (e: unknown) => {
      assert.ok(e instanceof SelectorParseError);
      assert.equal(e.message, msg, s);
      return true;
    });
  }
});

test('newRequirement validation (upstream TestRequirementConstructor)', () => {
  const bad: [string, Requirement['operator'], string[], string][] = [
    ['x1', 'in', [], `values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty`],
    ['x2', 'notin', [], `values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty`],
    ['x5', '=', ['bar', 'foo'], `values: Invalid value: []string{"bar", "foo"}: exact-match compatibility requires one single value`],
    ['x8', 'exists', ['foo'], `values: Invalid value: []string{"foo"}: values set must be empty for exists and does not exist`],
    ['x13', 'gt', [], `values: Invalid value: []string{}: for 'Gt', 'Lt' operators, exactly one value is required`],
    ['x14', 'gt', ['bar'], `values[0]: Invalid value: "bar": for 'Gt', 'Lt' operators, the value must be an integer`],
    ['x18', 'unsupportedOp' as Requirement['operator'], [], `operator: Unsupported value: "unsupportedOp": supported values: "in", "notin", "=", "==", "!=", "gt", "lt", "exists", "!"`],
  ];
  for (const [k, op, vals, msg] of bad) {
    assert.throws(() => newRequirement(k, op, vals), { name: 'SelectorParseError', message: msg }, k);
  }
  // several problems aggregate as [a, b]
  assert.throws(() => newRequirement('-x', '=', ['a b']), (e: Error) => e.message.startsWith('[key: Invalid value: "-x": name part') && e.message.includes(', values[0][-x]: Invalid value: "a b": '));
  assert.throws(() => newRequirement('a'.repeat(254), 'exists', []), { message: /^key: Invalid value: "a{254}": name part must be no more than 63 characters$/ });
  assert.throws(() => newRequirement('x', 'in', [], 'spec.selector'), { message: /^spec\.selector\.values: Invalid value/ });
  for (const [k, op, vals] of [['x3', 'in', ['foo']], ['x6', 'exists', []], ['x7', '!', []], ['x11', 'gt', ['1']], ['x12', 'lt', ['6']]] as const) {
    assert.deepEqual(newRequirement(k, op, vals), { key: k, operator: op, values: [...vals] });
  }
});

test('requirement and selector printing (upstream TestToString)', () => {
  const sel = (...rs: [string, Requirement['operator'], string[]][]) => everything().add(...rs.map(([k, o, v]) => newRequirement(k, o, v))).toString();
  assert.equal(sel(['x', 'in', ['abc', 'def']], ['y', 'notin', ['jkl']], ['z', 'exists', []]), 'x in (abc,def),y notin (jkl),z');
  assert.equal(sel(['x', 'notin', ['def', 'abc']], ['y', '!=', ['jkl']], ['z', '!', []]), 'x notin (abc,def),y!=jkl,!z');
  assert.equal(sel(['x', 'notin', ['abc']], ['y', 'in', ['jkl', 'mno']], ['z', 'notin', ['']]), 'x notin (abc),y in (jkl,mno),z notin ()');
  assert.equal(sel(['x', '=', ['abc']], ['y', '==', ['jkl']], ['z', '!=', ['a']], ['z', 'exists', []]), 'x=abc,y==jkl,z!=a,z');
  assert.equal(sel(['x', 'gt', ['2']], ['y', 'lt', ['8']], ['z', 'exists', []]), 'x>2,y<8,z');
  assert.equal(requirementToString({ key: 'b', operator: 'in', values: ['b', 'a', 'B'] }), 'b in (B,a,b)');
});

test('requiresExactMatch (upstream TestRequiresExactMatch)', () => {
  assert.equal(parseSelector('key in (value)').requiresExactMatch('key'), 'value');
  assert.equal(parseSelector('key in (value,value2)').requiresExactMatch('key'), undefined);
  assert.equal(parseSelector('key in (value,value1),key2 in (value2)').requiresExactMatch('key2'), 'value2');
  assert.equal(parseSelector('key=value').requiresExactMatch('key'), 'value');
  assert.equal(parseSelector('key==value').requiresExactMatch('key'), 'value');
  assert.equal(parseSelector('key!=value').requiresExactMatch('key'), undefined);
  assert.equal(parseSelector('a=b').requiresExactMatch('key'), undefined);
});

test('everything, nothing and sets', () => {
  assert.equal(everything().matches({ x: 'y' }), true);
  assert.equal(everything().empty(), true);
  assert.equal(everything().toString(), '');
  assert.equal(nothing().matches({}), false);
  assert.equal(nothing().empty(), false);
  assert.equal(nothing().toString(), '');
  assert.equal(matchesNothing(nothing()), true);
  assert.equal(matchesNothing(everything()), false);
  const labels = { foo: 'bar', baz: 'blah' };
  for (const set of [{}, { foo: 'bar' }, { baz: 'blah' }, { foo: 'bar', baz: 'blah' }] as Record<string, string>[]) {
    assert.equal(selectorFromSet(set).matches(labels), true);
    assert.equal(setMatches(set, labels), true);
  }
  assert.equal(selectorFromSet({ foo: '=blah' }).matches(labels), false);
  assert.equal(setMatches({ foo: 'bar', foobar: 'bar' }, labels), false);
  assert.equal(selectorFromSet(undefined).empty(), true);
  assert.equal(selectorFromSet({ app: 'foo', a: 'b' }).toString(), 'a=b,app=foo');
  assert.equal(selectorFromSet({ app: 'foo' }).requiresExactMatch('app'), 'foo');
  assert.equal(validatedSelectorFromSet({ key: 'val' }).toString(), 'key=val');
  assert.throws(() => validatedSelectorFromSet({ Key: 'axahm2EJ8Phiephe2eixohbee9eGeiyees1thuozi1xoh0GiuH3diewi8iem7Nui' }), { message: /^values\[0\]\[Key\]: Invalid value: "axahm2EJ8\w+": must be no more than 63 characters$/ });
});

test('selectorFromLabelSelector (upstream TestLabelSelectorAsSelector)', () => {
  const matchLabels = { foo: 'bar' };
  const matchExpressions = [{ key: 'baz', operator: 'In' as const, values: ['qux', 'norf'] }];
  assert.equal(selectorFromLabelSelector(null), nothing());
  assert.equal(selectorFromLabelSelector(undefined).matches({}), false);
  assert.equal(selectorFromLabelSelector({}).empty(), true);
  assert.equal(selectorFromLabelSelector({ matchLabels: {}, matchExpressions: [] }).matches({ a: 'b' }), true);
  assert.equal(selectorFromLabelSelector({ matchLabels }).toString(), 'foo=bar');
  assert.equal(selectorFromLabelSelector({ matchExpressions }).toString(), 'baz in (norf,qux)');
  const both = selectorFromLabelSelector({ matchLabels, matchExpressions });
  assert.equal(both.toString(), 'baz in (norf,qux),foo=bar');
  assert.equal(both.matches({ foo: 'bar', baz: 'qux' }), true);
  assert.equal(both.matches({ foo: 'bar', baz: 'other' }), false);
  assert.deepEqual(matchExpressions[0].values, ['qux', 'norf'], 'input is not modified');
  assert.throws(() => selectorFromLabelSelector({ matchExpressions: [{ key: 'baz', operator: 'Exists', values: ['qux', 'norf'] }] }), SelectorParseError);
  assert.throws(() => selectorFromLabelSelector({ matchExpressions: [{ key: 'baz', operator: 'In', values: [] }] }),
    { message: `values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty` });
  assert.throws(() => selectorFromLabelSelector({ matchExpressions: [{ key: 'baz', operator: 'Gt' as 'In', values: ['1'] }] }),
    { message: '"Gt" is not a valid label selector operator' });
  const ex = selectorFromLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Exists' }, { key: 'b', operator: 'DoesNotExist' }, { key: 'c', operator: 'NotIn', values: ['x'] }] });
  assert.equal(ex.toString(), 'a,!b,c notin (x)');
  assert.equal(ex.matches({ a: '1', c: 'y' }), true);
  assert.equal(ex.matches({ a: '1', b: '2' }), false);
});

test('labelSelectorToString (metav1.FormatLabelSelector)', () => {
  assert.equal(labelSelectorToString(null), '<none>');
  assert.equal(labelSelectorToString({}), '<none>');
  assert.equal(labelSelectorToString({ matchLabels: { app: 'web', tier: 'fe' } }), 'app=web,tier=fe');
  assert.equal(labelSelectorToString({ matchExpressions: [{ key: 'k', operator: 'In', values: [] }] }), '<error>');
});
