// Sets of field paths, as server-side apply records ownership
// (sigs.k8s.io/structured-merge-diff fieldpath), and their FieldsV1 encoding:
//   {"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{}}}}}
// A path is a list of path elements written as in FieldsV1: f:<field>, k:<json of
// the key fields>, v:<json value> (set lists) or i:<index>.
import { isObject, type JsonObject, type JsonValue } from './json-value.js';

export type PathElement = string;
export type FieldPath = readonly PathElement[];

export interface FieldNode {
  /** the path to this node is itself in the set */
  member: boolean;
  children: Map<PathElement, FieldNode>;
}

/** A set of paths: the children of an implicit, non-member root. */
export type FieldSet = Map<PathElement, FieldNode>;

export const fieldPE = (name: string): PathElement => `f:${name}`;
export const valuePE = (v: JsonValue): PathElement => `v:${JSON.stringify(v)}`;
export const indexPE = (i: number): PathElement => `i:${i}`;

/** k:{"containerPort":80,"protocol":"TCP"} — the key fields in name order. */
export function keyPE(fields: Record<string, JsonValue>): PathElement {
  const sorted: JsonObject = {};
  for (const k of Object.keys(fields).sort()) sorted[k] = fields[k];
  return `k:${JSON.stringify(sorted)}`;
}

export function newFieldSet(): FieldSet {
  return new Map();
}

export function insertPath(set: FieldSet, path: FieldPath): void {
  if (!path.length) return;
  let level = set;
  let node: FieldNode | undefined;
  for (const pe of path) {
    node = level.get(pe);
    if (!node) {
      node = { member: false, children: new Map() };
      level.set(pe, node);
    }
    level = node.children;
  }
  (node as FieldNode).member = true;
}

export function hasPath(set: FieldSet, path: FieldPath): boolean {
  let level = set;
  let node: FieldNode | undefined;
  for (const pe of path) {
    node = level.get(pe);
    if (!node) return false;
    level = node.children;
  }
  return !!node?.member;
}

function peRank(pe: PathElement): number {
  return pe.startsWith('f:') ? 0 : pe.startsWith('k:') ? 1 : pe.startsWith('v:') ? 2 : 3;
}

/** Path elements in upstream's order: fields, then keys, then values, then indexes. */
export function comparePE(a: PathElement, b: PathElement): number {
  const r = peRank(a) - peRank(b);
  if (r) return r;
  if (peRank(a) === 3) return Number(a.slice(2)) - Number(b.slice(2));
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every member path, in sorted order. */
export function members(set: FieldSet): PathElement[][] {
  const out: PathElement[][] = [];
  const walk = (level: FieldSet, prefix: PathElement[]) => {
    for (const pe of [...level.keys()].sort(comparePE)) {
      const node = level.get(pe) as FieldNode;
      const p = [...prefix, pe];
      if (node.member) out.push(p);
      walk(node.children, p);
    }
  };
  walk(set, []);
  return out;
}

export function isEmptySet(set: FieldSet): boolean {
  return members(set).length === 0;
}

export function setOf(paths: Iterable<FieldPath>): FieldSet {
  const s = newFieldSet();
  for (const p of paths) insertPath(s, p);
  return s;
}

export function union(...sets: FieldSet[]): FieldSet {
  const out = newFieldSet();
  for (const s of sets) for (const p of members(s)) insertPath(out, p);
  return out;
}

export function difference(a: FieldSet, b: FieldSet): FieldSet {
  return setOf(members(a).filter((p) => !hasPath(b, p)));
}

export function intersection(a: FieldSet, b: FieldSet): FieldSet {
  return setOf(members(a).filter((p) => hasPath(b, p)));
}

/** Reads a FieldsV1 object; unknown shapes are skipped. */
export function fromFieldsV1(fields: unknown): FieldSet {
  const set = newFieldSet();
  const walk = (obj: JsonObject, prefix: PathElement[]) => {
    for (const [k, v] of Object.entries(obj)) {
      if (k === '.' || !isObject(v)) continue;
      const p = [...prefix, k];
      const keys = Object.keys(v);
      if (keys.length === 0 || keys.includes('.')) insertPath(set, p);
      walk(v, p);
    }
  };
  if (isObject(fields)) walk(fields, []);
  return set;
}

/** Writes a set as FieldsV1: "." marks a member that also has children. */
export function toFieldsV1(set: FieldSet): JsonObject {
  const write = (level: FieldSet): JsonObject => {
    const out: JsonObject = {};
    for (const pe of [...level.keys()].sort(comparePE)) {
      const node = level.get(pe) as FieldNode;
      const kids = write(node.children);
      if (!node.member && Object.keys(kids).length === 0) continue;
      out[pe] = node.member && Object.keys(kids).length ? { '.': {}, ...kids } : kids;
    }
    return out;
  };
  return write(set);
}

/** A path as upstream prints it in conflicts: .spec.containers[name="nginx"].image */
export function pathString(path: FieldPath): string {
  let s = '';
  for (const pe of path) {
    const body = pe.slice(2);
    if (pe.startsWith('f:')) {
      s += `.${body}`;
    } else if (pe.startsWith('k:')) {
      const key = JSON.parse(body) as JsonObject;
      s += `[${Object.entries(key).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}]`;
    } else if (pe.startsWith('v:')) {
      s += `[=${body}]`;
    } else {
      s += `[${body}]`;
    }
  }
  return s;
}
