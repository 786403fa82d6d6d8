// Defaults, validation and printers of the rbac.authorization.k8s.io/v1 kinds
// (pkg/apis/rbac/v1/defaults.go, pkg/apis/rbac/validation, the rbac printers).
import {
  RBAC_GROUP, type ClusterRole, type ClusterRoleBinding, type PolicyRule, type Role, type RoleBinding,
  type RoleRef, type Subject,
} from './types.js';
import { ageColumn, col, nameColumn } from '../../meta/v1/columns.js';
import { validateLabelSelector } from '../../meta/v1/label-selector.js';
import type { Printer } from '../../scheme.js';
import {
  invalid, notSupported, required, root, type FieldError, type Path,
} from '../../../machinery/field-errors.js';
import { rfc3339, validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/object-meta.js';
import { nameIsDNSSubdomain, nameIsPathSegment } from '../../../machinery/validation.js';
import { age } from '../../printing.js';

type Binding = RoleBinding | ClusterRoleBinding;

function defaultSubjects(subjects: Subject[] | undefined): void {
  for (const s of subjects ?? []) {
    if (s.apiGroup === undefined || s.apiGroup === '') {
      if (s.kind === 'User' || s.kind === 'Group') s.apiGroup = RBAC_GROUP;
      else if (s.kind === 'ServiceAccount') s.apiGroup = '';
    }
  }
}

/** SetDefaults for RoleBinding and ClusterRoleBinding: roleRef.apiGroup and subjects' apiGroup. */
export function defaultBinding(b: Binding): void {
  if (b.roleRef && !b.roleRef.apiGroup) b.roleRef.apiGroup = RBAC_GROUP;
  defaultSubjects(b.subjects);
}

export function validatePolicyRule(rule: PolicyRule, namespaced: boolean, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (!rule.verbs || rule.verbs.length === 0) errs.push(required(p.child('verbs'), 'verbs must contain at least one value'));
  const urls = rule.nonResourceURLs ?? [];
  if (urls.length > 0) {
    if (namespaced) errs.push(invalid(p.child('nonResourceURLs'), urls, 'namespaced rules cannot apply to non-resource URLs'));
    if ((rule.apiGroups ?? []).length || (rule.resources ?? []).length || (rule.resourceNames ?? []).length) {
      errs.push(invalid(p.child('nonResourceURLs'), urls, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errs;
  }
  if (!rule.apiGroups || rule.apiGroups.length === 0) errs.push(required(p.child('apiGroups'), 'resource rules must supply at least one api group'));
  if (!rule.resources || rule.resources.length === 0) errs.push(required(p.child('resources'), 'resource rules must supply at least one resource'));
  return errs;
}

export function validateSubject(s: Subject, namespaced: boolean, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (!s.name) errs.push(required(p.child('name'), ''));
  const group = s.apiGroup ?? '';
  switch (s.kind) {
    case 'ServiceAccount':
      if (s.name) for (const m of nameIsDNSSubdomain(s.name, false)) errs.push(invalid(p.child('name'), s.name, m));
      if (group) errs.push(notSupported(p.child('apiGroup'), group, ['']));
      if (!namespaced && !s.namespace) errs.push(required(p.child('namespace'), ''));
      break;
    case 'User':
    case 'Group':
      if (group !== RBAC_GROUP) errs.push(notSupported(p.child('apiGroup'), group, [RBAC_GROUP]));
      break;
    default:
      errs.push(notSupported(p.child('kind'), s.kind ?? '', ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

function metaOpts(namespaced: boolean) {
  return { namespaced, nameValidator: nameIsPathSegment };
}

function roleRules(rules: PolicyRule[] | undefined, namespaced: boolean): FieldError[] {
  return (rules ?? []).flatMap((rule, i) => validatePolicyRule(rule, namespaced, root('rules').index(i)));
}

function aggregation(r: ClusterRole): FieldError[] {
  if (!r.aggregationRule) return [];
  const sels = r.aggregationRule.clusterRoleSelectors ?? [];
  const p = root('aggregationRule', 'clusterRoleSelectors');
  const errs = sels.length === 0 ? [required(p, 'at least one clusterRoleSelector required if aggregationRule is non-nil')] : [];
  sels.forEach((s, i) => errs.push(...validateLabelSelector(s, p.index(i))));
  return errs;
}

export function validateRole(r: Role): FieldError[] {
  return [...validateObjectMeta(r.metadata, metaOpts(true)), ...roleRules(r.rules, true)];
}

export function validateRoleUpdate(r: Role, old: Role): FieldError[] {
  return [...validateObjectMetaUpdate(r.metadata, old.metadata, metaOpts(true)), ...roleRules(r.rules, true)];
}

export function validateClusterRole(r: ClusterRole): FieldError[] {
  return [...validateObjectMeta(r.metadata, metaOpts(false)), ...roleRules(r.rules, false), ...aggregation(r)];
}

export function validateClusterRoleUpdate(r: ClusterRole, old: ClusterRole): FieldError[] {
  return [...validateObjectMetaUpdate(r.metadata, old.metadata, metaOpts(false)), ...roleRules(r.rules, false), ...aggregation(r)];
}

function bindingBody(b: Binding, namespaced: boolean, kinds: string[]): FieldError[] {
  const errs: FieldError[] = [];
  const ref: Partial<RoleRef> = b.roleRef ?? {};
  const rp = root('roleRef');
  if (ref.apiGroup !== RBAC_GROUP) errs.push(notSupported(rp.child('apiGroup'), ref.apiGroup ?? '', [RBAC_GROUP]));
  if (!kinds.includes(ref.kind ?? '')) errs.push(notSupported(rp.child('kind'), ref.kind ?? '', kinds));
  if (!ref.name) errs.push(required(rp.child('name'), ''));
  else for (const m of nameIsPathSegment(ref.name, false)) errs.push(invalid(rp.child('name'), ref.name, m));
  (b.subjects ?? []).forEach((s, i) => errs.push(...validateSubject(s, namespaced, root('subjects').index(i))));
  return errs;
}

/** Go's %#v of the internal RoleRef, as upstream prints it in "cannot change roleRef". */
function goRoleRef(ref: Partial<RoleRef> | undefined): string {
  const r = ref ?? {};
  return `rbac.RoleRef{APIGroup:${JSON.stringify(r.apiGroup ?? '')}, Kind:${JSON.stringify(r.kind ?? '')}, Name:${JSON.stringify(r.name ?? '')}}`;
}

function roleRefChanged(b: Binding, old: Binding): FieldError[] {
  const a = b.roleRef ?? {};
  const o = old.roleRef ?? {};
  if (a.apiGroup === o.apiGroup && a.kind === o.kind && a.name === o.name) return [];
  return [{ type: 'FieldValueInvalid', field: 'roleRef', badValue: b.roleRef, hasValue: false, detail: `${goRoleRef(b.roleRef)}: cannot change roleRef` }];
}

export function validateRoleBinding(b: RoleBinding): FieldError[] {
  return [...validateObjectMeta(b.metadata, metaOpts(true)), ...bindingBody(b, true, ['Role', 'ClusterRole'])];
}

export function validateRoleBindingUpdate(b: RoleBinding, old: RoleBinding): FieldError[] {
  return [
    ...validateObjectMetaUpdate(b.metadata, old.metadata, metaOpts(true)),
    ...bindingBody(b, true, ['Role', 'ClusterRole']),
    ...roleRefChanged(b, old),
  ];
}

export function validateClusterRoleBinding(b: ClusterRoleBinding): FieldError[] {
  return [...validateObjectMeta(b.metadata, metaOpts(false)), ...bindingBody(b, false, ['ClusterRole'])];
}

export function validateClusterRoleBindingUpdate(b: ClusterRoleBinding, old: ClusterRoleBinding): FieldError[] {
  return [
    ...validateObjectMetaUpdate(b.metadata, old.metadata, metaOpts(false)),
    ...bindingBody(b, false, ['ClusterRole']),
    ...roleRefChanged(b, old),
  ];
}

/** metav1.Time in RFC 3339, as the CREATED AT column shows it. */
function createdAt(ts: string | undefined): string {
  if (!ts) return '';
  const t = Date.parse(ts);
  return Number.isNaN(t) ? ts : rfc3339(new Date(t));
}

const createdAtColumn = col('Created At', 'When the object was created (metadata.creationTimestamp).', 'date');

export const rolePrinter: Printer<Role | ClusterRole> = {
  columns: [nameColumn, createdAtColumn],
  row: (r) => [r.metadata?.name ?? '', createdAt(r.metadata?.creationTimestamp)],
};

/** rbac.SubjectsStrings: users, groups and service accounts (namespace/name). */
export function subjectsStrings(subjects: Subject[] | undefined): { users: string[]; groups: string[]; serviceAccounts: string[] } {
  const out = { users: [] as string[], groups: [] as string[], serviceAccounts: [] as string[] };
  for (const s of subjects ?? []) {
    if (s.kind === 'User') out.users.push(s.name);
    else if (s.kind === 'Group') out.groups.push(s.name);
    else if (s.kind === 'ServiceAccount') out.serviceAccounts.push(`${s.namespace ?? ''}/${s.name}`);
  }
  return out;
}

export const bindingPrinter: Printer<Binding> = {
  columns: [
    nameColumn,
    col('Role', 'The role the binding grants.'),
    ageColumn,
    col('Users', 'Users in the binding.', 'string', 1),
    col('Groups', 'Groups in the binding.', 'string', 1),
    col('ServiceAccounts', 'ServiceAccounts in the binding.', 'string', 1),
  ],
  row: (b, now) => {
    const s = subjectsStrings(b.subjects);
    return [
      b.metadata?.name ?? '', `${b.roleRef?.kind ?? ''}/${b.roleRef?.name ?? ''}`, age(b.metadata?.creationTimestamp, now),
      s.users.join(', '), s.groups.join(', '), s.serviceAccounts.join(', '),
    ];
  },
};
