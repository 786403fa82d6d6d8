// Strings as Go decodes them: a JSON \u escape of a lone UTF-16 surrogate (\ud800 without its
// pair) becomes U+FFFD, so what is stored and sent back is valid UTF-8 that every JSON parser reads.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** A \u escape of a surrogate in the source text: only then can a decoded value hold a lone one. */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

export function wellFormed(s: string): string {
  return s.replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * Replaces lone surrogates in every string and key of a value decoded from text (in place; the
 * value is returned). Cheap when the text has no surrogate escape: nothing is walked then.
 */
export function wellFormedValue<T>(value: T, text: string): T {
  if (!SURROGATE_ESCAPE.test(text)) return value;
  const fix = (v: unknown): unknown => (typeof v === 'string' ? wellFormed(v) : v);
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        v[i] = fix(v[i]);
        stack.push(v[i]);
      }
      continue;
    }
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      const key = wellFormed(k);
      const child = fix(o[k]);
      if (key !== k) delete o[k];
      o[key] = child;
      stack.push(child);
    }
  }
  return typeof value === 'string' ? wellFormed(value) as T : value;
}
