// Request bodies decoded against the kind's schema (src/api/decode.ts) under
// fieldValidation: unknown fields are dropped, and reported in Warning headers (Warn, the
// default) or refused with 400 (Strict), as upstream: unknown field "spec.foo".
import type { TSchema } from '@sinclair/typebox';
import type { KubeObject } from '../api/meta/v1/types.js';
import { decode, findDuplicateFields, strictDecodingMessage } from '../api/decode.js';
import type { ResourceInfo } from '../api/scheme.js';
import { BadRequestError } from '../machinery/errors.js';
import { assertObjectDepth } from '../machinery/nesting.js';
import type { FieldValidation, RestContext } from './rest-context.js';

/** Duplicate keys found in the JSON text a body was parsed from (JSON.parse keeps the last silently). */
const duplicates = new WeakMap<object, string[]>();

export function noteDuplicates(obj: object, text: string): void {
  try {
    const d = findDuplicateFields(text);
    if (d.length) duplicates.set(obj, d);
  } catch {
    // not JSON: YAML bodies are checked by the YAML parser itself
  }
}

/**
 * Decodes obj as ctx's kind (or schema, for subresources like scale); returns the typed value.
 * A patched object is bounded in depth here as its body was in parseBody (a JSON patch can nest
 * one value inside another).
 */
export function decodeBody(ctx: RestContext, obj: KubeObject, mode: FieldValidation, info: ResourceInfo = ctx.info, schema: TSchema = info.schema): KubeObject {
  assertObjectDepth(obj);
  const dups = mode === 'Ignore' ? [] : duplicates.get(obj) ?? [];
  const { value, unknownFields } = decode<KubeObject>(schema, obj, { unknownFields: mode });
  if ((unknownFields.length || dups.length) && mode === 'Strict') throw new BadRequestError(strictDecodingMessage(unknownFields, dups));
  if (mode === 'Warn') {
    ctx.warnings.push(...unknownFields.map((f) => `unknown field ${JSON.stringify(f)}`), ...dups.map((f) => `duplicate field ${JSON.stringify(f)}`));
  }
  return value;
}
