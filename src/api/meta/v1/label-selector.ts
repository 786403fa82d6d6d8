// LabelSelector helpers that the API types need without the selector engine:
// upstream's ValidateLabelSelector (metav1 validation) and FormatLabelSelector (printers).
import type { LabelSelector } from './types.js';
import { forbidden, invalid, required, type FieldError, type Path } from '../../../machinery/field-errors.js';
import { validateLabels } from '../../../machinery/object-meta.js';
import { isQualifiedName } from '../../../machinery/validation.js';

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** ValidateLabelSelector: requirement keys, operators and values, and matchLabels. */
export function validateLabelSelector(sel: LabelSelector | undefined, path: Path): FieldError[] {
  if (!sel) return [];
  const errs: FieldError[] = [];
  (sel.matchExpressions ?? []).forEach((r, i) => {
    const p = path.child('matchExpressions').index(i);
    const values = r.values ?? [];
    if (r.operator === 'In' || r.operator === 'NotIn') {
      if (values.length === 0) errs.push(required(p.child('values'), 'must be specified when `operator` is \'In\' or \'NotIn\''));
    } else if (r.operator === 'Exists' || r.operator === 'DoesNotExist') {
      if (values.length > 0) errs.push(forbidden(p.child('values'), 'may not be specified when `operator` is \'Exists\' or \'DoesNotExist\''));
    } else if (!OPERATORS.includes(r.operator)) {
      errs.push(invalid(p.child('operator'), r.operator, 'not a valid selector operator'));
    }
    for (const m of isQualifiedName(r.key ?? '')) errs.push(invalid(p.child('key'), r.key, m));
  });
  errs.push(...validateLabels(sel.matchLabels, path.child('matchLabels')));
  return errs;
}

/** FormatLabelSelector: "app=web,tier in (a,b)", "<none>" when empty. */
export function formatLabelSelector(sel: LabelSelector | undefined): string {
  if (!sel) return '<none>';
  const parts: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) parts.push({ key: k, text: `${k}=${v}` });
  for (const r of sel.matchExpressions ?? []) {
    const values = [...(r.values ?? [])].sort().join(',');
    const text = r.operator === 'In' ? `${r.key} in (${values})`
      : r.operator === 'NotIn' ? `${r.key} notin (${values})`
        : r.operator === 'Exists' ? r.key
          : r.operator === 'DoesNotExist' ? `!${r.key}` : '<error>';
    if (text === '<error>') return '<error>';
    parts.push({ key: r.key, text });
  }
  parts.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const s = parts.map((p) => p.text).join(',');
  return s || '<none>';
}
