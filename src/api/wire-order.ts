// The order fields go over the wire in: upstream writes JSON from Go structs, so a struct's
// fields come in declaration order (kind before apiVersion; ObjectMeta's name, generateName,
// namespace, …, managedFields) and a map's keys sorted. The schemas (schema.ts) declare every
// type's fields in Go's order, so that order is derived from them, never from the order a
// client sent or the server filled fields in. Objects are put in order once, when they are
// written, so that stored JSON and the JSON cached from it are already in order.
import { specialOf, type TSchema } from './schema.js';
import { ObjectMeta } from './meta/v1/types.js';

type Node = TSchema & {
  type?: string;
  properties?: Record<string, Node>;
  additionalProperties?: Node | boolean;
  items?: Node;
};
type Json = Record<string, unknown>;

/**
 * value with every object's fields in the schema's order (fields the schema does not know
 * keep their place after them) and every map's keys sorted, as Go's encoder writes them.
 * Free-form parts (RawExtension, preserve-unknown-fields) are kept as they are. Parts already
 * in order are returned as they are (decoded bodies mostly are), so only what the server
 * filled in out of place is copied.
 */
export function wireOrder<T>(schema: TSchema, value: T): T {
  return order(schema as Node, value) as T;
}

const UNKNOWN = Number.MAX_SAFE_INTEGER;
const positions = new WeakMap<Node, Map<string, number>>();

function positionsOf(schema: Node, props: Record<string, Node>): Map<string, number> {
  let p = positions.get(schema);
  if (!p) {
    p = new Map(Object.keys(props).map((k, i) => [k, i]));
    positions.set(schema, p);
  }
  return p;
}

function order(schema: Node, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || specialOf(schema)) return value;
  if (Array.isArray(value)) {
    const items = schema.items;
    if (!items) return value;
    let copy: unknown[] | undefined;
    for (let n = 0; n < value.length; n++) {
      const o = order(items, value[n]);
      if (o !== value[n]) (copy ??= value.slice())[n] = o;
    }
    return copy ?? value;
  }
  const props = schema.properties;
  if (props) return orderStruct(schema, props, value as Json);
  const ap = schema.additionalProperties;
  return ap && typeof ap === 'object' ? orderMap(ap, value as Json) : value;
}

function orderStruct(schema: Node, props: Record<string, Node>, input: Json): Json {
  const pos = positionsOf(schema, props);
  const keys = Object.keys(input);
  const ranks = new Array<number>(keys.length);
  let inOrder = true;
  let changed: unknown[] | undefined;
  for (let n = 0; n < keys.length; n++) {
    const k = keys[n];
    const r = pos.get(k);
    ranks[n] = r ?? UNKNOWN;
    if (n > 0 && ranks[n] < ranks[n - 1]) inOrder = false;
    if (r === undefined) continue;
    const v = input[k];
    const o = order(props[k], v);
    if (o !== v) (changed ??= keys.map((kk) => input[kk]))[n] = o;
  }
  if (inOrder && !changed) return input;
  const values = changed ?? keys.map((k) => input[k]);
  const perm = keys.map((_, n) => n);
  if (!inOrder) perm.sort((a, b) => ranks[a] - ranks[b] || a - b);
  const out: Json = {};
  for (const n of perm) out[keys[n]] = values[n];
  return out;
}

/** A map: its keys sorted, as Go sorts them. */
function orderMap(item: Node, input: Json): Json {
  const keys = Object.keys(input);
  let inOrder = true;
  let changed: Json | undefined;
  for (let n = 0; n < keys.length; n++) {
    const k = keys[n];
    if (n > 0 && keys[n - 1] > k) inOrder = false;
    const v = input[k];
    const o = order(item, v);
    if (o !== v) (changed ??= { ...input })[k] = o;
  }
  if (inOrder && !changed) return input;
  const from = changed ?? input;
  const out: Json = {};
  for (const k of inOrder ? keys : keys.sort()) out[k] = from[k];
  return out;
}

const META_KEYS = Object.keys((ObjectMeta as Node).properties ?? {});
const AFTER_RESOURCE_VERSION = new Set(META_KEYS.slice(META_KEYS.indexOf('resourceVersion') + 1));

/** metadata with resourceVersion set in its place (after uid, before generation), the rest in the order it had. */
export function withResourceVersion<M extends object>(meta: M | undefined, resourceVersion: string): M & { resourceVersion: string } {
  const out: Json = {};
  let placed = false;
  for (const [k, v] of Object.entries(meta ?? {})) {
    if (k === 'resourceVersion') continue;
    if (!placed && AFTER_RESOURCE_VERSION.has(k)) {
      out.resourceVersion = resourceVersion;
      placed = true;
    }
    out[k] = v;
  }
  if (!placed) out.resourceVersion = resourceVersion;
  return out as M & { resourceVersion: string };
}
