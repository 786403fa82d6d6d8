// The protobuf wire format: varints, 64-bit, length-delimited and 32-bit fields.
// Reading splits a message into its fields; writing builds one from pieces.

/** A malformed or unexpected protobuf input; the decoder turns it into a 400. */
export class ProtoError extends Error {}

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_BYTES = 2;
export const WIRE_FIXED32 = 5;

export interface WireField {
  num: number;
  wire: number;
  /** the value of a varint field */
  varint: bigint;
  /** the bytes of a length-delimited, 64-bit or 32-bit field */
  data: Uint8Array;
}

const EMPTY = new Uint8Array(0);
const utf8 = new TextEncoder();

function readVarint(buf: Uint8Array, pos: number, what: () => string): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (let i = 0; ; i++) {
    if (pos >= buf.length) throw new ProtoError(`truncated varint ${what()}`);
    if (i >= 10) throw new ProtoError(`varint overflows 64 bits ${what()}`);
    const b = buf[pos++];
    result |= BigInt(b & 0x7f) << shift;
    if (b < 0x80) return [BigInt.asUintN(64, result), pos];
    shift += 7n;
  }
}

/** Splits a message into its fields in wire order. `message` names it in errors. */
export function readFields(buf: Uint8Array, message: string): WireField[] {
  const out: WireField[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [key, afterKey] = readVarint(buf, pos, () => `in a field key of ${message}`);
    pos = afterKey;
    const num = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (num <= 0 || num > 536870911) throw new ProtoError(`illegal field number ${num} (wire type ${wire}) in ${message}`);
    const fixed = (size: number, label: string): Uint8Array => {
      if (pos + size > buf.length) throw new ProtoError(`truncated ${label} field ${num} in ${message}`);
      const data = buf.subarray(pos, pos + size);
      pos += size;
      return data;
    };
    switch (wire) {
      case WIRE_VARINT: {
        const [v, next] = readVarint(buf, pos, () => `in field ${num} of ${message}`);
        pos = next;
        out.push({ num, wire, varint: v, data: EMPTY });
        break;
      }
      case WIRE_FIXED64:
        out.push({ num, wire, varint: 0n, data: fixed(8, '64-bit') });
        break;
      case WIRE_BYTES: {
        const [len, next] = readVarint(buf, pos, () => `in the length of field ${num} of ${message}`);
        pos = next;
        if (len > BigInt(buf.length - pos)) throw new ProtoError(`truncated length-delimited field ${num} in ${message}`);
        out.push({ num, wire, varint: 0n, data: fixed(Number(len), 'length-delimited') });
        break;
      }
      case WIRE_FIXED32:
        out.push({ num, wire, varint: 0n, data: fixed(4, '32-bit') });
        break;
      default:
        throw new ProtoError(`unsupported wire type ${wire} for field ${num} in ${message}`);
    }
  }
  return out;
}

/** The varints of a packed repeated field. */
export function readPacked(data: Uint8Array, num: number, message: string): bigint[] {
  const out: bigint[] = [];
  let pos = 0;
  while (pos < data.length) {
    const [v, next] = readVarint(data, pos, () => `in packed field ${num} of ${message}`);
    out.push(v);
    pos = next;
  }
  return out;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  let size = 0;
  for (const p of parts) size += p.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The bytes of a varint; negative numbers are 10-byte two's complement as Go writes int32/int64. */
export function varintBytes(value: bigint | number): Uint8Array {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return Uint8Array.from(out);
}

function key(num: number, wire: number): Uint8Array {
  return varintBytes((BigInt(num) << 3n) | BigInt(wire));
}

/** Collects the pieces of one message. */
export class MessageWriter {
  readonly #parts: Uint8Array[] = [];

  varint(num: number, value: bigint | number | boolean): void {
    const v = typeof value === 'boolean' ? (value ? 1 : 0) : value;
    this.#parts.push(key(num, WIRE_VARINT), varintBytes(v));
  }

  bytes(num: number, data: Uint8Array): void {
    this.#parts.push(key(num, WIRE_BYTES), varintBytes(data.length), data);
  }

  string(num: number, s: string): void {
    this.bytes(num, utf8.encode(s));
  }

  fixed64(num: number, value: number): void {
    const data = new Uint8Array(8);
    new DataView(data.buffer).setFloat64(0, value, true);
    this.#parts.push(key(num, WIRE_FIXED64), data);
  }

  fixed32(num: number, value: number): void {
    const data = new Uint8Array(4);
    new DataView(data.buffer).setFloat32(0, value, true);
    this.#parts.push(key(num, WIRE_FIXED32), data);
  }

  finish(): Uint8Array {
    return concatBytes(this.#parts.length ? this.#parts : [EMPTY]);
  }
}
