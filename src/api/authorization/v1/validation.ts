// Validation of the access reviews (pkg/apis/authorization/validation).
import type {
  LocalSubjectAccessReview, SelfSubjectAccessReview, SelfSubjectRulesReview, SubjectAccessReview, SubjectAccessReviewSpec,
} from './types.js';
import { invalid, root, type FieldError, type Path } from '../../../machinery/field-errors.js';

function attributes(spec: { resourceAttributes?: unknown; nonResourceAttributes?: unknown }, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.resourceAttributes && spec.nonResourceAttributes) {
    errs.push(invalid(p.child('nonResourceAttributes'), spec.nonResourceAttributes, 'cannot be specified in combination with resourceAttributes'));
  }
  if (!spec.resourceAttributes && !spec.nonResourceAttributes) {
    errs.push(invalid(p.child('resourceAttributes'), null, 'exactly one of nonResourceAttributes or resourceAttributes must be specified'));
  }
  return errs;
}

function sarSpec(spec: SubjectAccessReviewSpec | undefined, p: Path): FieldError[] {
  const s = spec ?? {};
  const errs = attributes(s, p);
  if (!s.user && !(s.groups ?? []).length) errs.push(invalid(p.child('user'), s.user ?? '', 'at least one of user or group must be specified'));
  return errs;
}

export function validateSubjectAccessReview(r: SubjectAccessReview): FieldError[] {
  return sarSpec(r.spec, root('spec'));
}

export function validateSelfSubjectAccessReview(r: SelfSubjectAccessReview): FieldError[] {
  return attributes(r.spec ?? {}, root('spec'));
}

export function validateLocalSubjectAccessReview(r: LocalSubjectAccessReview): FieldError[] {
  const errs = sarSpec(r.spec, root('spec'));
  if (r.spec?.resourceAttributes && r.spec.resourceAttributes.namespace !== (r.metadata?.namespace ?? '')) {
    errs.push(invalid(root('metadata', 'namespace'), r.metadata?.namespace ?? '', 'must match spec.resourceAttributes.namespace'));
  }
  if (r.spec?.nonResourceAttributes) {
    errs.push(invalid(root('spec', 'nonResourceAttributes'), r.spec.nonResourceAttributes, 'disallowed on this kind of request'));
  }
  return errs;
}

export function validateSelfSubjectRulesReview(r: SelfSubjectRulesReview): FieldError[] {
  void r;
  return [];
}
