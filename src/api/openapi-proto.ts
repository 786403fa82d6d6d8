// The swagger 2.0 document in protobuf (gnostic's openapi.v2.Document), which is what
// kubectl asks /openapi/v2 for (Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf)
// and the only form it can read there: `explain` (1.27), the patch metadata of client-side
// `apply` and client-side validation read the definitions by their
// x-kubernetes-group-version-kind. Vendor extensions, defaults and enum values travel as
// YAML text (JSON is valid YAML).
//
// The paths stay out of this form (the JSON form has them). kubectl's query-parameter check
// (cli-runtime's QueryParamVerifier, used for fieldValidation and dryRun) looks for the
// kind's PATCH operation there; for a kind without one (TokenReview, SubjectAccessReview,
// Binding, Eviction) it then asks whether the kind is a CRD by listing
// apiextensions.k8s.io/v1 customresourcedefinitions, which kubets does not serve, and
// `kubectl create -f -` fails with "failed to check CRD". Without paths kubectl reads the
// operations from /openapi/v3 and validates on the client where v3 has none.
import { MessageWriter } from './protobuf/wire.js';

type Json = Record<string, unknown>;

/** The media type kubectl and client-go send for the protobuf form of /openapi/v2. */
export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';
/** The Content-Type to answer with: Go's mime parser rejects the '@' of the requested type. */
export const OPENAPI_V2_PROTOBUF_CONTENT_TYPE = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

const isObj = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** A message: proto3 leaves empty strings, false and zero out. */
class Msg {
  readonly w = new MessageWriter();

  str(field: number, s: unknown): this {
    if (typeof s === 'string' && s !== '') this.w.string(field, s);
    return this;
  }

  strs(field: number, list: unknown): this {
    if (Array.isArray(list)) for (const s of list) if (typeof s === 'string') this.w.string(field, s);
    return this;
  }

  bool(field: number, v: unknown): this {
    if (v === true) this.w.varint(field, 1);
    return this;
  }

  int(field: number, v: unknown): this {
    if (typeof v === 'number' && Number.isInteger(v) && v !== 0) this.w.varint(field, v);
    return this;
  }

  double(field: number, v: unknown): this {
    if (typeof v === 'number' && v !== 0) this.w.fixed64(field, v);
    return this;
  }

  msg(field: number, m: Msg | undefined): this {
    if (m) this.w.bytes(field, m.bytes());
    return this;
  }

  bytes(): Uint8Array {
    return this.w.finish();
  }
}

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
  m.str(1, s.$ref).str(2, s.format).str(3, s.title).str(4, s.description);
  if (s.default !== undefined) m.msg(5, anyYaml(s.default));
  m.double(7, s.maximum).bool(8, s.exclusiveMaximum).double(9, s.minimum).bool(10, s.exclusiveMinimum);
  m.int(11, s.maxLength).int(12, s.minLength).str(13, s.pattern).int(14, s.maxItems).int(15, s.minItems).bool(16, s.uniqueItems);
  m.strs(19, s.required);
  if (Array.isArray(s.enum)) for (const e of s.enum) m.msg(20, anyYaml(e));
  // AdditionalPropertiesItem: oneof schema = 1 | boolean = 2
  if (isObj(s.additionalProperties)) m.msg(21, new Msg().msg(1, schema(s.additionalProperties)));
  else if (typeof s.additionalProperties === 'boolean') m.msg(21, new Msg().bool(2, s.additionalProperties));
  // TypeItem { repeated value = 1 }
  if (typeof s.type === 'string' || Array.isArray(s.type)) m.msg(22, new Msg().strs(1, [s.type].flat()));
  // ItemsItem { repeated schema = 1 }
  if (isObj(s.items)) m.msg(23, new Msg().msg(1, schema(s.items)));
  if (Array.isArray(s.allOf)) for (const a of s.allOf) if (isObj(a)) m.msg(24, schema(a));
  if (isObj(s.properties)) {
    const props = new Msg();
    for (const [k, v] of Object.entries(s.properties)) if (isObj(v)) props.msg(1, new Msg().str(1, k).msg(2, schema(v)));
    m.msg(25, props);
  }
  vendorExtensions(m, 31, s);
  return m;
}

/** Encodes a swagger 2.0 JSON document (without its paths, see above) as an openapi.v2.Document protobuf message. */
export function encodeOpenAPIV2(doc: Json): Uint8Array {
  const m = new Msg().str(1, doc.swagger);
  if (isObj(doc.info)) m.msg(2, new Msg().str(1, doc.info.title).str(2, doc.info.version));
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
