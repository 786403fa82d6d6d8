// Validation pieces the workload kinds share (apps, batch, policy), as upstream's
// apps validation helpers (ValidatePositiveIntOrPercent, IsNotMoreThan100Percent, the selector/template check).
import type { LabelSelector } from '../../meta/v1/types.js';
import { validateLabelSelector } from '../../meta/v1/label-selector.js';
import { type FieldError, type Path, invalid, required } from '../../../machinery/field-errors.js';
import { IMMUTABLE, NON_NEGATIVE, regexError } from '../../../machinery/validation.js';
import { selectorFromLabelSelector, type Selector } from '../../../machinery/labels.js';
import { semanticDeepEqual } from '../../../machinery/equality.js';
import { goIntOrString, goLabelSelector, goStringMap, invalidGo } from './go-format.js';

/** ValidateNonnegativeField. */
export function nonNegative(value: number | undefined, path: Path): FieldError[] {
  return value !== undefined && value < 0 ? [invalid(path, value, NON_NEGATIVE)] : [];
}

/** metav1.LabelSelectorAsSelector without throwing: undefined when the selector cannot be built. */
export function asSelector(s: LabelSelector | undefined): Selector | undefined {
  try {
    return selectorFromLabelSelector(s);
  } catch {
    return undefined;
  }
}

/** Selector present, valid and not empty, as Deployment/ReplicaSet/StatefulSet/DaemonSet require. */
export function validateControllerSelector(s: LabelSelector | undefined, path: Path, kindWord: string, required_ = true): FieldError[] {
  if (!s) return required_ ? [required(path, '')] : [];
  const errs = validateLabelSelector(s, path);
  if (Object.keys(s.matchLabels ?? {}).length + (s.matchExpressions ?? []).length === 0) {
    errs.push(invalidGo(path, s, goLabelSelector(s), `empty selector is invalid for ${kindWord}`));
  }
  return errs;
}

export const SELECTOR_MISMATCH = '`selector` does not match template `labels`';

/** The template labels must be selected by the controller's selector (a nil selector selects nothing). */
export function templateLabelsMatch(selector: Selector, labels: Record<string, string> | undefined, path: Path): FieldError[] {
  if (selector.empty()) return [];
  if (selector.matches(labels ?? {})) return [];
  return [invalidGo(path, labels, goStringMap(labels), SELECTOR_MISMATCH)];
}

/** ValidateImmutableField for a selector, with upstream's %#v rendering. */
export function immutableSelector(s: LabelSelector | undefined, old: LabelSelector | undefined, path: Path): FieldError[] {
  if (semanticDeepEqual(normalizeSelector(s), normalizeSelector(old))) return [];
  return [invalidGo(path, s, goLabelSelector(s), IMMUTABLE)];
}

// Upstream compares with Semantic.DeepEqual, where an empty map or slice equals a missing one.
function normalizeSelector(s: LabelSelector | undefined): unknown {
  if (s === undefined) return null;
  const out: Record<string, unknown> = {};
  if (Object.keys(s.matchLabels ?? {}).length) out.matchLabels = s.matchLabels;
  if ((s.matchExpressions ?? []).length) out.matchExpressions = s.matchExpressions;
  return out;
}

const PERCENT_FMT = '[0-9]+%';
const PERCENT_RE = /^[0-9]+%$/;

/** validation.IsValidPercent. */
export function isValidPercent(s: string): string[] {
  return PERCENT_RE.test(s) ? [] : [regexError("a valid percent string must be a numeric string followed by an ending '%'", PERCENT_FMT, '1%', '93%')];
}

/** ValidatePositiveIntOrPercent. */
export function validatePositiveIntOrPercent(v: number | string | undefined, path: Path): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((m) => invalidGo(path, v, goIntOrString(v), m));
  const n = v ?? 0;
  return n < 0 ? [invalid(path, n, NON_NEGATIVE)] : [];
}

/** The number of a valid percentage string, undefined otherwise (getPercentValue). */
export function percentValue(v: number | string | undefined): number | undefined {
  if (typeof v !== 'string' || !PERCENT_RE.test(v)) return undefined;
  return Number.parseInt(v.slice(0, -1), 10);
}

/** getIntOrPercentValue: the percentage number, or the integer (IntValue() of a non-percent string is its Atoi, 0 when not a number). */
export function intOrPercentValue(v: number | string | undefined): number {
  const p = percentValue(v);
  if (p !== undefined) return p;
  if (typeof v === 'string') return /^[+-]?\d+$/.test(v) ? Number.parseInt(v, 10) : 0;
  return v ?? 0;
}

/** IsNotMoreThan100Percent. */
export function notMoreThan100Percent(v: number | string | undefined, path: Path): FieldError[] {
  const p = percentValue(v);
  if (p === undefined || p <= 100) return [];
  return [invalidGo(path, v, goIntOrString(v), 'must not be greater than 100%')];
}

/**
 * intstr.GetScaledValueFromIntOrPercent: an integer as is, a percentage of total rounded up or down.
 * Throws for strings that are not percentages, as upstream returns an error.
 */
export function scaledValueFromIntOrPercent(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const p = percentValue(v);
  if (p === undefined) throw new Error(`invalid value for IntOrString: invalid value ${JSON.stringify(v)}`);
  const scaled = (p * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}
