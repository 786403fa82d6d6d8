// Request bodies decoded against the kind's schema (src/api/decode.ts) under
// fieldValidation: unknown fields are dropped, and reported in Warning headers (Warn, the
// default) or refused with 400 (Strict), as upstream: unknown field "spec.foo".
import type { TSchema } from '@sinclair/typebox';
import type { KubeObject } from '../api/meta/v1/types.js';
import { decode, strictDecodingMessage } from '../api/decode.js';
import type { ResourceInfo } from '../api/scheme.js';
import { BadRequestError } from '../machinery/errors.js';
import type { FieldValidation, RestContext } from './rest-context.js';

/** Decodes obj as ctx's kind (or schema, for subresources like scale); returns the typed value. */
export function decodeBody(ctx: RestContext, obj: KubeObject, mode: FieldValidation, info: ResourceInfo = ctx.info, schema: TSchema = info.schema): KubeObject {
  const { value, unknownFields } = decode<KubeObject>(schema, obj, { unknownFields: mode });
  if (unknownFields.length && mode === 'Strict') throw new BadRequestError(strictDecodingMessage(unknownFields));
  if (mode === 'Warn') ctx.warnings.push(...unknownFields.map((f) => `unknown field ${JSON.stringify(f)}`));
  return value;
}
