import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goJsonSyntaxError, kindFinderError, summarizeBody } from './undecodable.js';

test('JSON syntax errors read as Go\'s encoding/json reports them', () => {
  const cases: [string, string | undefined][] = [
    ['{"a":[1,2,{"b":null}],"c":-1.5e+3,"d":"\\u00e9\\n"}', undefined],
    [' null ', undefined],
    ['', 'unexpected end of JSON input'],
    ['{"a":1', 'unexpected end of JSON input'],
    ['{bad}', "invalid character 'b' looking for beginning of object key string"],
    ['{"a":1,}', "invalid character '}' looking for beginning of object key string"],
    ['[1,]', "invalid character ']' looking for beginning of value"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b":2}', 'invalid character \'"\' after object key:value pair'],
    ['[1 2]', "invalid character '2' after array element"],
    ['{"a":tru}', "invalid character '}' in literal true (expecting 'e')"],
    ['nul', 'unexpected end of JSON input'],
    ['fals3', "invalid character '3' in literal false (expecting 'e')"],
    ['"\\x"', "invalid character 'x' in string escape code"],
    ['"\\u12g4"', "invalid character 'g' in \\u hexadecimal character escape"],
    ['"a\tb"', "invalid character '\\t' in string literal"],
    ['-a', "invalid character 'a' in numeric literal"],
    ['1.e', "invalid character 'e' after decimal point in numeric literal"],
    ['1ea', "invalid character 'a' in exponent of numeric literal"],
    ['1e+', 'unexpected end of JSON input'],
    ['01', "invalid character '1' after top-level value"],
    ['{} x', "invalid character 'x' after top-level value"],
    ['apiVersion: v1\nkind: Pod', "invalid character 'a' looking for beginning of value"],
    ["'x'", "invalid character '\\'' looking for beginning of value"],
    ['\\', "invalid character '\\\\' looking for beginning of value"],
    ['\x01', "invalid character '\\x01' looking for beginning of value"],
  ];
  for (const [input, want] of cases) assert.equal(goJsonSyntaxError(Buffer.from(input)), want, JSON.stringify(input));
});

test('bodies are summarised as upstream does: text from \'{\', hex otherwise, 30 bytes', () => {
  assert.equal(summarizeBody(Buffer.alloc(0)), '<empty>');
  assert.equal(summarizeBody(Buffer.from('{bad}')), '{bad}');
  assert.equal(summarizeBody(Buffer.from('{"apiVersion":"v1","kind":"Namespace"}')), '{"apiVersion":"v1","kind":"Nam ...');
  assert.equal(summarizeBody(Buffer.from('apiVersion: v1\r\nkind: PersistentVolume')), '61706956657273696f6e3a2076310d0a6b696e643a205065727369737465 ...');
});

test('a JSON value that is not an object cannot carry a kind', () => {
  assert.equal(kindFinderError({}), undefined);
  assert.equal(kindFinderError(null), undefined);
  assert.equal(kindFinderError([1]), 'couldn\'t get version/kind; json parse error: json: cannot unmarshal array into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }');
  assert.match(kindFinderError('x') ?? '', /cannot unmarshal string into Go value of type struct/);
  assert.match(kindFinderError(1) ?? '', /cannot unmarshal number into/);
  assert.match(kindFinderError(true) ?? '', /cannot unmarshal bool into/);
});
