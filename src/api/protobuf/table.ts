// The field tables behind protobuf decoding and encoding: for each upstream message, keyed by
// its OpenAPI definition name (io.k8s.api.apps.v1.DeploymentSpec), the protobuf field number
// of every JSON field and the Go facts that decide how Go's JSON encoder writes it.
//
// Notation of one message (tables/*.ts), fields in Go declaration order, space-separated:
//   json=N[flags]:type
//   flags: * the Go field is a pointer (presence survives: replicas: 0 stays),
//          ? the json tag has omitempty
//   type:  s string, b bool, i32, i64, u32, u64, f32, f64, y []byte (base64 in JSON),
//          []T repeated, map[T] map with string keys (entries {key=1, value=2}),
//          Name a message of the same package, alias.Name one of another package
//          (alias = a table's alias, or resource / intstr / runtime for the special types)
//   ...=N:Type  an embedded struct with json:",inline": its own message on the wire,
//               its fields merged into the parent's JSON object
// A message whose text is '[]T' wraps a Go slice type (ExtraValue, Verbs): {items=1} on the
// wire, a JSON array.
import { coreV1 } from './tables/core-v1.js';
import { appsV1 } from './tables/apps-v1.js';
import { batchV1 } from './tables/batch-v1.js';
import { autoscalingV1 } from './tables/autoscaling-v1.js';
import { autoscalingV2 } from './tables/autoscaling-v2.js';
import { policyV1 } from './tables/policy-v1.js';
import { coordinationV1 } from './tables/coordination-v1.js';
import { discoveryV1 } from './tables/discovery-v1.js';
import { networkingV1 } from './tables/networking-v1.js';
import { rbacV1 } from './tables/rbac-v1.js';
import { schedulingV1 } from './tables/scheduling-v1.js';
import { storageV1 } from './tables/storage-v1.js';
import { eventsV1 } from './tables/events-v1.js';
import { authenticationV1 } from './tables/authentication-v1.js';
import { authorizationV1 } from './tables/authorization-v1.js';
import { metaV1 } from './tables/meta-v1.js';

export interface PackageTable {
  alias: string;
  /** OpenAPI definition-name prefix of the package, e.g. io.k8s.api.apps.v1 */
  prefix: string;
  messages: Record<string, string>;
}

export const PACKAGE_TABLES: readonly PackageTable[] = [
  coreV1, appsV1, batchV1, autoscalingV1, autoscalingV2, policyV1, coordinationV1, discoveryV1,
  networkingV1, rbacV1, schedulingV1, storageV1, eventsV1, authenticationV1, authorizationV1, metaV1,
];

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/** Messages with their own wire and JSON forms (not described by a table). */
export const SPECIAL = {
  quantity: 'io.k8s.apimachinery.pkg.api.resource.Quantity',
  intOrString: 'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
  time: `${META}.Time`,
  microTime: `${META}.MicroTime`,
  duration: `${META}.Duration`,
  fieldsV1: `${META}.FieldsV1`,
  rawExtension: 'io.k8s.apimachinery.pkg.runtime.RawExtension',
} as const;

const SPECIAL_NAMES = new Set<string>(Object.values(SPECIAL));

export function isSpecial(type: string): boolean {
  return SPECIAL_NAMES.has(type);
}

export type ScalarType = 's' | 'b' | 'i32' | 'i64' | 'u32' | 'u64' | 'f32' | 'f64' | 'y';

const SCALARS = new Set<string>(['s', 'b', 'i32', 'i64', 'u32', 'u64', 'f32', 'f64', 'y']);

export function isScalar(type: string): type is ScalarType {
  return SCALARS.has(type);
}

export interface FieldInfo {
  num: number;
  /** the JSON name; undefined for an inline embedded struct */
  json: string | undefined;
  pointer: boolean;
  omitempty: boolean;
  shape: 'single' | 'repeated' | 'map';
  /** a ScalarType or the full definition name of a message */
  type: string;
}

export interface MessageInfo {
  name: string;
  /** in Go declaration order (the order Go's JSON encoder writes) */
  fields: FieldInfo[];
  byNumber: Map<number, FieldInfo>;
  /** set for a wrapper of a Go slice type: the element type */
  wrapperOf?: string;
}

const ALIASES = new Map<string, string>([
  ['resource', 'io.k8s.apimachinery.pkg.api.resource'],
  ['intstr', 'io.k8s.apimachinery.pkg.util.intstr'],
  ['runtime', 'io.k8s.apimachinery.pkg.runtime'],
  ...PACKAGE_TABLES.map((t): [string, string] => [t.alias, t.prefix]),
]);

const texts = new Map<string, { text: string; prefix: string }>();
for (const t of PACKAGE_TABLES) {
  for (const [name, text] of Object.entries(t.messages)) texts.set(`${t.prefix}.${name}`, { text, prefix: t.prefix });
}

function resolveType(ref: string, prefix: string, where: string): string {
  if (isScalar(ref)) return ref;
  const dot = ref.lastIndexOf('.');
  if (dot < 0) return `${prefix}.${ref}`;
  const pkg = ALIASES.get(ref.slice(0, dot));
  if (!pkg) throw new Error(`protobuf table ${where}: unknown package alias in ${ref}`);
  return `${pkg}.${ref.slice(dot + 1)}`;
}

const FIELD_RE = /^([A-Za-z0-9_$]+|\.\.\.)=(\d+)(\*?)(\??):(.+)$/;

function parseMessage(name: string, text: string, prefix: string): MessageInfo {
  if (text.startsWith('[]')) {
    return { name, fields: [], byNumber: new Map(), wrapperOf: resolveType(text.slice(2), prefix, name) };
  }
  const fields: FieldInfo[] = [];
  const byNumber = new Map<number, FieldInfo>();
  for (const token of text.split(' ').filter(Boolean)) {
    const m = FIELD_RE.exec(token);
    if (!m) throw new Error(`protobuf table ${name}: bad field ${token}`);
    let type = m[5];
    let shape: FieldInfo['shape'] = 'single';
    if (type.startsWith('[]')) {
      shape = 'repeated';
      type = type.slice(2);
    } else if (type.startsWith('map[') && type.endsWith(']')) {
      shape = 'map';
      type = type.slice(4, -1);
    }
    const field: FieldInfo = {
      num: Number(m[2]),
      json: m[1] === '...' ? undefined : m[1],
      pointer: m[3] === '*',
      omitempty: m[4] === '?',
      shape,
      type: resolveType(type, prefix, name),
    };
    fields.push(field);
    byNumber.set(field.num, field);
  }
  return { name, fields, byNumber };
}

const parsed = new Map<string, MessageInfo>();

/** The table of a message by its definition name, or undefined when there is none. */
export function messageInfo(defName: string): MessageInfo | undefined {
  let info = parsed.get(defName);
  if (info) return info;
  const entry = texts.get(defName);
  if (!entry) return undefined;
  info = parseMessage(defName, entry.text, entry.prefix);
  parsed.set(defName, info);
  return info;
}

/** Every message name the tables describe. */
export function messageNames(): string[] {
  return [...texts.keys()];
}
