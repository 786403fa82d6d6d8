// Patches: JSON Patch, JSON Merge Patch, strategic merge patch (apply and create),
// and server-side apply with managed fields.
export { applyJsonPatch, JsonPatchError, MAX_JSON_PATCH_OPERATIONS, type JsonPatchOperation, encodePointerToken, decodePointerToken } from './json-patch.js';
export { applyMergePatch, createMergePatch } from './merge-patch.js';
export { strategicMergePatch } from './strategic.js';
export { createThreeWayMergePatch, createTwoWayMergePatch, type ThreeWayOptions } from './three-way.js';
export type { Schema } from './schema-meta.js';
export type { JsonValue, JsonObject } from './json-value.js';
export { applyPatch, applyConflictError, mergeApplied, LAST_APPLIED, type ApplyOptions } from './apply.js';
export {
  updateManagedFields, decodeManagedFields, encodeManagedFields, type ManagerEntry, type ManagedFieldsOptions, type Operation,
} from './managed-fields.js';
export { fromFieldsV1, toFieldsV1, members, pathString, type FieldSet, type FieldPath } from './field-set.js';
export { fieldSetOf, compareObjects } from './field-walk.js';
