// Turns the TypeBox schemas into OpenAPI schema objects, for swagger 2.0
// (#/definitions/...) and OpenAPI 3.0 (#/components/schemas/...) alike.
// Named schemas (def()) become definitions referenced by name; list and map
// extensions (x-kubernetes-patch-merge-key, -patch-strategy, -list-type, -list-map-keys,
// -map-type) are kept, because kubectl reads them for client-side apply.
import { defNameOf, specialOf, type TSchema } from './schema.js';

export type Json = Record<string, unknown>;
export type OpenAPIVersion = 'v2' | 'v3';

type Node = TSchema & {
  type?: string;
  description?: string;
  format?: string;
  enum?: string[];
  required?: string[];
  properties?: Record<string, Node>;
  additionalProperties?: Node | boolean;
  items?: Node;
};

/** Every named schema reachable from the roots, by definition name (the first one seen wins). */
export function collectNamed(roots: Iterable<TSchema>, into: Map<string, TSchema> = new Map()): Map<string, TSchema> {
  const visit = (s: Node): void => {
    const name = defNameOf(s);
    if (name) {
      if (into.has(name)) return;
      into.set(name, s);
    }
    if (specialOf(s)) return;
    if (s.properties) for (const p of Object.values(s.properties)) visit(p);
    if (s.items) visit(s.items);
    if (s.additionalProperties && typeof s.additionalProperties === 'object') visit(s.additionalProperties);
  };
  for (const r of roots) visit(r as Node);
  return into;
}

export function refPrefix(version: OpenAPIVersion): string {
  return version === 'v2' ? '#/definitions/' : '#/components/schemas/';
}

function extensions(s: Node, out: Json, includeGVK: boolean): void {
  for (const [k, v] of Object.entries(s)) {
    if (!k.startsWith('x-kubernetes-')) continue;
    if (k === 'x-kubernetes-group-version-kind' && !includeGVK) continue;
    out[k] = v;
  }
}

/** A reference to a named schema where a value of it is expected (list items, map values). */
function refTo(name: string, version: OpenAPIVersion): Json {
  return { $ref: `${refPrefix(version)}${name}` };
}

/**
 * A field of a struct. A field of a named type is a reference (in v3 wrapped in allOf, as
 * upstream does) with a description beside it: kubectl explain lists fields with that text.
 */
function field(s: Node, version: OpenAPIVersion): Json {
  const name = defNameOf(s);
  if (!name) return schemaBody(s, version, false);
  const out: Json = version === 'v2' ? refTo(name, version) : { allOf: [refTo(name, version)] };
  if (s.description) out.description = s.description;
  // field-level patch metadata on a named type (DeploymentSpec.strategy: retainKeys, PDB selector: replace)
  for (const key of ['x-kubernetes-patch-strategy', 'x-kubernetes-patch-merge-key']) {
    const v = (s as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}

function child(s: Node, version: OpenAPIVersion): Json {
  const name = defNameOf(s);
  return name ? refTo(name, version) : schemaBody(s, version, false);
}

function withDescription(s: Node, out: Json): Json {
  return s.description ? { description: s.description, ...out } : out;
}

/**
 * The OpenAPI form of one schema. For a named schema this is its definition (`top`);
 * nested named schemas are referenced, never inlined.
 */
export function schemaBody(s: Node, version: OpenAPIVersion, top = true): Json {
  const special = specialOf(s);
  switch (special) {
    case 'quantity':
      return withDescription(s, version === 'v2' ? { type: 'string' } : { oneOf: [{ type: 'string' }, { type: 'number' }] });
    case 'int-or-string':
      return withDescription(s, version === 'v2'
        ? { type: 'string', format: 'int-or-string' }
        : { format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] });
    case 'time':
    case 'micro-time':
      return withDescription(s, { type: 'string', format: 'date-time' });
    case 'bytes':
      return withDescription(s, { type: 'string', format: 'byte' });
    case 'raw':
      return withDescription(s, { type: 'object' });
    case 'preserve':
      return withDescription(s, { type: 'object', 'x-kubernetes-preserve-unknown-fields': true });
    default:
      break;
  }
  const out: Json = {};
  if (s.description) out.description = s.description;
  switch (s.type) {
    case 'object':
      out.type = 'object';
      if (s.properties) {
        const props: Json = {};
        for (const [k, v] of Object.entries(s.properties)) props[k] = field(v, version);
        if (s.required && s.required.length) out.required = [...s.required];
        out.properties = props;
      } else if (s.additionalProperties && typeof s.additionalProperties === 'object') {
        out.additionalProperties = child(s.additionalProperties, version);
      }
      break;
    case 'array':
      out.type = 'array';
      if (s.items) out.items = child(s.items, version);
      break;
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean':
      out.type = s.type;
      if (s.format) out.format = s.format;
      if (s.enum) out.enum = [...s.enum];
      break;
    default:
      break;
  }
  extensions(s, out, top);
  return out;
}

/** The definitions (v2) or component schemas (v3) for a set of named schemas, sorted by name. */
export function definitionsOf(named: Map<string, TSchema>, version: OpenAPIVersion): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const name of [...named.keys()].sort()) out[name] = schemaBody(named.get(name) as Node, version, true);
  return out;
}

/** The names a document refers to, followed transitively through the definitions. */
export function referencedNames(doc: unknown, defs: Record<string, Json>, prefix: string): Set<string> {
  const seen = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x);
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Json)) {
        if (k === '$ref' && typeof x === 'string' && x.startsWith(prefix)) {
          const name = x.slice(prefix.length);
          if (!seen.has(name)) {
            seen.add(name);
            walk(defs[name]);
          }
        } else {
          walk(x);
        }
      }
    }
  };
  walk(doc);
  return seen;
}
