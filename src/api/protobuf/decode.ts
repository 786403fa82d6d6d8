// Request bodies in application/vnd.kubernetes.protobuf: the magic "k8s\0", a runtime.Unknown
// envelope {typeMeta=1 {apiVersion=1, kind=2}, raw=2, contentEncoding=3, contentType=4}, and in
// raw the object's own message. The result is the JSON object Go's JSON encoder would write for
// the struct Go's protobuf decoder fills, so the rest of the server treats it as a JSON body:
// - a pointer field is present exactly when it was on the wire (replicas: 0 survives);
// - a non-pointer scalar with omitempty is dropped when zero, one without is always written;
// - non-pointer structs are always written ("status": {}), zero times as null;
// - empty lists and maps are left out (null for the few without omitempty, as Go writes nil);
// - fields the tables do not know are skipped (as Go's decoder does) and reported.
import { BadRequestError } from '../../machinery/errors.js';
import type { Scheme } from '../scheme.js';
import { schemaForKind, messageNameOf } from './kinds.js';
import { decodeSpecial } from './special.js';
import { isScalar, isSpecial, messageInfo, type FieldInfo, type MessageInfo } from './table.js';
import {
  concatBytes, ProtoError, readFields, readPacked, WIRE_BYTES, WIRE_FIXED32, WIRE_FIXED64, WIRE_VARINT, type WireField,
} from './wire.js';

export const PROTOBUF_MAGIC = Uint8Array.from([0x6b, 0x38, 0x73, 0x00]);
export const PROTOBUF_CONTENT_TYPE = 'application/vnd.kubernetes.protobuf';

export interface ProtobufDecodeResult {
  apiVersion: string;
  kind: string;
  /** the object in its JSON form, apiVersion and kind included */
  object: Record<string, unknown>;
  /** fields the tables do not know, as path#number (spec.template.spec#99); they were skipped */
  unknownFields: string[];
}

type Json = Record<string, unknown>;

interface Ctx {
  unknown: string[];
}

const utf8 = new TextDecoder();
const EMPTY = new Uint8Array(0);
const UNKNOWN = 'io.k8s.apimachinery.pkg.runtime.Unknown';

export function hasProtobufMagic(body: Uint8Array): boolean {
  return body.length >= 4 && PROTOBUF_MAGIC.every((b, i) => body[i] === b);
}

function expectedWire(type: string, shape: FieldInfo['shape']): number {
  if (shape === 'map' || !isScalar(type) || type === 's' || type === 'y') return WIRE_BYTES;
  if (type === 'f64') return WIRE_FIXED64;
  if (type === 'f32') return WIRE_FIXED32;
  return WIRE_VARINT;
}

function fieldLabel(f: FieldInfo): string {
  return f.json === undefined ? `${f.num}` : `${f.num} (${f.json})`;
}

function scalarValue(type: string, f: WireField): unknown {
  switch (type) {
    case 's': return utf8.decode(f.data);
    case 'y': return Buffer.from(f.data.buffer, f.data.byteOffset, f.data.length).toString('base64');
    case 'b': return f.varint !== 0n;
    case 'i32': return Number(BigInt.asIntN(32, f.varint));
    case 'i64': return Number(BigInt.asIntN(64, f.varint));
    case 'u32': return Number(BigInt.asUintN(32, f.varint));
    case 'u64': return Number(f.varint);
    case 'f64': return new DataView(f.data.buffer, f.data.byteOffset, 8).getFloat64(0, true);
    case 'f32': return new DataView(f.data.buffer, f.data.byteOffset, 4).getFloat32(0, true);
    default: throw new ProtoError(`unknown scalar type ${type}`);
  }
}

function zeroScalar(type: string): unknown {
  if (type === 's') return '';
  if (type === 'b') return false;
  if (type === 'y') return null;
  return 0;
}

function isZeroScalar(v: unknown): boolean {
  return v === '' || v === 0 || v === false;
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

/** The JSON value of a message-typed value from its bytes. */
function messageValue(type: string, data: Uint8Array, path: string, ctx: Ctx): unknown {
  if (isSpecial(type)) return decodeSpecial(type, data);
  const info = messageInfo(type);
  if (!info) throw new ProtoError(`no protobuf field table for ${type}`);
  if (info.wrapperOf) return wrapperItems(info, data, path, ctx);
  const out: Json = {};
  decodeInto(info, data, path, ctx, out);
  return out;
}

/** A wrapper of a Go slice ({items=1}) as a JSON array. */
function wrapperItems(info: MessageInfo, data: Uint8Array, path: string, ctx: Ctx): unknown[] {
  const type = info.wrapperOf as string;
  const item: FieldInfo = { num: 1, json: 'items', pointer: false, omitempty: false, shape: 'repeated', type };
  const fields = readFields(data, info.name).filter((f) => {
    if (f.num === 1) return true;
    ctx.unknown.push(`${path}#${f.num}`);
    return false;
  });
  return repeatedValues(info, item, fields, path, ctx);
}

function repeatedValues(info: MessageInfo, field: FieldInfo, wires: WireField[], path: string, ctx: Ctx): unknown[] {
  const out: unknown[] = [];
  for (const w of wires) {
    if (isScalar(field.type)) {
      if (w.wire === WIRE_BYTES && expectedWire(field.type, 'repeated') === WIRE_VARINT) {
        for (const v of readPacked(w.data, field.num, info.name)) out.push(scalarValue(field.type, { ...w, wire: WIRE_VARINT, varint: v }));
      } else {
        out.push(scalarValue(field.type, w));
      }
    } else {
      out.push(messageValue(field.type, w.data, `${path}[${out.length}]`, ctx));
    }
  }
  return out;
}

function mapValue(info: MessageInfo, field: FieldInfo, wires: WireField[], path: string, ctx: Ctx): Json {
  const entries = new Map<string, unknown>();
  const entryName = `${info.name}.${field.json ?? field.num} entry`;
  for (const w of wires) {
    let key = '';
    const values: WireField[] = [];
    for (const e of readFields(w.data, entryName)) {
      if (e.num === 1) {
        if (e.wire !== WIRE_BYTES) throw new ProtoError(`wrong wire type ${e.wire} for the key of ${entryName}`);
        key = utf8.decode(e.data);
      } else if (e.num === 2) {
        if (e.wire !== expectedWire(field.type, 'single')) throw new ProtoError(`wrong wire type ${e.wire} for the value of ${entryName}`);
        values.push(e);
      }
    }
    const at = `${path}.${key}`;
    let value: unknown;
    if (isScalar(field.type)) {
      value = values.length ? scalarValue(field.type, values[values.length - 1]) : zeroScalar(field.type);
      if (field.type === 'y' && value === null) value = '';
    } else {
      value = messageValue(field.type, concatBytes(values.length ? values.map((v) => v.data) : [EMPTY]), at, ctx);
    }
    entries.set(key, value);
  }
  // Go's encoder writes map keys sorted
  const out: Json = {};
  for (const k of [...entries.keys()].sort()) out[k] = entries.get(k);
  return out;
}

/** Decodes the fields of one message into `out` (inline structs merge into the same object). */
function decodeInto(info: MessageInfo, data: Uint8Array, path: string, ctx: Ctx, out: Json): void {
  const seen = new Map<FieldInfo, WireField[]>();
  for (const w of readFields(data, info.name)) {
    const field = info.byNumber.get(w.num);
    if (!field) {
      ctx.unknown.push(`${path}#${w.num}`);
      continue;
    }
    const want = expectedWire(field.type, field.shape);
    const packed = field.shape === 'repeated' && want === WIRE_VARINT && w.wire === WIRE_BYTES;
    if (w.wire !== want && !packed) {
      throw new ProtoError(`wrong wire type ${w.wire} for field ${fieldLabel(field)} in ${info.name}`);
    }
    const list = seen.get(field);
    if (list) list.push(w);
    else seen.set(field, [w]);
  }
  for (const field of info.fields) {
    const wires = seen.get(field);
    if (field.json === undefined) {
      // an inline embedded struct: its fields belong to this object
      if (!wires && field.pointer) continue;
      const inner = messageInfo(field.type);
      if (!inner) throw new ProtoError(`no protobuf field table for ${field.type}`);
      decodeInto(inner, concatBytes(wires ? wires.map((w) => w.data) : [EMPTY]), path, ctx, out);
      continue;
    }
    const name = field.json;
    const at = join(path, name);
    const wrapper = !isScalar(field.type) && messageInfo(field.type)?.wrapperOf !== undefined;
    if (field.shape !== 'single' || field.type === 'y' || wrapper) {
      // Go slices and maps: nil unless on the wire; omitempty drops empty ones, else nil is null
      let value: unknown;
      if (wires) {
        if (field.shape === 'map') value = mapValue(info, field, wires, at, ctx);
        else if (field.shape === 'repeated') value = repeatedValues(info, field, wires, at, ctx);
        else if (field.type === 'y') value = scalarValue('y', wires[wires.length - 1]);
        else value = messageValue(field.type, concatBytes(wires.map((w) => w.data)), at, ctx);
      }
      const empty = value === undefined || (Array.isArray(value) ? value.length === 0
        : typeof value === 'string' ? value === '' : Object.keys(value as Json).length === 0);
      if (empty && field.omitempty) continue;
      out[name] = value ?? null;
      continue;
    }
    if (isScalar(field.type)) {
      if (!wires) {
        if (field.pointer) {
          if (!field.omitempty) out[name] = null;
        } else if (!field.omitempty) {
          out[name] = zeroScalar(field.type);
        }
        continue;
      }
      const value = scalarValue(field.type, wires[wires.length - 1]);
      if (!field.pointer && field.omitempty && isZeroScalar(value)) continue;
      out[name] = value;
      continue;
    }
    // a nested message: repeated occurrences merge, as protobuf's concatenation does
    if (!wires && field.pointer) {
      if (!field.omitempty) out[name] = null;
      continue;
    }
    out[name] = messageValue(field.type, wires ? concatBytes(wires.map((w) => w.data)) : EMPTY, at, ctx);
  }
}

/**
 * Decodes one message (no envelope) by its definition name, e.g. io.k8s.api.apps.v1.DeploymentList.
 * Throws ProtoError for malformed input.
 */
export function decodeMessageByName(defName: string, data: Uint8Array): { object: Json; unknownFields: string[] } {
  const info = messageInfo(defName);
  if (!info || info.wrapperOf) throw new ProtoError(`no protobuf field table for ${defName}`);
  const ctx: Ctx = { unknown: [] };
  const object: Json = {};
  decodeInto(info, data, '', ctx, object);
  return { object, unknownFields: ctx.unknown };
}

interface Envelope {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
  contentEncoding: string;
}

function readEnvelope(body: Uint8Array): Envelope {
  const env: Envelope = { apiVersion: '', kind: '', raw: EMPTY, contentEncoding: '' };
  const str = (f: WireField, what: string): string => {
    if (f.wire !== WIRE_BYTES) throw new ProtoError(`wrong wire type ${f.wire} for field ${f.num} (${what}) in ${UNKNOWN}`);
    return utf8.decode(f.data);
  };
  for (const f of readFields(body.subarray(4), UNKNOWN)) {
    if (f.num === 1) {
      if (f.wire !== WIRE_BYTES) throw new ProtoError(`wrong wire type ${f.wire} for field 1 (typeMeta) in ${UNKNOWN}`);
      for (const t of readFields(f.data, 'io.k8s.apimachinery.pkg.runtime.TypeMeta')) {
        if (t.num === 1) env.apiVersion = str(t, 'apiVersion');
        else if (t.num === 2) env.kind = str(t, 'kind');
      }
    } else if (f.num === 2) {
      if (f.wire !== WIRE_BYTES) throw new ProtoError(`wrong wire type ${f.wire} for field 2 (raw) in ${UNKNOWN}`);
      env.raw = f.data;
    } else if (f.num === 3) {
      env.contentEncoding = str(f, 'contentEncoding');
    }
  }
  return env;
}

/**
 * Decodes a Kubernetes protobuf request body into the JSON object it stands for.
 * Throws BadRequestError for a body that is not protobuf, is malformed or truncated, or names
 * a kind this server does not serve.
 */
export function decodeProtobuf(body: Uint8Array, scheme: Scheme): ProtobufDecodeResult {
  if (!hasProtobufMagic(body)) {
    throw new BadRequestError(`unable to decode protobuf body: provided data does not appear to be a protobuf message, expected prefix [${[...PROTOBUF_MAGIC].join(' ')}]`);
  }
  let env: Envelope;
  try {
    env = readEnvelope(body);
  } catch (e) {
    if (e instanceof ProtoError) throw new BadRequestError(`unable to decode protobuf body: ${e.message}`);
    throw e;
  }
  const { apiVersion, kind } = env;
  const what = `${apiVersion || '""'} ${kind || '""'}`;
  if (!kind) throw new BadRequestError(`unable to decode protobuf body: Object 'Kind' is missing`);
  if (env.contentEncoding) {
    throw new BadRequestError(`unable to decode protobuf body for ${what}: unsupported content encoding ${JSON.stringify(env.contentEncoding)}`);
  }
  const schema = schemaForKind(scheme, apiVersion, kind);
  if (!schema) {
    throw new BadRequestError(`unable to decode protobuf body: no kind ${JSON.stringify(kind)} is registered for version ${JSON.stringify(apiVersion)}`);
  }
  const name = messageNameOf(schema);
  const info = name ? messageInfo(name) : undefined;
  if (!info) throw new BadRequestError(`unable to decode protobuf body for ${what}: no protobuf field table for ${name ?? kind}`);
  const ctx: Ctx = { unknown: [] };
  const object: Json = { kind, apiVersion };
  try {
    decodeInto(info, env.raw, '', ctx, object);
  } catch (e) {
    if (e instanceof ProtoError) throw new BadRequestError(`unable to decode protobuf body for ${what}: ${e.message}`);
    throw e;
  }
  return { apiVersion, kind, object, unknownFields: ctx.unknown };
}
