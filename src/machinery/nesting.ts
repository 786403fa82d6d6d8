// How deeply a decoded value may nest. Upstream's decoders (Go's encoding/json and
// sigs.k8s.io/json, go-yaml) refuse documents nested deeper than 10,000 levels with 400
// ("invalid character '{' exceeded max depth"). A JS stack is far shallower than a Go one:
// structuredClone overflows at about 1,900 levels, the YAML composer at about 780, and the
// patch, apply and managed-fields walks somewhere between. So every request body, in every
// content type, and every object about to be written is held to MAX_NESTING_DEPTH, which
// leaves each of those recursive paths a wide margin (nesting.test.ts drives them at the bound)
// and keeps anything stored readable.
import { BadRequestError } from './errors.js';

/** The deepest nesting (objects and arrays, the top-level one counting as 1) an object may have. */
export const MAX_NESTING_DEPTH = 500;

/**
 * The deepest nesting a request body may have: an object at the bound read back and sent again
 * carries metadata.managedFields, whose field sets reach five levels below the object's deepest
 * (metadata, managedFields, an entry, fieldsV1, the leaf's empty set).
 */
export const MAX_BODY_DEPTH = MAX_NESTING_DEPTH + 5;

/**
 * The opening bracket of the first object or array nested deeper than max, or undefined.
 * Iterative, so it cannot overflow the stack itself; a cyclic value counts as too deep.
 */
export function tooDeep(value: unknown, max = MAX_NESTING_DEPTH): '{' | '[' | undefined {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) return Array.isArray(v) ? '[' : '{';
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return undefined;
}

function refuse(bracket: '{' | '[' | undefined): void {
  if (bracket) throw new BadRequestError(`invalid character '${bracket}' exceeded max depth`);
}

/** Throws 400 with Go's JSON decoder's words when a request body nests deeper than the bound. */
export function assertBodyDepth(value: unknown): void {
  refuse(tooDeep(value, MAX_BODY_DEPTH));
}

/**
 * Throws 400 as assertBodyDepth when an object about to be written nests deeper than
 * MAX_NESTING_DEPTH outside its managed fields, or than MAX_BODY_DEPTH within them.
 */
export function assertObjectDepth(obj: object): void {
  const metadata = (obj as { metadata?: { managedFields?: unknown } }).metadata;
  const { managedFields, ...meta } = metadata ?? {};
  refuse(tooDeep(metadata ? { ...obj, metadata: meta } : obj) ?? tooDeep(managedFields, MAX_BODY_DEPTH - 2));
}
