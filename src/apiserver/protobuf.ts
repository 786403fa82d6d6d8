// Request bodies in Kubernetes' protobuf encoding (application/vnd.kubernetes.protobuf):
// the "k8s\0" magic, a runtime.Unknown envelope {typeMeta{apiVersion, kind}, raw} and the
// object's own message in raw, decoded into the JSON shape with the field tables of
// protobuf-types.ts. Kinds outside those tables are 415 Unsupported Media Type.
import { BadRequestError, StatusError } from '../machinery/errors.js';
import { messageFields } from './protobuf-types.js';

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

type Json = Record<string, unknown>;

interface Field {
  num: number;
  wire: number;
  /** varint value (wire 0) */
  int?: bigint;
  /** length-delimited bytes (wire 2) */
  bytes?: Buffer;
}

function readVarint(buf: Buffer, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    if (pos >= buf.length) throw new BadRequestError('protobuf: truncated varint');
    const b = buf[pos++];
    result |= BigInt(b & 0x7f) << shift;
    if (!(b & 0x80)) return [result, pos];
    shift += 7n;
    if (shift > 70n) throw new BadRequestError('protobuf: varint too long');
  }
}

export function readFields(buf: Buffer): Field[] {
  const out: Field[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [key, p1] = readVarint(buf, pos);
    pos = p1;
    const num = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (wire === 0) {
      const [v, p2] = readVarint(buf, pos);
      out.push({ num, wire, int: v });
      pos = p2;
    } else if (wire === 2) {
      const [len, p2] = readVarint(buf, pos);
      const end = p2 + Number(len);
      if (end > buf.length) throw new BadRequestError('protobuf: truncated field');
      out.push({ num, wire, bytes: buf.subarray(p2, end) });
      pos = end;
    } else if (wire === 1) {
      pos += 8;
    } else if (wire === 5) {
      pos += 4;
    } else {
      throw new BadRequestError(`protobuf: unsupported wire type ${wire}`);
    }
  }
  return out;
}

const str = (f: Field): string => (f.bytes ?? Buffer.alloc(0)).toString('utf8');
const signed = (v: bigint): number => Number(BigInt.asIntN(64, v));

function mapEntry(f: Field): [string, Buffer | undefined, Field | undefined] {
  const kv = readFields(f.bytes ?? Buffer.alloc(0));
  const k = kv.find((x) => x.num === 1);
  const v = kv.find((x) => x.num === 2);
  return [k ? str(k) : '', v?.bytes, v];
}

function decodeTime(buf: Buffer): string | undefined {
  let seconds = 0;
  for (const f of readFields(buf)) if (f.num === 1 && f.int !== undefined) seconds = signed(f.int);
  if (!seconds) return undefined;
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function decodeQuantity(buf: Buffer): string {
  const f = readFields(buf).find((x) => x.num === 1);
  return f ? str(f) : '0';
}

function decodeIntOrString(buf: Buffer): number | string {
  let type = 0;
  let intVal = 0;
  let strVal = '';
  for (const f of readFields(buf)) {
    if (f.num === 1 && f.int !== undefined) type = Number(f.int);
    if (f.num === 2 && f.int !== undefined) intVal = Number(BigInt.asIntN(32, f.int));
    if (f.num === 3) strVal = str(f);
  }
  return type === 1 ? strVal : intVal;
}

function scalar(type: string, f: Field): unknown {
  switch (type) {
    case 's': return str(f);
    case 'y': return (f.bytes ?? Buffer.alloc(0)).toString('base64');
    case 'i': return f.int !== undefined ? signed(f.int) : 0;
    case 'b': return f.int !== undefined ? f.int !== 0n : false;
    case 't': return decodeTime(f.bytes ?? Buffer.alloc(0));
    case 'q': return decodeQuantity(f.bytes ?? Buffer.alloc(0));
    case 'x': return decodeIntOrString(f.bytes ?? Buffer.alloc(0));
    default: return decodeMessage(type, f.bytes ?? Buffer.alloc(0));
  }
}

function isZero(v: unknown): boolean {
  return v === undefined || v === '' || v === 0 || v === false;
}

/** Decodes one message into its JSON form; zero values of non-pointer fields are left out. */
export function decodeMessage(message: string, buf: Buffer): Json {
  const fields = messageFields(message);
  if (!fields) throw new StatusError(415, 'UnsupportedMediaType', `the protobuf encoding of ${message} is not supported by this server; send application/json`);
  const out: Json = {};
  for (const f of readFields(buf)) {
    const spec = fields.get(f.num);
    if (!spec) continue;
    const { name, type } = spec;
    if (type === 'm' || type === 'my' || type === 'mq') {
      const [k, vb, vf] = mapEntry(f);
      const m = (out[name] ??= {}) as Json;
      if (type === 'm') m[k] = vb ? vb.toString('utf8') : '';
      else if (type === 'my') m[k] = (vb ?? Buffer.alloc(0)).toString('base64');
      else m[k] = vb ? decodeQuantity(vb) : vf ? '0' : '0';
      continue;
    }
    if (spec.repeated) {
      const list = (out[name] ??= []) as unknown[];
      if (f.wire === 2 && (type === 'i' || type === 'b')) {
        for (const x of readFields(Buffer.concat([Buffer.from([0x08]), f.bytes ?? Buffer.alloc(0)]))) list.push(scalar(type, x));
      } else list.push(scalar(type, f));
      continue;
    }
    const v = scalar(type, f);
    if (!spec.pointer && isZero(v)) continue;
    if (v === undefined) continue;
    out[name] = v;
  }
  return out;
}

export function isProtobuf(body: Buffer): boolean {
  return body.length >= 4 && body.subarray(0, 4).equals(MAGIC);
}

/** Decodes a protobuf request body (magic + runtime.Unknown) into a JSON object. */
export function decodeKubernetesProtobuf(body: Buffer): Json {
  if (!isProtobuf(body)) throw new BadRequestError('protobuf: the body does not start with the k8s\\0 prefix');
  let apiVersion = '';
  let kind = '';
  let raw: Buffer = Buffer.alloc(0);
  for (const f of readFields(body.subarray(4))) {
    if (f.num === 1 && f.bytes) {
      for (const t of readFields(f.bytes)) {
        if (t.num === 1) apiVersion = str(t);
        if (t.num === 2) kind = str(t);
      }
    } else if (f.num === 2 && f.bytes) raw = f.bytes;
    else if (f.num === 3 && f.bytes && f.bytes.length) throw new StatusError(415, 'UnsupportedMediaType', `unsupported protobuf content encoding ${str(f)}`);
  }
  if (!kind) throw new BadRequestError('protobuf: Object \'Kind\' is missing');
  return { apiVersion, kind, ...decodeMessage(kind, raw) };
}
