// Deep equality of API values as upstream's apiequality.Semantic sees them for the
// shapes in this folder: plain JSON data where an absent field equals an undefined one.

/** True when a and b hold the same JSON data (object key order and undefined members ignored). */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => semanticEqual(v, b[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!semanticEqual(ao[k], bo[k])) return false;
  return true;
}

/** Like semanticEqual, but an empty map or list equals an absent one (Go's nil vs empty under reflect.DeepEqual of omitempty data). */
export function sameOrEmpty(a: unknown, b: unknown): boolean {
  const empty = (v: unknown) => v === undefined || v === null
    || (Array.isArray(v) && v.length === 0)
    || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0);
  if (empty(a) && empty(b)) return true;
  return semanticEqual(a, b);
}
