// The one source of the object model. Every API type is declared once here,
// with these builders on top of TypeBox: the TypeScript type (Static<typeof X>),
// structural decoding (decode.ts) and the OpenAPI documents (openapi.ts) all
// come from the same declaration.
//
// Conventions:
// - fields are optional unless wrapped in req();
// - a named schema (def) becomes an OpenAPI definition and is referenced by name;
// - list() carries the patch metadata that strategic merge patch and kubectl read.
import {
  Type,
  type Static,
  type TSchema,
  type TObject,
  type TOptional,
  type TArray,
  type TUnsafe,
  type TString,
  type TInteger,
  type TNumber,
  type TBoolean,
} from '@sinclair/typebox';

export type { Static, TSchema, TObject };

/** Symbol holding the OpenAPI definition name of a named schema. */
export const DefName = Symbol.for('kubets.defName');
/** Symbol holding the special format of a string-like schema. */
export const Special = Symbol.for('kubets.special');
const Required = Symbol.for('kubets.required');

export type SpecialKind = 'quantity' | 'int-or-string' | 'time' | 'micro-time' | 'bytes' | 'raw' | 'preserve';

export interface Described {
  description?: string;
}

export type TReq<S extends TSchema> = S & { [Required]: true };

type OptionalProps<P extends Record<string, TSchema>> = {
  [K in keyof P]: P[K] extends { [Required]: true } ? P[K] : TOptional<P[K]>;
};

/** Marks a field of obj() as required. */
export function req<S extends TSchema>(schema: S): TReq<S> {
  return { ...schema, [Required]: true } as TReq<S>;
}

export interface ObjectOptions extends Described {
  /** x-kubernetes-map-type (atomic or granular) */
  mapType?: 'atomic' | 'granular';
  /** extra OpenAPI keys, e.g. x-kubernetes-group-version-kind */
  [key: string]: unknown;
}

/** An object with the given fields, all optional unless marked with req(). */
export function obj<P extends Record<string, TSchema>>(props: P, options: ObjectOptions = {}): TObject<OptionalProps<P>> {
  const out: Record<string, TSchema> = {};
  for (const [key, schema] of Object.entries(props)) {
    out[key] = (schema as unknown as Record<symbol, unknown>)[Required] ? schema : Type.Optional(schema);
  }
  const { mapType, ...rest } = options;
  const extra = mapType ? { 'x-kubernetes-map-type': mapType } : {};
  return Type.Object(out, { ...rest, ...extra }) as unknown as TObject<OptionalProps<P>>;
}

export function str(description?: string): TString {
  return Type.String(description ? { description } : {});
}

/** A string restricted to the given values (an enum in OpenAPI). Validation, not decoding, rejects others. */
export function oneOf<const V extends readonly string[]>(values: V, description?: string): TUnsafe<V[number]> {
  return Type.Unsafe<V[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
}

export function int32(description?: string): TInteger {
  return Type.Integer({ format: 'int32', ...(description ? { description } : {}) });
}

export function int64(description?: string): TInteger {
  return Type.Integer({ format: 'int64', ...(description ? { description } : {}) });
}

export function num(description?: string): TNumber {
  return Type.Number({ format: 'double', ...(description ? { description } : {}) });
}

export function bool(description?: string): TBoolean {
  return Type.Boolean(description ? { description } : {});
}

export interface ListOptions extends Described {
  /** x-kubernetes-patch-merge-key: the field that identifies an element when merging */
  mergeKey?: string;
  /** x-kubernetes-patch-strategy */
  strategy?: 'merge' | 'replace' | 'retainKeys' | 'merge,retainKeys';
  /** x-kubernetes-list-type */
  listType?: 'atomic' | 'map' | 'set';
  /** x-kubernetes-list-map-keys (with listType map) */
  mapKeys?: string[];
}

export function list<S extends TSchema>(item: S, options: ListOptions = {}): TArray<S> {
  const o: Record<string, unknown> = {};
  if (options.description) o.description = options.description;
  if (options.mergeKey) o['x-kubernetes-patch-merge-key'] = options.mergeKey;
  if (options.strategy) o['x-kubernetes-patch-strategy'] = options.strategy;
  if (options.listType) o['x-kubernetes-list-type'] = options.listType;
  if (options.mapKeys) o['x-kubernetes-list-map-keys'] = options.mapKeys;
  return Type.Array(item, o);
}

/** A map from string keys to values (additionalProperties in OpenAPI). */
export function map<S extends TSchema>(value: S, description?: string): TUnsafe<Record<string, Static<S>>> {
  return Type.Unsafe<Record<string, Static<S>>>({
    type: 'object',
    additionalProperties: value,
    ...(description ? { description } : {}),
  });
}

function special<T>(kind: SpecialKind, name: string | undefined, schema: Record<string, unknown>): TUnsafe<T> {
  const s = Type.Unsafe<T>(schema) as TUnsafe<T> & Record<symbol, unknown>;
  s[Special] = kind;
  if (name) s[DefName] = name;
  return s;
}

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/** resource.Quantity: always a string on the wire ("100m", "1Gi"); numbers are accepted on input. */
export const quantity = special<string>('quantity', 'io.k8s.apimachinery.pkg.api.resource.Quantity', {
  type: 'string',
  description:
    'Quantity is a fixed-point representation of a number, such as 100m (0.1), 1Gi or 1500m. It is serialized as a string.',
});

/** intstr.IntOrString: either an integer or a string such as "25%". */
export const intOrString = special<number | string>('int-or-string', 'io.k8s.apimachinery.pkg.util.intstr.IntOrString', {
  type: 'string',
  format: 'int-or-string',
  description: 'IntOrString holds either an integer or a string, for example 8080 or "http" or "25%".',
});

/** metav1.Time: RFC 3339 with second precision. */
export const time = special<string>('time', `${META}.Time`, {
  type: 'string',
  format: 'date-time',
  description: 'Time is an RFC 3339 date and time in UTC with second precision, e.g. 2024-01-02T15:04:05Z.',
});

/** metav1.MicroTime: RFC 3339 with microsecond precision. */
export const microTime = special<string>('micro-time', `${META}.MicroTime`, {
  type: 'string',
  format: 'date-time',
  description: 'MicroTime is an RFC 3339 date and time with microsecond precision.',
});

/** []byte: base64 in JSON. */
export function bytes(description?: string): TUnsafe<string> {
  return special<string>('bytes', undefined, { type: 'string', format: 'byte', ...(description ? { description } : {}) });
}

/** runtime.RawExtension: any embedded object. */
export const rawExtension = special<Record<string, unknown>>('raw', 'io.k8s.apimachinery.pkg.runtime.RawExtension', {
  type: 'object',
  description: 'RawExtension holds an embedded object of any kind.',
});

/** An object whose content is not described (x-kubernetes-preserve-unknown-fields). */
export function anyObject(description?: string): TUnsafe<Record<string, unknown>> {
  return special<Record<string, unknown>>('preserve', undefined, {
    type: 'object',
    'x-kubernetes-preserve-unknown-fields': true,
    ...(description ? { description } : {}),
  });
}

/**
 * Returns a function that names schemas as OpenAPI definitions under a package prefix,
 * e.g. definer('io.k8s.api.core.v1')('PodSpec', obj({...})) → io.k8s.api.core.v1.PodSpec.
 */
export function definer(prefix: string) {
  return function def<S extends TSchema>(name: string, schema: S): S {
    (schema as unknown as Record<symbol, unknown>)[DefName] = `${prefix}.${name}`;
    return schema;
  };
}

/** The definition-name prefix of an API group/version: apps/v1 → io.k8s.api.apps.v1, core → io.k8s.api.core.v1. */
export function packageOf(group: string, version: string): string {
  const first = group === '' ? 'core' : group.split('.')[0];
  return `io.k8s.api.${first}.${version}`;
}

export function defNameOf(schema: TSchema): string | undefined {
  return (schema as unknown as Record<symbol, unknown>)[DefName] as string | undefined;
}

export function specialOf(schema: TSchema): SpecialKind | undefined {
  return (schema as unknown as Record<symbol, unknown>)[Special] as SpecialKind | undefined;
}
