// The messages whose JSON form is not an object of their fields: Quantity (a string),
// IntOrString (a number or a string), Time and MicroTime (RFC 3339), Duration (Go's
// duration text), FieldsV1 and RawExtension (embedded JSON). Each has a decoder from its
// message bytes and an encoder back, following the Go types' own Marshal methods.
import { canonicalQuantity, QuantityParseError } from '../../machinery/quantity.js';
import { SPECIAL } from './table.js';
import { MessageWriter, ProtoError, readFields, WIRE_BYTES, WIRE_VARINT, type WireField } from './wire.js';

const utf8 = new TextDecoder();

/** Seconds of Go's zero time.Time (0001-01-01T00:00:00Z) since the Unix epoch. */
const GO_ZERO_SECONDS = -62135596800n;
const MAX_SECONDS = 253402300799n; // 9999-12-31T23:59:59Z

function last(fields: WireField[], num: number, wire: number, message: string): WireField | undefined {
  let found: WireField | undefined;
  for (const f of fields) {
    if (f.num !== num) continue;
    if (f.wire !== wire) throw new ProtoError(`wrong wire type ${f.wire} for field ${num} in ${message}`);
    found = f;
  }
  return found;
}

function rfc3339(seconds: bigint, micros: bigint | undefined, message: string): string {
  if (seconds < GO_ZERO_SECONDS || seconds > MAX_SECONDS) {
    throw new ProtoError(`${message} out of range: year outside of range [0,9999]`);
  }
  const base = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  const frac = micros === undefined ? '' : `.${micros.toString().padStart(6, '0')}`;
  return `${base}${frac}Z`;
}

function decodeTime(data: Uint8Array, micro: boolean): string | null {
  const name = micro ? SPECIAL.microTime : SPECIAL.time;
  if (data.length === 0) return null;
  const fields = readFields(data, name);
  let seconds = BigInt.asIntN(64, last(fields, 1, WIRE_VARINT, name)?.varint ?? 0n);
  if (!micro) {
    // metav1.Time keeps whole seconds only; the nanos on the wire are ignored
    return seconds === GO_ZERO_SECONDS ? null : rfc3339(seconds, undefined, name);
  }
  let nanos = BigInt.asIntN(32, last(fields, 2, WIRE_VARINT, name)?.varint ?? 0n);
  nanos -= nanos % 1000n; // truncated toward zero to microseconds
  seconds += nanos / 1_000_000_000n;
  nanos %= 1_000_000_000n;
  if (nanos < 0n) {
    nanos += 1_000_000_000n;
    seconds -= 1n;
  }
  if (seconds === GO_ZERO_SECONDS && nanos === 0n) return null;
  return rfc3339(seconds, nanos / 1000n, name);
}

const UNITS: [bigint, string][] = [[1n, 'ns'], [1000n, 'µs'], [1_000_000n, 'ms']];

function fraction(v: bigint, unit: bigint): string {
  const whole = v / unit;
  const rest = v % unit;
  if (rest === 0n) return whole.toString();
  const digits = unit.toString().length - 1;
  return `${whole}.${rest.toString().padStart(digits, '0').replace(/0+$/, '')}`;
}

/** Go's time.Duration.String: 1h2m3.5s, 150ms, 0s. */
export function goDuration(nanos: bigint): string {
  if (nanos === 0n) return '0s';
  const neg = nanos < 0n;
  const v = neg ? -nanos : nanos;
  let text: string;
  if (v < 1_000_000_000n) {
    const [unit, suffix] = [...UNITS].reverse().find(([u]) => v >= u) ?? UNITS[0];
    text = `${fraction(v, unit)}${suffix}`;
  } else {
    const hours = v / 3_600_000_000_000n;
    const minutes = (v / 60_000_000_000n) % 60n;
    const secs = fraction(v % 60_000_000_000n, 1_000_000_000n);
    text = hours > 0n ? `${hours}h${minutes}m${secs}s` : minutes > 0n ? `${minutes}m${secs}s` : `${secs}s`;
  }
  return neg ? `-${text}` : text;
}

function embeddedJson(data: Uint8Array, message: string): unknown {
  const fields = readFields(data, message);
  const raw = last(fields, 1, WIRE_BYTES, message);
  if (!raw || raw.data.length === 0) return null;
  try {
    return JSON.parse(utf8.decode(raw.data));
  } catch (e) {
    throw new ProtoError(`${message} does not hold JSON: ${(e as Error).message}`);
  }
}

/** The JSON value of a special message from its bytes (empty bytes: the Go zero value). */
export function decodeSpecial(type: string, data: Uint8Array): unknown {
  switch (type) {
    case SPECIAL.quantity: {
      const f = last(readFields(data, type), 1, WIRE_BYTES, type);
      if (!f) return '0';
      const text = utf8.decode(f.data);
      try {
        return canonicalQuantity(text);
      } catch (e) {
        if (e instanceof QuantityParseError) throw new ProtoError(`invalid quantity ${JSON.stringify(text)}: ${e.message}`);
        throw e;
      }
    }
    case SPECIAL.intOrString: {
      const fields = readFields(data, type);
      const kind = BigInt.asIntN(64, last(fields, 1, WIRE_VARINT, type)?.varint ?? 0n);
      if (kind === 0n) return Number(BigInt.asIntN(32, last(fields, 2, WIRE_VARINT, type)?.varint ?? 0n));
      if (kind === 1n) {
        const s = last(fields, 3, WIRE_BYTES, type);
        return s ? utf8.decode(s.data) : '';
      }
      throw new ProtoError(`impossible IntOrString.Type ${kind}`);
    }
    case SPECIAL.time:
      return decodeTime(data, false);
    case SPECIAL.microTime:
      return decodeTime(data, true);
    case SPECIAL.duration:
      return goDuration(BigInt.asIntN(64, last(readFields(data, type), 1, WIRE_VARINT, type)?.varint ?? 0n));
    case SPECIAL.fieldsV1:
    case SPECIAL.rawExtension:
      return embeddedJson(data, type);
    default:
      throw new ProtoError(`no decoder for ${type}`);
  }
}

function parseRfc3339(value: unknown, type: string): { seconds: bigint; nanos: number } | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new ProtoError(`${type} must be a string`);
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new ProtoError(`invalid ${type} ${JSON.stringify(value)}`);
  const frac = /\.(\d+)/.exec(value)?.[1] ?? '';
  const nanos = Number((frac + '000000000').slice(0, 9));
  return { seconds: BigInt(Math.floor(ms / 1000)), nanos };
}

const DURATION_UNITS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

function parseGoDuration(text: string): bigint {
  if (text === '0') return 0n;
  const m = /^([-+]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/.exec(text);
  if (!m) throw new ProtoError(`invalid duration ${JSON.stringify(text)}`);
  let total = 0;
  for (const part of text.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) total += Number(part[1]) * DURATION_UNITS[part[2]];
  return BigInt(Math.round(m[1] === '-' ? -total : total));
}

/** The message bytes of a special value, as the Go type's Marshal writes them. */
export function encodeSpecial(type: string, value: unknown): Uint8Array {
  const w = new MessageWriter();
  switch (type) {
    case SPECIAL.quantity:
      w.string(1, canonicalQuantity(value === undefined || value === null ? '0' : (value as string | number)));
      break;
    case SPECIAL.intOrString:
      if (typeof value === 'string') {
        w.varint(1, 1);
        w.varint(2, 0);
        w.string(3, value);
      } else {
        w.varint(1, 0);
        w.varint(2, typeof value === 'number' ? value : 0);
        w.string(3, '');
      }
      break;
    case SPECIAL.time:
    case SPECIAL.microTime: {
      const t = parseRfc3339(value, type);
      if (!t) break; // the zero time marshals to nothing
      w.varint(1, t.seconds);
      w.varint(2, type === SPECIAL.time ? 0 : Math.floor(t.nanos / 1000) * 1000);
      break;
    }
    case SPECIAL.duration:
      w.varint(1, typeof value === 'string' ? parseGoDuration(value) : 0n);
      break;
    case SPECIAL.fieldsV1:
    case SPECIAL.rawExtension:
      if (value !== null && value !== undefined) w.bytes(1, new TextEncoder().encode(JSON.stringify(value)));
      break;
    default:
      throw new ProtoError(`no encoder for ${type}`);
  }
  return w.finish();
}
