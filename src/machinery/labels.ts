// Label selectors, as k8s.io/apimachinery/pkg/labels: the string syntax used by
// `?labelSelector=` and `kubectl -l` (a=b, a!=b, a in (x,y), a notin (x), a, !a, a>1, a<1),
// the structured metav1.LabelSelector used in specs, matching, and the canonical print form.
import type { LabelSelector } from '../api/meta/v1/types.js';
import { isQualifiedName, isValidLabelValue } from './validation.js';

/** Operators with upstream's spelling (k8s.io/apimachinery/pkg/selection). */
export type Operator = 'in' | 'notin' | '=' | '==' | '!=' | 'gt' | 'lt' | 'exists' | '!';

const BINARY_OPERATORS: readonly Operator[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];
const ALL_OPERATORS: readonly Operator[] = [...BINARY_OPERATORS, 'exists', '!'];

/** One requirement on one label key; values are kept as given (parsing sorts and de-duplicates them). */
export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  readonly values: readonly string[];
}

/** Thrown for any malformed selector, with upstream's message text. */
export class SelectorParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorParseError';
  }
}

export interface Selector {
  /** True when every requirement holds for the given labels (a missing map is an empty one). */
  matches(labels: Readonly<Record<string, string>> | undefined | null): boolean;
  /** True for a selector without requirements, which matches everything. */
  empty(): boolean;
  /** The canonical form: requirements sorted by key, joined by ','. */
  toString(): string;
  requirements(): Requirement[];
  /** The one value `label` must have (from =, == or a one-value in), if the selector pins it. */
  requiresExactMatch(label: string): string | undefined;
  /** A new selector with the extra requirements, sorted by key. */
  add(...reqs: Requirement[]): Selector;
}

// ---- requirements ---------------------------------------------------------

/** Go's %#v / %q rendering of a bad value inside a field error. */
function goValue(v: string | readonly string[]): string {
  if (typeof v === 'string') return JSON.stringify(v);
  return `[]string{${v.map((s) => JSON.stringify(s)).join(', ')}}`;
}

function invalidMsg(field: string, value: string | readonly string[], detail: string): string {
  return `${field}: Invalid value: ${goValue(value)}: ${detail}`;
}

/** Upstream's ErrorList.ToAggregate().Error(): one message as is, several as "[a, b]". */
function aggregate(msgs: string[]): string {
  const unique = [...new Set(msgs)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** strconv.ParseInt(s, 10, 64): undefined when not a base-10 int64. */
function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const v = BigInt(s);
  return v < INT64_MIN || v > INT64_MAX ? undefined : v;
}

function keyError(key: string, field: string): string | undefined {
  const errs = isQualifiedName(key);
  return errs.length ? invalidMsg(field, key, errs.join('; ')) : undefined;
}

/**
 * Builds a validated requirement (labels.NewRequirement). `path` prefixes the field names in
 * errors ("key", "values[0][app]" by default). Throws SelectorParseError listing every problem.
 */
export function newRequirement(key: string, operator: Operator, values: readonly string[], path = ''): Requirement {
  const at = (name: string) => (path ? `${path}.${name}` : name);
  const errs: string[] = [];
  const ke = keyError(key, at('key'));
  if (ke) errs.push(ke);
  const valuesPath = at('values');
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0) errs.push(invalidMsg(valuesPath, values, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1) errs.push(invalidMsg(valuesPath, values, 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (values.length !== 0) errs.push(invalidMsg(valuesPath, values, 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1) errs.push(invalidMsg(valuesPath, values, "for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((v, i) => {
        if (parseInt64(v) === undefined) {
          errs.push(invalidMsg(`${valuesPath}[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"));
        }
      });
      break;
    default:
      errs.push(`${at('operator')}: Unsupported value: ${JSON.stringify(operator)}: supported values: ${ALL_OPERATORS.map((o) => JSON.stringify(o)).join(', ')}`);
  }
  values.forEach((v, i) => {
    const ve = isValidLabelValue(v);
    if (ve.length) errs.push(invalidMsg(`${valuesPath}[${i}][${key}]`, v, ve.join('; ')));
  });
  if (errs.length) throw new SelectorParseError(aggregate(errs));
  return { key, operator, values: [...values] };
}

/** Does one requirement hold for these labels? */
export function requirementMatches(r: Requirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels[r.key] : undefined;
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return value !== undefined && r.values.includes(value);
    case 'notin':
    case '!=':
      return value === undefined || !r.values.includes(value);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (value === undefined || r.values.length !== 1) return false;
      const have = parseInt64(value);
      const want = parseInt64(r.values[0]);
      if (have === undefined || want === undefined) return false;
      return r.operator === 'gt' ? have > want : have < want;
    }
    default:
      return false;
  }
}

const OPERATOR_TEXT: Record<Operator, string> = {
  in: ' in ', notin: ' notin ', '=': '=', '==': '==', '!=': '!=', gt: '>', lt: '<', exists: '', '!': '',
};

/** Requirement.String(): `!a`, `a`, `a=b`, `a in (x,y)` with the values sorted. */
export function requirementToString(r: Requirement): string {
  let s = r.operator === '!' ? `!${r.key}` : r.key;
  if (r.operator === 'exists' || r.operator === '!') return s;
  s += OPERATOR_TEXT[r.operator];
  const vals = r.values.length === 1 ? r.values[0] : [...r.values].sort(byCodeUnit).join(',');
  return r.operator === 'in' || r.operator === 'notin' ? `${s}(${vals})` : s + vals;
}

/** Go's string ordering (byte-wise for ASCII), not locale order. */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---- selectors ------------------------------------------------------------

function selectorOf(reqs: readonly Requirement[]): Selector {
  const list = [...reqs];
  return {
    matches: (labels) => list.every((r) => requirementMatches(r, labels ?? {})),
    empty: () => list.length === 0,
    toString: () => list.map(requirementToString).join(','),
    requirements: () => [...list],
    requiresExactMatch: (label) => {
      const r = list.find((x) => x.key === label);
      if (!r || r.values.length !== 1) return undefined;
      return r.operator === '=' || r.operator === '==' || r.operator === 'in' ? r.values[0] : undefined;
    },
    add: (...more) => selectorOf(sortByKey([...list, ...more])),
  };
}

/** A stable sort by key, as upstream's sort.Sort(ByKey) leaves equal keys in place in practice. */
function sortByKey(reqs: Requirement[]): Requirement[] {
  return reqs.sort((a, b) => byCodeUnit(a.key, b.key));
}

const EVERYTHING: Selector = selectorOf([]);

const NOTHING: Selector = {
  matches: () => false,
  empty: () => false,
  toString: () => '',
  requirements: () => [],
  requiresExactMatch: () => undefined,
  add: () => NOTHING,
};

/** Matches every object. */
export const everything = (): Selector => EVERYTHING;
/** Matches no object (what a nil metav1.LabelSelector means). */
export const nothing = (): Selector => NOTHING;
/** True only for the nothing() selector. */
export const matchesNothing = (s: Selector): boolean => s === NOTHING;

/** labels.SelectorFromSet: key=value for each entry, without validation. */
export function selectorFromSet(labels: Readonly<Record<string, string>> | undefined | null): Selector {
  if (!labels) return EVERYTHING;
  return selectorOf(sortByKey(Object.entries(labels).map(([key, v]) => ({ key, operator: '=' as const, values: [v] }))));
}

/** labels.ValidatedSelectorFromSet: as selectorFromSet, but keys and values must be valid. */
export function validatedSelectorFromSet(labels: Readonly<Record<string, string>> | undefined | null): Selector {
  if (!labels) return EVERYTHING;
  const keys = Object.keys(labels).sort(byCodeUnit);
  return selectorOf(keys.map((k) => newRequirement(k, '=', [labels[k]])));
}

/** Does a plain key=value set match (labels.SelectorFromSet(set).Matches) — a fast path for controllers. */
export function setMatches(set: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>> | undefined | null): boolean {
  const l = labels ?? {};
  return Object.entries(set).every(([k, v]) => Object.prototype.hasOwnProperty.call(l, k) && l[k] === v);
}

const LABEL_SELECTOR_OPS: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/**
 * metav1.LabelSelectorAsSelector: null/undefined selects nothing, an empty selector selects
 * everything; matchLabels and matchExpressions are validated. Throws SelectorParseError.
 */
export function selectorFromLabelSelector(ls: LabelSelector | undefined | null): Selector {
  if (ls === undefined || ls === null) return NOTHING;
  const labels = ls.matchLabels ?? {};
  const exprs = ls.matchExpressions ?? [];
  if (Object.keys(labels).length + exprs.length === 0) return EVERYTHING;
  const reqs: Requirement[] = [];
  for (const k of Object.keys(labels).sort(byCodeUnit)) reqs.push(newRequirement(k, '=', [labels[k]]));
  for (const e of exprs) {
    const op = Object.prototype.hasOwnProperty.call(LABEL_SELECTOR_OPS, e.operator) ? LABEL_SELECTOR_OPS[e.operator] : undefined;
    if (!op) throw new SelectorParseError(`${JSON.stringify(e.operator)} is not a valid label selector operator`);
    reqs.push(newRequirement(e.key, op, e.values ?? []));
  }
  return selectorOf(sortByKey(reqs));
}

/** metav1.FormatLabelSelector: the canonical string, `<none>` when empty, `<error>` when invalid. */
export function labelSelectorToString(ls: LabelSelector | undefined | null): string {
  let s: string;
  try {
    s = selectorFromLabelSelector(ls).toString();
  } catch {
    return '<error>';
  }
  return s === '' ? '<none>' : s;
}

// ---- the string syntax ----------------------------------------------------

type Tok = 'eos' | ')' | ',' | '!' | '==' | '=' | '>' | 'id' | 'in' | '<' | '!=' | 'notin' | '(';

interface Item {
  tok: Tok;
  lit: string;
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSpecial = (c: string) => '=!(),><'.includes(c);

/** Splits the text into tokens; the longest operator wins ("!=" over "!"). */
function lex(text: string): Item[] {
  const items: Item[] = [];
  let i = 0;
  for (;;) {
    while (i < text.length && isSpace(text[i])) i++;
    if (i >= text.length) {
      items.push({ tok: 'eos', lit: '' });
      return items;
    }
    const c = text[i];
    if (isSpecial(c)) {
      const two = text.slice(i, i + 2);
      const lit = two === '==' || two === '!=' ? two : c;
      items.push({ tok: lit as Tok, lit });
      i += lit.length;
      continue;
    }
    const start = i;
    while (i < text.length && !isSpecial(text[i]) && !isSpace(text[i])) i++;
    const lit = text.slice(start, i);
    items.push({ tok: lit === 'in' || lit === 'notin' ? lit : 'id', lit });
  }
}

/** A recursive-descent reader over the token list, with upstream's error texts. */
function parseRequirements(text: string): Requirement[] {
  const items = lex(text);
  let pos = 0;
  // In value position the keywords in/notin are ordinary identifiers.
  const peek = (valueCtx = true): Item => asValue(items[pos], valueCtx);
  const next = (valueCtx = true): Item => asValue(items[pos++], valueCtx);
  const fail: (msg: string) => never = (msg) => {
    throw new SelectorParseError(msg);
  };

  const parseValueList = (): string[] => {
    const set = new Set<string>();
    for (;;) {
      const t = next();
      if (t.tok === 'id') {
        set.add(t.lit);
        const after = peek();
        if (after.tok === ',') continue;
        if (after.tok === ')') return [...set];
        fail(`found '${after.lit}', expected: ',' or ')'`);
      } else if (t.tok === ',') {
        if (set.size === 0) set.add('');
        const after = peek();
        if (after.tok === ')') {
          set.add('');
          return [...set];
        }
        if (after.tok === ',') {
          next();
          set.add('');
        }
      } else {
        fail(`found '${t.lit}', expected: ',', or identifier`);
      }
    }
  };

  const parseSetValues = (): string[] => {
    const open = next();
    if (open.tok !== '(') fail(`found '${open.lit}' expected: '('`);
    const t = peek();
    if (t.tok === 'id' || t.tok === ',') {
      const vals = parseValueList();
      if (next().tok !== ')') fail(`found '${t.lit}', expected: ')'`);
      return vals;
    }
    if (t.tok === ')') {
      next();
      return [''];
    }
    return fail(`found '${t.lit}', expected: ',', ')' or identifier`);
  };

  const parseExactValue = (): string[] => {
    const t = peek();
    if (t.tok === 'eos' || t.tok === ',') return [''];
    const v = next();
    if (v.tok === 'id') return [v.lit];
    return fail(`found '${v.lit}', expected: identifier`);
  };

  const OPS: Partial<Record<Tok, Operator>> = { in: 'in', notin: 'notin', '=': '=', '==': '==', '>': 'gt', '<': 'lt', '!=': '!=' };

  const parseRequirement = (): Requirement => {
    let t = next();
    let op: Operator | undefined;
    if (t.tok === '!') {
      op = '!';
      t = next();
    }
    if (t.tok !== 'id') fail(`found '${t.lit}', expected: identifier`);
    const key = t.lit;
    const ke = keyError(key, '<nil>');
    if (ke) fail(ke);
    const after = peek().tok;
    if ((after === 'eos' || after === ',') && op !== '!') op = 'exists';
    if (op === 'exists' || op === '!') return newRequirement(key, op, []);
    const o = next(false);
    const binary = OPS[o.tok];
    if (!binary) return fail(`found '${o.lit}', expected: ${BINARY_OPERATORS.join(', ')}`);
    const values = binary === 'in' || binary === 'notin' ? parseSetValues() : parseExactValue();
    return newRequirement(key, binary, [...new Set(values)].sort(byCodeUnit));
  };

  const reqs: Requirement[] = [];
  for (;;) {
    const t = peek();
    if (t.tok === 'eos') return reqs;
    if (t.tok !== 'id' && t.tok !== '!') fail(`found '${t.lit}', expected: !, identifier, or 'end of string'`);
    try {
      reqs.push(parseRequirement());
    } catch (e) {
      throw new SelectorParseError(`unable to parse requirement: ${(e as Error).message}`);
    }
    const sep = next();
    if (sep.tok === 'eos') return reqs;
    if (sep.tok !== ',') fail(`found '${sep.lit}', expected: ',' or 'end of string'`);
    const following = peek();
    if (following.tok !== 'id' && following.tok !== '!') fail(`found '${following.lit}', expected: identifier after ','`);
  }
}

function asValue(item: Item, valueCtx: boolean): Item {
  return valueCtx && (item.tok === 'in' || item.tok === 'notin') ? { tok: 'id', lit: item.lit } : item;
}

/** labels.Parse: the selector string syntax. Throws SelectorParseError with upstream's message. */
export function parseSelector(text: string): Selector {
  return selectorOf(sortByKey(parseRequirements(text)));
}
