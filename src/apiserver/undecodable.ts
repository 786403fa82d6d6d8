// A request body that does not decode as an object, answered as upstream's API server answers
// it (handlers' transformDecodeError):
//   the object provided is unrecognized (must be of type Namespace): couldn't get version/kind;
//   json parse error: invalid character 'b' looking for beginning of object key string ({bad})
// The cause reads as Go's encoding/json reports it, which clients match on; the body is
// summarised as upstream does (its first 30 bytes, as text when it starts with '{', else hex).
import { BadRequestError } from '../machinery/errors.js';
import { MAX_BODY_DEPTH } from '../machinery/nesting.js';

/** The message of Go's encoding/json for a syntax error in data, or undefined when data is valid JSON. */
export function goJsonSyntaxError(data: Uint8Array): string | undefined {
  let i = 0;
  const EOF = 'unexpected end of JSON input';
  class Bad extends Error {}
  const fail = (context: string): never => {
    throw new Bad(i >= data.length ? EOF : `invalid character ${quoteChar(data[i])} ${context}`);
  };
  const ws = (): void => {
    while (i < data.length && (data[i] === 0x20 || data[i] === 0x09 || data[i] === 0x0a || data[i] === 0x0d)) i++;
  };
  const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
  const isHex = (c: number): boolean => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
  const literal = (word: string): void => {
    for (let k = 1; k < word.length; k++) {
      i++;
      if (data[i] !== word.charCodeAt(k)) fail(`in literal ${word} (expecting ${quoteChar(word.charCodeAt(k))})`);
    }
    i++;
  };
  const string = (): void => {
    i++;
    for (;;) {
      const c = data[i];
      if (c === undefined) fail('');
      if (c === 0x22) {
        i++;
        return;
      }
      if (c === 0x5c) {
        i++;
        const e = data[i];
        if (e === 0x75) {
          for (let k = 0; k < 4; k++) {
            i++;
            if (!isHex(data[i])) fail('in \\u hexadecimal character escape');
          }
        } else if (e === undefined || !'"\\/bfnrt'.includes(String.fromCharCode(e))) {
          fail('in string escape code');
        }
      } else if (c < 0x20) {
        fail('in string literal');
      }
      i++;
    }
  };
  const digits = (): void => {
    while (isDigit(data[i])) i++;
  };
  const number = (): void => {
    if (data[i] === 0x2d) {
      i++;
      if (!isDigit(data[i])) fail('in numeric literal');
    }
    if (data[i] === 0x30) i++;
    else digits();
    if (data[i] === 0x2e) {
      i++;
      if (!isDigit(data[i])) fail('after decimal point in numeric literal');
      digits();
    }
    if (data[i] === 0x65 || data[i] === 0x45) {
      i++;
      if (data[i] === 0x2b || data[i] === 0x2d) i++;
      if (!isDigit(data[i])) fail('in exponent of numeric literal');
      digits();
    }
  };
  // an object or array from its opening byte: items separated by commas until `close`;
  // nested past the bound (machinery/nesting) it fails as Go's scanner does past its own
  let depth = 0;
  const sequence = (close: number, item: () => void, afterItem: string): void => {
    if (++depth > MAX_BODY_DEPTH) fail('exceeded max depth');
    i++;
    ws();
    if (data[i] === close) {
      i++;
      depth--;
      return;
    }
    for (;;) {
      item();
      ws();
      if (data[i] === close) {
        i++;
        depth--;
        return;
      }
      if (data[i] !== 0x2c) fail(afterItem);
      i++;
      ws();
    }
  };
  const member = (): void => {
    if (data[i] !== 0x22) fail('looking for beginning of object key string');
    string();
    ws();
    if (data[i] !== 0x3a) fail('after object key');
    i++;
    value();
  };
  const value = (): void => {
    ws();
    const c = data[i];
    if (c === 0x7b) return sequence(0x7d, member, 'after object key:value pair');
    if (c === 0x5b) return sequence(0x5d, value, 'after array element');
    if (c === 0x22) return string();
    if (c === 0x2d || (c !== undefined && isDigit(c))) return number();
    if (c === 0x74) return literal('true');
    if (c === 0x66) return literal('false');
    if (c === 0x6e) return literal('null');
    fail('looking for beginning of value');
  };
  try {
    value();
    ws();
    if (i < data.length) fail('after top-level value');
    return undefined;
  } catch (e) {
    if (e instanceof Bad) return e.message;
    throw e;
  }
}

/** Go's quoteChar: a byte in single quotes, escaped as strconv.Quote escapes it. */
function quoteChar(c: number): string {
  if (c === 0x27) return `'\\''`;
  if (c === 0x22) return `'"'`;
  const named: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 0x5c: '\\\\' };
  if (named[c]) return `'${named[c]}'`;
  if (c < 0x20 || c === 0x7f) return `'\\x${c.toString(16).padStart(2, '0')}'`;
  if (c >= 0x80 && c < 0xa0) return `'\\u00${c.toString(16)}'`;
  if (c === 0xad) return `'\\u00ad'`;
  return `'${String.fromCharCode(c)}'`;
}

/** Upstream's summarizeData(body, 30): '<empty>', the text when it starts with '{', else hex. */
export function summarizeBody(data: Uint8Array, max = 30): string {
  if (!data.length) return '<empty>';
  const head = Buffer.from(data.subarray(0, max));
  const more = data.length > max ? ' ...' : '';
  return (data[0] === 0x7b ? head.toString('utf8') : head.toString('hex')) + more;
}

const KIND_FINDER = 'struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }';

/**
 * Why a JSON body is not an object upstream can read the kind of, in Go's words
 * (couldn't get version/kind; json parse error: …), or undefined when it is one. `null`
 * reads as an empty object, as Go's decoder leaves the target untouched.
 */
export function kindFinderError(parsed: unknown): string | undefined {
  if (parsed === null || (typeof parsed === 'object' && !Array.isArray(parsed))) return undefined;
  const what = Array.isArray(parsed) ? 'array' : typeof parsed === 'boolean' ? 'bool' : typeof parsed;
  return `couldn't get version/kind; json parse error: json: cannot unmarshal ${what} into Go value of type ${KIND_FINDER}`;
}

/** The 400 for a body that did not decode into `kind`, with the cause's text. */
export function unrecognizedBody(kind: string, data: Uint8Array, cause: string): BadRequestError {
  return new BadRequestError(`the object provided is unrecognized (must be of type ${kind}): ${cause} (${summarizeBody(data)})`);
}

/** The 400 for JSON that does not parse, with Go's description of the first syntax error. */
export function unparsableJson(kind: string, data: Uint8Array, fallback: string): BadRequestError {
  return unrecognizedBody(kind, data, `couldn't get version/kind; json parse error: ${goJsonSyntaxError(data) ?? fallback}`);
}
