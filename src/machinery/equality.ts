// Equality of JSON-shaped API values. deepEqual is plain JSON equality (key order and
// undefined members ignored); semanticDeepEqual is closer to upstream's
// apiequality.Semantic.DeepEqual, where an empty list equals a missing one (Go's nil and
// empty slices). Objects are compared as given in both: telling a map (nil equals empty)
// from a struct pointer (nil differs from empty) would need the schema.

function equal(a: unknown, b: unknown, emptyListIsAbsent: boolean): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equal(a[i], b[i], emptyListIsAbsent)) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const present = (o: Record<string, unknown>, k: string): boolean => {
    const v = o[k];
    return v !== undefined && Object.hasOwn(o, k) && !(emptyListIsAbsent && Array.isArray(v) && v.length === 0);
  };
  let n = 0;
  for (const k of Object.keys(ao)) {
    if (!present(ao, k)) continue;
    if (!present(bo, k) || !equal(ao[k], bo[k], emptyListIsAbsent)) return false;
    n++;
  }
  let m = 0;
  for (const k of Object.keys(bo)) if (present(bo, k)) m++;
  return n === m;
}

/** True when a and b hold the same JSON data (object key order and undefined members ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  return equal(a, b, false);
}

/** deepEqual, except that an empty list equals a missing one, as upstream's Semantic.DeepEqual. */
export function semanticDeepEqual(a: unknown, b: unknown): boolean {
  return equal(a, b, true);
}
