// RFC 6902 JSON Patch (application/json-patch+json), with the behaviour and error
// text of the library the Kubernetes API server uses (evanphx/json-patch v4):
//   add operation does not apply: doc is missing path: "/spec/foo": missing value
// The input document is never mutated and the patch applies all-or-nothing.
// As upstream, `replace` of a missing object key adds it, and negative array
// indexes count from the end.
import { BadRequestError, RequestEntityTooLargeError, StatusError } from '../errors.js';
import { clone, deepEqual, isObject, type JsonObject, type JsonValue, setKey } from './json-value.js';

export interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  from?: string;
  value?: JsonValue;
}

const MISSING = 'missing value';
/** The API server refuses longer patches (413). */
export const MAX_JSON_PATCH_OPERATIONS = 10000;
const INVALID_INDEX = 'invalid index referenced';
const TEST_FAILED = 'test failed';

/** A failed operation: 422 Invalid with upstream's text; `operation` is its index in the patch. */
export class JsonPatchError extends StatusError {
  readonly operation: number;
  constructor(operation: number, message: string) {
    super(422, 'Invalid', message, { causes: [{ reason: 'FieldValueInvalid', message, field: `[${operation}]` }] });
    this.operation = operation;
  }
}

class OpFailure extends Error {}

/** Decodes "~1" to "/" and "~0" to "~" in one pointer token. */
export function decodePointerToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Encodes a key as one pointer token: "~" → "~0", "/" → "~1". */
export function encodePointerToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

type Container = JsonObject | JsonValue[];

/** Walks to the parent container of a pointer; undefined when the path does not exist. */
function findParent(doc: JsonValue, pointer: string): { parent: Container; key: string } | undefined {
  if (!pointer.startsWith('/')) return undefined;
  const parts = pointer.split('/').slice(1).map(decodePointerToken);
  const key = parts.pop() as string;
  let cur: JsonValue = doc;
  for (const p of parts) {
    let next: JsonValue | undefined;
    if (Array.isArray(cur)) {
      const i = arrayIndex(p, cur.length, false);
      next = cur[i];
    } else if (isObject(cur)) {
      next = Object.hasOwn(cur, p) ? cur[p] : undefined;
    }
    if (next === undefined || next === null || typeof next !== 'object') return undefined;
    cur = next;
  }
  if (cur === null || typeof cur !== 'object') return undefined;
  return { parent: cur, key };
}

function arrayIndex(token: string, length: number, forAdd: boolean): number {
  if (!/^-?\d+$/.test(token)) throw new OpFailure(`strconv.Atoi: parsing ${JSON.stringify(token)}: invalid syntax`);
  let i = Number(token);
  const max = forAdd ? length : length - 1;
  if (i < 0) {
    if (i < -length) throw new OpFailure(`Unable to access invalid index: ${i}: ${INVALID_INDEX}`);
    i += length;
  }
  if (i > max) throw new OpFailure(`Unable to access invalid index: ${i}: ${INVALID_INDEX}`);
  return i;
}

function getIn(c: Container, key: string): JsonValue | undefined {
  if (Array.isArray(c)) return c[arrayIndex(key, c.length, false)];
  return Object.hasOwn(c, key) ? c[key] : undefined;
}

function addIn(c: Container, key: string, value: JsonValue): void {
  if (Array.isArray(c)) {
    if (key === '-') c.push(value);
    else c.splice(arrayIndex(key, c.length, true), 0, value);
  } else {
    setKey(c, key, value);
  }
}

function setIn(c: Container, key: string, value: JsonValue): void {
  if (Array.isArray(c)) c[arrayIndex(key, c.length, false)] = value;
  else setKey(c, key, value);
}

function removeIn(c: Container, key: string): void {
  if (Array.isArray(c)) {
    c.splice(arrayIndex(key, c.length, false), 1);
  } else {
    if (!Object.hasOwn(c, key)) throw new OpFailure(`Unable to remove nonexistent key: ${key}: ${MISSING}`);
    delete c[key];
  }
}

function wrap(prefix: string, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (e instanceof OpFailure) throw new OpFailure(`${prefix}: ${e.message}`);
    throw e;
  }
}

function need(op: JsonObject, field: 'path' | 'from', kind: string): string {
  const v = op[field];
  if (typeof v !== 'string') throw new OpFailure(`${kind} operation failed to decode ${field}: ${MISSING}`);
  return v;
}

function applyOne(doc: JsonValue, op: JsonObject): void {
  const kind = typeof op.op === 'string' ? op.op : 'unknown';
  switch (kind) {
    case 'add': {
      const path = need(op, 'path', kind);
      const at = findParent(doc, path);
      if (!at) throw new OpFailure(`add operation does not apply: doc is missing path: "${path}": ${MISSING}`);
      wrap(`error in add for path: '${path}'`, () => addIn(at.parent, at.key, clone(op.value ?? null)));
      return;
    }
    case 'remove': {
      const path = need(op, 'path', kind);
      const at = findParent(doc, path);
      if (!at) throw new OpFailure(`remove operation does not apply: doc is missing path: "${path}": ${MISSING}`);
      wrap(`error in remove for path: '${path}'`, () => removeIn(at.parent, at.key));
      return;
    }
    case 'replace': {
      const path = need(op, 'path', kind);
      const at = findParent(doc, path);
      if (!at) throw new OpFailure(`replace operation does not apply: doc is missing path: ${path}: ${MISSING}`);
      if (Array.isArray(at.parent)) {
        const parent = at.parent;
        try {
          arrayIndex(at.key, parent.length, false);
        } catch {
          throw new OpFailure(`replace operation does not apply: doc is missing key: ${path}: ${MISSING}`);
        }
      }
      wrap(`error in remove for path: '${path}'`, () => setIn(at.parent, at.key, clone(op.value ?? null)));
      return;
    }
    case 'move': {
      const from = need(op, 'from', kind);
      const path = need(op, 'path', kind);
      const src = findParent(doc, from);
      if (!src) throw new OpFailure(`move operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
      if (path !== from && path.startsWith(`${from}/`)) {
        throw new OpFailure(`move operation does not apply: cannot move ${from} into its own child ${path}`);
      }
      let val: JsonValue | undefined;
      wrap(`error in move for path: '${src.key}'`, () => {
        val = getIn(src.parent, src.key);
        removeIn(src.parent, src.key);
      });
      const dst = findParent(doc, path);
      if (!dst) throw new OpFailure(`move operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
      wrap(`error in move for path: '${dst.key}'`, () => addIn(dst.parent, dst.key, val ?? null));
      return;
    }
    case 'copy': {
      const from = need(op, 'from', kind);
      const path = need(op, 'path', kind);
      const src = findParent(doc, from);
      if (!src) throw new OpFailure(`copy operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
      let val: JsonValue | undefined;
      wrap(`error in copy for from: '${from}'`, () => {
        val = getIn(src.parent, src.key);
      });
      if (val === undefined) throw new OpFailure(`error in copy for from: '${from}': ${MISSING}`);
      const dst = findParent(doc, path);
      if (!dst) throw new OpFailure(`copy operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
      const copied = clone(val);
      wrap(`error in copy for path: '${path}'`, () => addIn(dst.parent, dst.key, copied));
      return;
    }
    case 'test': {
      const path = need(op, 'path', kind);
      const at = findParent(doc, path);
      if (!at) throw new OpFailure(`test operation does not apply: is missing path: ${path}: ${MISSING}`);
      let val: JsonValue | undefined;
      wrap(`error in test for path: '${path}'`, () => {
        val = getIn(at.parent, at.key);
      });
      const want = op.value;
      if (val === undefined ? want === undefined || want === null : deepEqual(val, want)) return;
      throw new OpFailure(`testing value ${path} failed: ${TEST_FAILED}`);
    }
    default:
      throw new OpFailure(`Unexpected kind: ${kind}: unknown object type`);
  }
}

/** Checks that a decoded body is a list of operation objects; throws BadRequest otherwise. */
export function decodeJsonPatch(patch: unknown): JsonObject[] {
  if (!Array.isArray(patch)) {
    throw new BadRequestError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  }
  if (patch.length > MAX_JSON_PATCH_OPERATIONS) {
    throw new RequestEntityTooLargeError(`The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${patch.length}`);
  }
  for (const op of patch) {
    if (!isObject(op)) throw new BadRequestError('json: cannot unmarshal ' + jsonTypeName(op) + ' into Go value of type jsonpatch.Operation');
  }
  return patch as JsonObject[];
}

function jsonTypeName(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'object' : typeof v;
}

/**
 * Applies a JSON Patch to a document and returns the new document.
 * Throws BadRequestError for a malformed patch and JsonPatchError (422) for an
 * operation that does not apply; the document is left untouched either way.
 */
export function applyJsonPatch<T = JsonValue>(doc: T, patch: unknown): T {
  const ops = decodeJsonPatch(patch);
  const out = clone(doc) as unknown as JsonValue;
  ops.forEach((op, i) => {
    try {
      applyOne(out, op);
    } catch (e) {
      if (e instanceof OpFailure) throw new JsonPatchError(i, e.message);
      throw e;
    }
  });
  return out as unknown as T;
}
