// Structural decoding: what Go's JSON decoder does when the API server reads a body
// into the typed struct. Driven by the same schemas as everything else (schema.ts):
// - JSON types are checked, with Go's wording for a mismatch
//   ("json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container");
// - quantities accept numbers and come out canonical ("1.5" → "1500m"), IntOrString takes
//   an integer or a string, times are normalized to RFC 3339 in UTC;
// - integers must be whole, int32 within range;
// - null means "not set": the field is dropped;
// - fields the schema does not know are dropped and reported by path (spec.containers[0].imagee),
//   except inside free-form objects (x-kubernetes-preserve-unknown-fields, RawExtension).
import { defNameOf, specialOf, type TSchema } from './schema.js';
import { BadRequestError } from '../machinery/errors.js';
import { parseQuantity, QuantityParseError } from '../machinery/quantity.js';

export type UnknownFieldPolicy = 'Ignore' | 'Warn' | 'Strict';

export interface DecodeOptions {
  /** Ignore: unknown fields are not reported; Warn/Strict: they are (the caller turns them into warnings or a 400). */
  unknownFields?: UnknownFieldPolicy;
  /**
   * The kind and version being decoded; when given, errors read as upstream's API server puts them:
   * `Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal …`.
   */
  kind?: string;
  version?: string;
}

/** `<Kind> in version "<v>" cannot be handled as a <Kind>: <message>` (upstream's decode failure wording). */
export function cannotHandleMessage(kind: string, version: string, message: string): string {
  return `${kind} in version ${JSON.stringify(version)} cannot be handled as a ${kind}: ${message}`;
}

export interface DecodeResult<T = unknown> {
  value: T;
  /** paths of the fields the schema does not know, e.g. spec.foo, spec.containers[0].imagee */
  unknownFields: string[];
}

/** A schema node as a plain record (TypeBox schemas are JSON Schema objects with symbols). */
type Node = TSchema & {
  type?: string;
  properties?: Record<string, Node>;
  additionalProperties?: Node | boolean;
  items?: Node;
  format?: string;
};

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

interface Ctx {
  unknown: string[] | undefined;
  /** JSON field names from the top, as Go's error context keeps them (no indices). */
  fields: string[];
  /** the Go struct that holds the current field */
  struct: string | undefined;
}

/** The Go type name of a schema, as json errors print it: v1.Container, []v1.Container, map[string]string. */
export function goTypeName(schema: TSchema): string {
  const s = schema as Node;
  const special = specialOf(s);
  if (special === 'quantity') return 'resource.Quantity';
  if (special === 'int-or-string') return 'intstr.IntOrString';
  if (special === 'time') return 'v1.Time';
  if (special === 'micro-time') return 'v1.MicroTime';
  if (special === 'bytes') return '[]uint8';
  if (special === 'raw') return 'runtime.RawExtension';
  const name = defNameOf(s);
  if (name && !special) {
    const parts = name.split('.');
    return `${parts[parts.length - 2]}.${parts[parts.length - 1]}`;
  }
  switch (s.type) {
    case 'array': return `[]${s.items ? goTypeName(s.items) : 'interface {}'}`;
    case 'object':
      if (s.properties) return 'struct';
      if (s.additionalProperties && typeof s.additionalProperties === 'object') return `map[string]${goTypeName(s.additionalProperties)}`;
      return 'map[string]interface {}';
    case 'string': return 'string';
    case 'integer': return s.format === 'int32' ? 'int32' : 'int64';
    case 'number': return 'float64';
    case 'boolean': return 'bool';
    default: return 'interface {}';
  }
}

function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v; // string, number, object
}

function mismatch(ctx: Ctx, value: unknown, schema: Node, what = jsonKind(value)): never {
  const type = goTypeName(schema);
  const where = ctx.struct !== undefined && ctx.fields.length
    ? `Go struct field ${ctx.struct}.${ctx.fields.join('.')}`
    : 'Go value';
  throw new BadRequestError(`json: cannot unmarshal ${what} into ${where} of type ${type}`);
}

function structName(schema: Node): string {
  const name = defNameOf(schema);
  return name ? name.slice(name.lastIndexOf('.') + 1) : '';
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** metav1.Time / MicroTime: parse RFC 3339 and print it in UTC with 0 or 6 fraction digits. */
function decodeTime(text: string, micro: boolean): string {
  const m = RFC3339.exec(text);
  const ms = m ? Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[8].toUpperCase()}`) : NaN;
  if (!m || Number.isNaN(ms)) {
    throw new BadRequestError(`parsing time ${JSON.stringify(text)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(text)} as "2006"`);
  }
  const base = `${new Date(ms).toISOString().slice(0, 19)}`;
  if (!micro) return `${base}Z`;
  const frac = (m[7] ?? '.').slice(1).padEnd(6, '0').slice(0, 6);
  return `${base}.${frac}Z`;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function decodeSpecial(kind: string, value: unknown, schema: Node, ctx: Ctx): unknown {
  switch (kind) {
    case 'quantity':
      if (typeof value !== 'string' && typeof value !== 'number') return mismatch(ctx, value, schema);
      try {
        return parseQuantity(value).toString();
      } catch (e) {
        if (e instanceof QuantityParseError) throw new BadRequestError(e.message);
        throw e;
      }
    case 'int-or-string':
      if (typeof value === 'string') return value;
      if (typeof value === 'number') {
        if (!Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX) {
          return mismatch(ctx, value, { type: 'integer', format: 'int32' } as Node, `number ${value}`);
        }
        return value;
      }
      return mismatch(ctx, value, { type: 'integer', format: 'int32' } as Node);
    case 'time':
    case 'micro-time':
      if (typeof value !== 'string') return mismatch(ctx, value, { type: 'string' } as Node);
      return value === '' ? undefined : decodeTime(value, kind === 'micro-time');
    case 'bytes':
      if (typeof value !== 'string') return mismatch(ctx, value, schema);
      if (!BASE64.test(value)) {
        throw new BadRequestError(`illegal base64 data at input byte ${firstBadBase64Byte(value)}`);
      }
      return value;
    case 'raw':
      return value;
    case 'preserve':
      if (typeof value !== 'object' || Array.isArray(value)) return mismatch(ctx, value, schema);
      return value;
    default:
      return value;
  }
}

function firstBadBase64Byte(s: string): number {
  for (let i = 0; i < s.length; i++) if (!/[A-Za-z0-9+/=]/.test(s[i])) return i;
  return Math.max(0, s.length - (s.length % 4 || 4));
}

function walk(schema: Node, value: unknown, path: string, ctx: Ctx): unknown {
  if (value === null) return undefined;
  const special = specialOf(schema);
  if (special) return decodeSpecial(special, value, schema, ctx);
  switch (schema.type) {
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return mismatch(ctx, value, schema);
      const input = value as Record<string, unknown>;
      if (schema.properties) {
        const out: Record<string, unknown> = {};
        const props = schema.properties;
        const outerStruct = ctx.struct;
        for (const key of Object.keys(props)) {
          if (!Object.prototype.hasOwnProperty.call(input, key)) continue;
          ctx.fields.push(key);
          ctx.struct = structName(schema) || outerStruct;
          const v = walk(props[key], input[key], path ? `${path}.${key}` : key, ctx);
          ctx.fields.pop();
          ctx.struct = outerStruct;
          if (v !== undefined) out[key] = v;
        }
        if (ctx.unknown) {
          for (const key of Object.keys(input)) {
            if (!Object.prototype.hasOwnProperty.call(props, key)) ctx.unknown.push(path ? `${path}.${key}` : key);
          }
        }
        return out;
      }
      const ap = schema.additionalProperties;
      if (ap && typeof ap === 'object') {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(input)) {
          // Go keeps a null map value as the zero value of the element type.
          const d = v === null ? zeroOf(ap) : walk(ap, v, path ? `${path}.${k}` : k, ctx);
          if (d !== undefined) out[k] = d;
        }
        return out;
      }
      return value;
    }
    case 'array': {
      if (!Array.isArray(value)) return mismatch(ctx, value, schema);
      const items = schema.items;
      if (!items) return value;
      return value.map((item, i) => {
        const d = item === null ? zeroOf(items) : walk(items, item, `${path}[${i}]`, ctx);
        return d === undefined ? zeroOf(items) : d;
      });
    }
    case 'string':
      if (typeof value !== 'string') return mismatch(ctx, value, schema);
      return value;
    case 'integer': {
      if (typeof value !== 'number') return mismatch(ctx, value, schema);
      const int32 = schema.format === 'int32';
      if (!Number.isInteger(value) || (int32 && (value < INT32_MIN || value > INT32_MAX))) {
        return mismatch(ctx, value, schema, `number ${value}`);
      }
      return value;
    }
    case 'number':
      if (typeof value !== 'number') return mismatch(ctx, value, schema);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') return mismatch(ctx, value, schema);
      return value;
    default:
      return value;
  }
}

/** The zero value Go gives a null element of a list or map. */
function zeroOf(schema: Node): unknown {
  const special = specialOf(schema);
  if (special === 'quantity') return '0';
  if (special === 'int-or-string') return 0;
  if (special === 'time' || special === 'micro-time') return null;
  switch (schema.type) {
    case 'object': return schema.properties ? {} : null;
    case 'array': return null;
    case 'string': return '';
    case 'integer':
    case 'number': return 0;
    case 'boolean': return false;
    default: return null;
  }
}

/**
 * Decodes a parsed JSON value against a schema. Throws BadRequestError for a type mismatch
 * (the message Go's decoder gives); returns the decoded value with unknown fields dropped and,
 * unless the policy is Ignore, their paths.
 */
export function decode<T = unknown>(schema: TSchema, value: unknown, options: DecodeOptions = {}): DecodeResult<T> {
  const collect = (options.unknownFields ?? 'Strict') !== 'Ignore';
  const ctx: Ctx = { unknown: collect ? [] : undefined, fields: [], struct: undefined };
  const node = schema as Node;
  let out: unknown;
  try {
    out = walk(node, value, '', ctx);
  } catch (e) {
    if (e instanceof BadRequestError && options.kind) {
      throw new BadRequestError(cannotHandleMessage(options.kind, options.version ?? '', e.message));
    }
    throw e;
  }
  return { value: (out === undefined ? {} : out) as T, unknownFields: ctx.unknown ?? [] };
}

/**
 * The message of a Strict decoding failure: strict decoding error: unknown field "spec.foo", unknown field "x".
 * Upstream's API server puts it behind cannotHandleMessage(kind, version, …).
 */
export function strictDecodingMessage(unknownFields: readonly string[], duplicates: readonly string[] = []): string {
  const parts = [
    ...unknownFields.map((f) => `unknown field ${JSON.stringify(f)}`),
    ...duplicates.map((f) => `duplicate field ${JSON.stringify(f)}`),
  ];
  return `strict decoding error: ${parts.join(', ')}`;
}

/**
 * Duplicate keys in a JSON text (JSON.parse keeps the last one silently), reported by path
 * as upstream's strict decoder does: `duplicate field "metadata.name"`.
 */
export function findDuplicateFields(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  const ws = () => { while (i < text.length && ' \t\r\n'.includes(text[i])) i++; };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const seen = new Set<string>();
      ws();
      if (text[i] === '}') { i++; return; }
      while (i < text.length) {
        ws();
        const key = str();
        const p = path ? `${path}.${key}` : key;
        if (seen.has(key)) out.push(p);
        seen.add(key);
        ws();
        i++; // ':'
        value(p);
        ws();
        if (text[i] === ',') { i++; continue; }
        i++; // '}'
        return;
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') { i++; return; }
      let n = 0;
      while (i < text.length) {
        value(`${path}[${n++}]`);
        ws();
        if (text[i] === ',') { i++; continue; }
        i++;
        return;
      }
    } else if (c === '"') {
      str();
    } else {
      while (i < text.length && !',}] \t\r\n'.includes(text[i])) i++;
    }
  };
  try {
    value('');
  } catch {
    return out;
  }
  return out;
}
