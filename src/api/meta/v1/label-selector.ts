// upstream's metav1 ValidateLabelSelector (FormatLabelSelector is labelSelectorToString in machinery/labels).
import type { LabelSelector, LabelSelectorRequirement } from './types.js';
import { forbidden, invalid, required, type FieldError, type Path } from '../../../machinery/field-errors.js';
import { validateLabels } from '../../../machinery/object-meta.js';
import { isQualifiedName, isValidLabelValue } from '../../../machinery/validation.js';

export interface LabelSelectorValidationOptions {
  /** accept values that are not valid label values (upstream's AllowInvalidLabelValueInSelector, for updates of objects stored with them) */
  allowInvalidLabelValues?: boolean;
}

/** ValidateLabelSelectorRequirement: the operator and its values, the key, then each value. */
export function validateLabelSelectorRequirement(r: LabelSelectorRequirement, path: Path, opts: LabelSelectorValidationOptions = {}): FieldError[] {
  const errs: FieldError[] = [];
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(required(path.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.push(forbidden(path.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    default:
      errs.push(invalid(path.child('operator'), r.operator, 'not a valid selector operator'));
  }
  const key = r.key ?? '';
  for (const m of isQualifiedName(key)) errs.push(invalid(path.child('key'), key, m));
  if (!opts.allowInvalidLabelValues) {
    values.forEach((v, i) => {
      for (const m of isValidLabelValue(v)) errs.push(invalid(path.child('values').index(i), v, m));
    });
  }
  return errs;
}

/** ValidateLabelSelector: matchLabels, then each of matchExpressions, in upstream's order. */
export function validateLabelSelector(sel: LabelSelector | undefined, path: Path, opts: LabelSelectorValidationOptions = {}): FieldError[] {
  if (!sel) return [];
  const errs = validateLabels(sel.matchLabels, path.child('matchLabels'));
  (sel.matchExpressions ?? []).forEach((r, i) => {
    errs.push(...validateLabelSelectorRequirement(r, path.child('matchExpressions').index(i), opts));
  });
  return errs;
}
