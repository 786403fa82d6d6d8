// Field selectors, as k8s.io/apimachinery/pkg/fields: `metadata.name=x,spec.nodeName!=y`.
// Terms are joined by ',' (AND); values escape '\', ',' and '=' with a backslash.

export type FieldOperator = '=' | '!=';

export interface FieldRequirement {
  readonly field: string;
  readonly operator: FieldOperator;
  readonly value: string;
}

/** Thrown for a malformed field selector, with upstream's message text. */
export class FieldSelectorParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldSelectorParseError';
  }
}

export interface FieldSelector {
  /** True when every term holds; a missing field counts as the empty string, as upstream. */
  matches(fields: Readonly<Record<string, string>>): boolean;
  /** True when there are no terms (matches everything). */
  empty(): boolean;
  requirements(): FieldRequirement[];
  /** The value an `=` term requires for `field`, if any (turns spec.nodeName=x into an index lookup). */
  requiresExactMatch(field: string): string | undefined;
  /** Rewrites each term; a term mapped to an empty field and value is dropped (fields.Transform). */
  transform(fn: (field: string, value: string) => [string, string]): FieldSelector;
  /** The terms as written, values escaped, joined by ','. */
  toString(): string;
}

/** fields.EscapeValue: backslash-escapes '\', ',' and '='. */
export function escapeFieldValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** fields.UnescapeValue; throws on a lone '\', an unknown escape, or a bare ',' / '='. */
export function unescapeFieldValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let escaped = false;
  for (const c of s) {
    if (escaped) {
      if (c !== '\\' && c !== ',' && c !== '=') {
        throw new FieldSelectorParseError(`invalid field selector: invalid escape sequence: \\${c}`);
      }
      out += c;
      escaped = false;
    } else if (c === '\\') {
      escaped = true;
    } else if (c === ',' || c === '=') {
      // Go prints the rune with %v, i.e. its number.
      throw new FieldSelectorParseError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    } else {
      out += c;
    }
  }
  if (escaped) throw new FieldSelectorParseError('invalid field selector: invalid escape sequence: \\');
  return out;
}

function selectorOf(terms: readonly FieldRequirement[]): FieldSelector {
  const list = [...terms];
  const sel: FieldSelector = {
    matches: (fields) => list.every((t) => {
      const have = Object.prototype.hasOwnProperty.call(fields, t.field) ? fields[t.field] : '';
      return t.operator === '=' ? have === t.value : have !== t.value;
    }),
    empty: () => list.length === 0,
    requirements: () => [...list],
    requiresExactMatch: (field) => list.find((t) => t.operator === '=' && t.field === field)?.value,
    transform: (fn) => selectorOf(list.flatMap((t) => {
      const [field, value] = fn(t.field, t.value);
      return field === '' && value === '' ? [] : [{ field, operator: t.operator, value }];
    })),
    toString: () => list.map((t) => `${t.field}${t.operator}${escapeFieldValue(t.value)}`).join(','),
  };
  return sel;
}

const EVERYTHING = selectorOf([]);

const NOTHING: FieldSelector = {
  matches: () => false,
  empty: () => false,
  requirements: () => [],
  requiresExactMatch: () => undefined,
  transform: () => NOTHING,
  toString: () => '',
};

export const everythingFields = (): FieldSelector => EVERYTHING;
export const nothingFields = (): FieldSelector => NOTHING;

/** Splits on ',' that are not escaped by a backslash; keeps empty terms. */
function splitTerms(text: string): string[] {
  if (text === '') return [];
  const terms: string[] = [];
  let start = 0;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (escaped) escaped = false;
    else if (c === '\\') escaped = true;
    else if (c === ',') {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(text.slice(start));
  return terms;
}

/** Finds the first operator position, trying '!=' then '==' then '=' at each index. */
function splitTerm(term: string): [string, string, string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of ['!=', '==', '=']) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return undefined;
}

/** Go's sort.Strings order (code units; same as bytes for the ASCII selectors use). */
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * fields.ParseSelector. Terms are sorted as upstream does, so `b=1,a=2` prints as `a=2,b=1`;
 * `==` is read as `=`. Throws FieldSelectorParseError.
 */
export function parseFieldSelector(text: string): FieldSelector {
  const terms: FieldRequirement[] = [];
  for (const part of splitTerms(text).sort(byCodeUnit)) {
    if (part === '') continue;
    const split = splitTerm(part);
    if (!split) throw new FieldSelectorParseError(`invalid selector: '${text}'; can't understand '${part}'`);
    const [field, op, raw] = split;
    terms.push({ field, operator: op === '!=' ? '!=' : '=', value: unescapeFieldValue(raw) });
  }
  return selectorOf(terms);
}

/** fields.SelectorFromSet: field=value for each entry (sorted by field for a stable print). */
export function fieldSelectorFromSet(set: Readonly<Record<string, string>> | undefined | null): FieldSelector {
  if (!set) return EVERYTHING;
  return selectorOf(Object.keys(set).sort(byCodeUnit).map((field) => ({ field, operator: '=' as const, value: set[field] })));
}

/** fields.OneTermEqualSelector */
export function oneTermEqualSelector(field: string, value: string): FieldSelector {
  return selectorOf([{ field, operator: '=', value }]);
}

/** fields.AndSelectors: all terms of all selectors; any nothing() selector makes the result match nothing. */
export function andFieldSelectors(...selectors: FieldSelector[]): FieldSelector {
  if (selectors.some((s) => s === NOTHING)) return NOTHING;
  return selectorOf(selectors.flatMap((s) => s.requirements()));
}

/**
 * The value the selector requires for `field` (for an index lookup such as spec.nodeName),
 * or undefined when the field is not pinned by an `=` term.
 */
export function requiredFieldValue(sel: FieldSelector | string | undefined, field: string): string | undefined {
  if (sel === undefined) return undefined;
  const s = typeof sel === 'string' ? parseFieldSelector(sel) : sel;
  return s.requiresExactMatch(field);
}
