// The OpenAPI v2 document in gnostic's protobuf form (openapi.v2.Document), which kubectl
// up to 1.28 asks /openapi/v2 for (Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf)
// to validate and to compute apply patches. Only what kubectl reads is encoded: swagger,
// info and the definitions with their types, properties, items, refs, required fields,
// enums and x-kubernetes-* extensions (as YAML, the way gnostic carries them).
import { stringify } from 'yaml';

type Json = Record<string, unknown>;

class Writer {
  readonly #chunks: Buffer[] = [];
  #len = 0;

  #push(b: Buffer): void {
    this.#chunks.push(b);
    this.#len += b.length;
  }

  #varint(n: number): void {
    const out: number[] = [];
    let v = n;
    while (v > 127) {
      out.push((v & 127) | 128);
      v = Math.floor(v / 128);
    }
    out.push(v);
    this.#push(Buffer.from(out));
  }

  #tag(field: number, wire: number): void {
    this.#varint(field * 8 + wire);
  }

  string(field: number, s: string | undefined): void {
    if (s === undefined || s === '') return;
    const b = Buffer.from(s, 'utf8');
    this.#tag(field, 2);
    this.#varint(b.length);
    this.#push(b);
  }

  bool(field: number, v: boolean | undefined): void {
    if (!v) return;
    this.#tag(field, 0);
    this.#varint(1);
  }

  int(field: number, v: number | undefined): void {
    if (v === undefined || v === 0) return;
    this.#tag(field, 0);
    this.#varint(v);
  }

  double(field: number, v: number | undefined): void {
    if (v === undefined || v === 0) return;
    const b = Buffer.alloc(8);
    b.writeDoubleLE(v);
    this.#tag(field, 1);
    this.#push(b);
  }

  message(field: number, fill: (w: Writer) => void): void {
    const w = new Writer();
    fill(w);
    const b = w.bytes();
    this.#tag(field, 2);
    this.#varint(b.length);
    this.#push(b);
  }

  bytes(): Buffer {
    return Buffer.concat(this.#chunks, this.#len);
  }
}

/** gnostic Any: the value as YAML text. */
function anyValue(w: Writer, field: number, value: unknown): void {
  w.message(field, (a) => a.string(2, stringify(value).replace(/\n$/, '')));
}

function schema(w: Writer, s: Json): void {
  w.string(1, s.$ref as string | undefined);
  w.string(2, s.format as string | undefined);
  w.string(3, s.title as string | undefined);
  w.string(4, s.description as string | undefined);
  if (s.default !== undefined) anyValue(w, 5, s.default);
  w.double(7, s.maximum as number | undefined);
  w.double(9, s.minimum as number | undefined);
  w.int(11, s.maxLength as number | undefined);
  w.int(12, s.minLength as number | undefined);
  w.string(13, s.pattern as string | undefined);
  w.int(14, s.maxItems as number | undefined);
  w.int(15, s.minItems as number | undefined);
  for (const r of (s.required as string[] | undefined) ?? []) w.string(19, r);
  for (const e of (s.enum as unknown[] | undefined) ?? []) anyValue(w, 20, e);
  const addl = s.additionalProperties;
  if (addl !== undefined) {
    w.message(21, (a) => {
      if (typeof addl === 'boolean') a.bool(2, addl);
      else a.message(1, (x) => schema(x, addl as Json));
    });
  }
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? s.type as string[] : [s.type as string];
    w.message(22, (t) => {
      for (const v of types) t.string(1, v);
    });
  }
  if (s.items && typeof s.items === 'object') {
    const items = Array.isArray(s.items) ? s.items as Json[] : [s.items as Json];
    w.message(23, (it) => {
      for (const i of items) it.message(1, (x) => schema(x, i));
    });
  }
  for (const a of (s.allOf as Json[] | undefined) ?? []) w.message(24, (x) => schema(x, a));
  const props = s.properties as Record<string, Json> | undefined;
  if (props) {
    w.message(25, (p) => {
      for (const [name, ps] of Object.entries(props)) {
        p.message(1, (n) => {
          n.string(1, name);
          n.message(2, (x) => schema(x, ps));
        });
      }
    });
  }
  for (const [k, v] of Object.entries(s)) {
    if (!k.startsWith('x-')) continue;
    w.message(31, (n) => {
      n.string(1, k);
      anyValue(n, 2, v);
    });
  }
}

/** Encodes a swagger 2.0 JSON document as openapi.v2.Document protobuf bytes. */
export function encodeOpenAPIV2(doc: Json): Buffer {
  const w = new Writer();
  w.string(1, (doc.swagger as string | undefined) ?? '2.0');
  const info = (doc.info ?? {}) as Json;
  w.message(2, (i) => {
    i.string(1, info.title as string | undefined);
    i.string(2, info.version as string | undefined);
  });
  const defs = (doc.definitions ?? {}) as Record<string, Json>;
  w.message(9, (d) => {
    for (const [name, s] of Object.entries(defs)) {
      d.message(1, (n) => {
        n.string(1, name);
        n.message(2, (x) => schema(x, s));
      });
    }
  });
  return w.bytes();
}
