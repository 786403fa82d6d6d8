// Encodes JSON objects into Kubernetes protobuf (application/vnd.kubernetes.protobuf) as the
// gogo-generated Marshal methods of the Go types write them: fields in number order, non-pointer
// scalars and structs always written (zero values included), pointers only when set, map
// entries sorted by key, and the "k8s\0" + runtime.Unknown envelope around the object.
import type { Scheme } from '../scheme.js';
import { messageForKind } from './kinds.js';
import { encodeSpecial } from './special.js';
import { isScalar, isSpecial, messageInfo, type FieldInfo, type MessageInfo } from './table.js';
import { MessageWriter, ProtoError, concatBytes } from './wire.js';
import { PROTOBUF_MAGIC } from './decode.js';

type Json = Record<string, unknown>;

function writeScalar(w: MessageWriter, num: number, type: string, value: unknown): void {
  switch (type) {
    case 's':
      w.string(num, value === undefined || value === null ? '' : String(value));
      return;
    case 'y':
      w.bytes(num, Buffer.from(typeof value === 'string' ? value : '', 'base64'));
      return;
    case 'b':
      w.varint(num, value === true);
      return;
    case 'f64':
      w.fixed64(num, typeof value === 'number' ? value : 0);
      return;
    case 'f32':
      w.fixed32(num, typeof value === 'number' ? value : 0);
      return;
    default: {
      if (value !== undefined && value !== null && typeof value !== 'number') {
        throw new ProtoError(`field ${num} must be a number, not ${JSON.stringify(value)}`);
      }
      w.varint(num, BigInt(Math.trunc((value as number | undefined) ?? 0)));
    }
  }
}

function messageBytes(type: string, value: unknown): Uint8Array {
  if (isSpecial(type)) return encodeSpecial(type, value);
  const info = messageInfo(type);
  if (!info) throw new ProtoError(`no protobuf field table for ${type}`);
  if (info.wrapperOf) {
    const w = new MessageWriter();
    const item: FieldInfo = { num: 1, json: 'items', pointer: false, omitempty: false, shape: 'repeated', type: info.wrapperOf };
    writeField(w, item, Array.isArray(value) ? value : []);
    return w.finish();
  }
  return encodeMessage(info, (value ?? {}) as Json);
}

function writeField(w: MessageWriter, field: FieldInfo, value: unknown): void {
  if (field.shape === 'repeated') {
    if (!Array.isArray(value)) return;
    for (const item of value) {
      if (isScalar(field.type)) writeScalar(w, field.num, field.type, item);
      else w.bytes(field.num, messageBytes(field.type, item));
    }
    return;
  }
  if (field.shape === 'map') {
    if (!value || typeof value !== 'object') return;
    const m = value as Json;
    for (const key of Object.keys(m).sort()) {
      const entry = new MessageWriter();
      entry.string(1, key);
      if (isScalar(field.type)) writeScalar(entry, 2, field.type, m[key]);
      else entry.bytes(2, messageBytes(field.type, m[key]));
      w.bytes(field.num, entry.finish());
    }
    return;
  }
  const absent = value === undefined || value === null;
  const wrapper = !isScalar(field.type) && messageInfo(field.type)?.wrapperOf !== undefined;
  // pointers, []byte and slice-typed wrappers are written only when set
  if (absent && (field.pointer || field.type === 'y' || wrapper)) return;
  if (isScalar(field.type)) writeScalar(w, field.num, field.type, value);
  else w.bytes(field.num, messageBytes(field.type, value));
}

function encodeMessage(info: MessageInfo, obj: Json): Uint8Array {
  const w = new MessageWriter();
  for (const field of [...info.fields].sort((a, b) => a.num - b.num)) {
    if (field.json === undefined) {
      // an inline struct reads its fields from the same JSON object
      const inner = messageInfo(field.type);
      if (!inner) throw new ProtoError(`no protobuf field table for ${field.type}`);
      if (field.pointer && !inner.fields.some((f) => f.json !== undefined && obj[f.json] !== undefined)) continue;
      w.bytes(field.num, encodeMessage(inner, obj));
      continue;
    }
    writeField(w, field, obj[field.json]);
  }
  return w.finish();
}

/** The protobuf bytes of one message (no envelope) from its JSON form, by definition name. */
export function encodeMessageByName(defName: string, obj: Json): Uint8Array {
  return messageBytes(defName, obj);
}

/**
 * A complete protobuf body (magic, envelope, object) for a JSON object with apiVersion and kind:
 * any kind the scheme serves, a subresource body, or a list / Status / option kind of the tables.
 */
export function encodeProtobuf(obj: Json, scheme: Scheme): Uint8Array {
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  const name = messageForKind(scheme, apiVersion, kind);
  if (!name) throw new ProtoError(`no kind ${JSON.stringify(kind)} is registered for version ${JSON.stringify(apiVersion)}`);
  return wrapUnknown(apiVersion, kind, messageBytes(name, obj));
}

/** The "k8s\0" magic and runtime.Unknown envelope around an encoded object. */
export function wrapUnknown(apiVersion: string, kind: string, raw: Uint8Array): Uint8Array {
  const typeMeta = new MessageWriter();
  typeMeta.string(1, apiVersion);
  typeMeta.string(2, kind);
  const env = new MessageWriter();
  env.bytes(1, typeMeta.finish());
  env.bytes(2, raw);
  env.string(3, '');
  env.string(4, '');
  return concatBytes([PROTOBUF_MAGIC, env.finish()]);
}
