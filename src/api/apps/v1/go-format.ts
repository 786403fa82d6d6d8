// Go's %#v rendering of the few values that workload validation errors print.
// Upstream's field.Invalid prints a struct or map bad value with %#v, so a user sees
//   spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable
// These helpers produce that text; invalidGo() puts it into a FieldError.
import type { LabelSelector } from '../../meta/v1/types.js';
import type { FieldError, Path } from '../../../machinery/field-errors.js';

/** strconv.Quote for the strings that appear in labels and names (JSON quoting matches for these). */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** Go sorts map keys when printing; byte order for ASCII keys. */
function sortedKeys(m: Record<string, unknown>): string[] {
  return Object.keys(m).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** %#v of a map[string]string: map[string]string{"a":"b", "c":"d"}, or map[string]string(nil). */
export function goStringMap(m: Record<string, string> | undefined | null): string {
  if (m === undefined || m === null) return 'map[string]string(nil)';
  return `map[string]string{${sortedKeys(m).map((k) => `${goQuote(k)}:${goQuote(m[k])}`).join(', ')}}`;
}

/** %#v of a []string. */
export function goStringSlice(v: readonly string[] | undefined | null): string {
  if (v === undefined || v === null) return '[]string(nil)';
  return `[]string{${v.map(goQuote).join(', ')}}`;
}

/** %#v of a metav1.LabelSelector value (the package prints as v1). */
export function goLabelSelector(s: LabelSelector | undefined | null): string {
  if (s === undefined || s === null) return 'null';
  const exprs = s.matchExpressions;
  const exprText = exprs === undefined
    ? '[]v1.LabelSelectorRequirement(nil)'
    : `[]v1.LabelSelectorRequirement{${exprs.map((e) =>
      `v1.LabelSelectorRequirement{Key:${goQuote(e.key)}, Operator:${goQuote(e.operator)}, Values:${goStringSlice(e.values)}}`).join(', ')}}`;
  return `v1.LabelSelector{MatchLabels:${goStringMap(s.matchLabels)}, MatchExpressions:${exprText}}`;
}

/** %#v of an intstr.IntOrString value: Type 0 for integers, 1 for strings. */
export function goIntOrString(v: number | string | undefined | null): string {
  if (typeof v === 'string') return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`;
  return `intstr.IntOrString{Type:0, IntVal:${v ?? 0}, StrVal:""}`;
}

/**
 * An Invalid field error whose value prints as the given Go text instead of JSON:
 * "<path>: Invalid value: <goText>: <detail>". The raw value stays in badValue.
 */
export function invalidGo(path: Path | string, value: unknown, goText: string, detail: string): FieldError {
  return {
    type: 'FieldValueInvalid',
    field: String(path),
    badValue: value,
    detail: detail ? `${goText}: ${detail}` : goText,
    hasValue: false,
  };
}

/** A NotSupported error whose value prints as Go text. */
export function notSupportedGo(path: Path | string, value: unknown, goText: string, supported: readonly string[]): FieldError {
  const list = supported.length ? `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}` : '';
  return {
    type: 'FieldValueNotSupported',
    field: String(path),
    badValue: value,
    detail: list ? `${goText}: ${list}` : goText,
    hasValue: false,
  };
}
