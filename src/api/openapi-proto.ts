// The swagger 2.0 document in protobuf (gnostic's openapi.v2.Document), which is what
// kubectl asks /openapi/v2 for (Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf)
// and the only form it can read there. Encodes the JSON document built by openapi.ts; vendor
// extensions and enum values travel as YAML text (JSON is valid YAML).

type Json = Record<string, unknown>;

/** The media type kubectl and client-go send for the protobuf form of /openapi/v2. */
export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';
/** The Content-Type to answer with: Go's mime parser rejects the '@' of the requested type. */
export const OPENAPI_V2_PROTOBUF_CONTENT_TYPE = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

const enc = new TextEncoder();

/** A protobuf message under construction: fields appended in order. */
class Msg {
  readonly #parts: Uint8Array[] = [];
  #size = 0;

  #push(b: Uint8Array): void {
    this.#parts.push(b);
    this.#size += b.length;
  }

  #varint(n: number): void {
    const out: number[] = [];
    let v = n;
    while (v > 0x7f) {
      out.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    out.push(v);
    this.#push(Uint8Array.from(out));
  }

  #key(field: number, wire: number): void {
    this.#varint(field * 8 + wire);
  }

  str(field: number, s: unknown): this {
    if (typeof s !== 'string' || s === '') return this;
    const b = enc.encode(s);
    this.#key(field, 2);
    this.#varint(b.length);
    this.#push(b);
    return this;
  }

  strs(field: number, list: unknown): this {
    if (Array.isArray(list)) for (const s of list) if (typeof s === 'string') this.bytesField(field, enc.encode(s));
    return this;
  }

  bool(field: number, v: unknown): this {
    if (v !== true) return this;
    this.#key(field, 0);
    this.#varint(1);
    return this;
  }

  msg(field: number, m: Msg | undefined): this {
    if (!m) return this;
    return this.bytesField(field, m.bytes());
  }

  bytesField(field: number, b: Uint8Array): this {
    this.#key(field, 2);
    this.#varint(b.length);
    this.#push(b);
    return this;
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.#size);
    let o = 0;
    for (const p of this.#parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
}

const isObj = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** Any { yaml = 2 } */
function anyYaml(v: unknown): Msg {
  return new Msg().str(2, `${JSON.stringify(v)}\n`);
}

/** repeated NamedAny vendor_extension = field */
function vendorExtensions(m: Msg, field: number, o: Json): void {
  for (const [k, v] of Object.entries(o)) {
    if (k.startsWith('x-')) m.msg(field, new Msg().str(1, k).msg(2, anyYaml(v)));
  }
}

function schema(s: Json): Msg {
  const m = new Msg();
  m.str(1, s.$ref).str(2, s.format).str(4, s.description);
  m.strs(19, s.required);
  if (Array.isArray(s.enum)) for (const e of s.enum) m.msg(20, anyYaml(e));
  if (isObj(s.additionalProperties)) m.msg(21, new Msg().msg(1, schema(s.additionalProperties)));
  else if (s.additionalProperties === true) m.msg(21, new Msg().bool(2, true));
  if (typeof s.type === 'string') m.msg(22, new Msg().str(1, s.type));
  if (isObj(s.items)) m.msg(23, new Msg().msg(1, schema(s.items)));
  if (isObj(s.properties)) {
    const props = new Msg();
    for (const [k, v] of Object.entries(s.properties)) if (isObj(v)) props.msg(1, new Msg().str(1, k).msg(2, schema(v)));
    m.msg(25, props);
  }
  vendorExtensions(m, 31, s);
  return m;
}

function parameter(p: Json): Msg {
  if (p.in === 'body') {
    const body = new Msg().str(1, p.description).str(2, p.name).str(3, p.in).bool(4, p.required);
    if (isObj(p.schema)) body.msg(5, schema(p.schema));
    return new Msg().msg(1, new Msg().msg(1, body));
  }
  const sub = new Msg().bool(1, p.required).str(2, p.in).str(3, p.description).str(4, p.name);
  let nonBody: Msg;
  if (p.in === 'path') {
    sub.str(5, p.type).bool(19, p.uniqueItems);
    nonBody = new Msg().msg(4, sub);
  } else if (p.in === 'header') {
    sub.str(5, p.type).bool(19, p.uniqueItems);
    nonBody = new Msg().msg(1, sub);
  } else {
    sub.str(6, p.type).bool(20, p.uniqueItems);
    nonBody = new Msg().msg(3, sub);
  }
  return new Msg().msg(1, new Msg().msg(2, nonBody));
}

function operation(op: Json): Msg {
  const m = new Msg();
  m.strs(1, op.tags).str(3, op.description).str(5, op.operationId).strs(6, op.produces).strs(7, op.consumes);
  if (Array.isArray(op.parameters)) for (const p of op.parameters) if (isObj(p)) m.msg(8, parameter(p));
  if (isObj(op.responses)) {
    const rs = new Msg();
    for (const [code, r] of Object.entries(op.responses)) {
      if (!isObj(r)) continue;
      const resp = new Msg().str(1, r.description);
      if (isObj(r.schema)) resp.msg(2, new Msg().msg(1, schema(r.schema)));
      rs.msg(1, new Msg().str(1, code).msg(2, new Msg().msg(1, resp)));
    }
    m.msg(9, rs);
  }
  m.strs(10, op.schemes);
  vendorExtensions(m, 13, op);
  return m;
}

const METHOD_FIELDS: Record<string, number> = { get: 2, put: 3, post: 4, delete: 5, options: 6, head: 7, patch: 8 };

function pathItem(item: Json): Msg {
  const m = new Msg();
  for (const [method, field] of Object.entries(METHOD_FIELDS)) {
    const op = item[method];
    if (isObj(op)) m.msg(field, operation(op));
  }
  if (Array.isArray(item.parameters)) for (const p of item.parameters) if (isObj(p)) m.msg(9, parameter(p));
  return m;
}

/** Encodes a swagger 2.0 JSON document as an openapi.v2.Document protobuf message. */
export function encodeOpenAPIV2(doc: Json): Uint8Array {
  const m = new Msg().str(1, doc.swagger);
  if (isObj(doc.info)) m.msg(2, new Msg().str(1, doc.info.title).str(2, doc.info.version));
  if (isObj(doc.paths)) {
    const paths = new Msg();
    for (const [p, item] of Object.entries(doc.paths)) if (isObj(item)) paths.msg(2, new Msg().str(1, p).msg(2, pathItem(item)));
    m.msg(8, paths);
  }
  if (isObj(doc.definitions)) {
    const defs = new Msg();
    for (const [name, s] of Object.entries(doc.definitions)) if (isObj(s)) defs.msg(1, new Msg().str(1, name).msg(2, schema(s)));
    m.msg(9, defs);
  }
  if (Array.isArray(doc.security)) {
    for (const req of doc.security) {
      if (!isObj(req)) continue;
      const r = new Msg();
      for (const [name, scopes] of Object.entries(req)) r.msg(1, new Msg().str(1, name).msg(2, new Msg().strs(1, scopes)));
      m.msg(12, r);
    }
  }
  if (isObj(doc.securityDefinitions)) {
    const sd = new Msg();
    for (const [name, d] of Object.entries(doc.securityDefinitions)) {
      if (!isObj(d) || d.type !== 'apiKey') continue;
      const key = new Msg().str(1, d.type).str(2, d.name).str(3, d.in).str(4, d.description);
      sd.msg(1, new Msg().str(1, name).msg(2, new Msg().msg(2, key)));
    }
    m.msg(13, sd);
  }
  return m.bytes();
}
