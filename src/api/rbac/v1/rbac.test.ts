import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bindingPrinter, defaultBinding, rolePrinter, validateClusterRole, validateClusterRoleBinding, validateRole,
  validateRoleBinding, validateRoleBindingUpdate,
} from './rbac.js';
import type { RoleBinding } from './types.js';
import { errorString } from '../../../machinery/field-errors.js';

const binding = (): RoleBinding => ({
  metadata: { name: 'read-pods', namespace: 'default', creationTimestamp: '2024-01-01T00:00:00Z' },
  subjects: [
    { kind: 'User', name: 'jane' },
    { kind: 'Group', name: 'devs' },
    { kind: 'ServiceAccount', name: 'builder', namespace: 'ci' },
  ],
  roleRef: { kind: 'Role', name: 'pod-reader', apiGroup: '' },
});

test('defaults: roleRef and subject API groups', () => {
  const b = binding();
  defaultBinding(b);
  assert.equal(b.roleRef.apiGroup, 'rbac.authorization.k8s.io');
  assert.deepEqual(b.subjects!.map((s) => s.apiGroup), ['rbac.authorization.k8s.io', 'rbac.authorization.k8s.io', '']);
  assert.deepEqual(validateRoleBinding(b), []);
});

test('names are path segments', () => {
  const errs = validateRole({ metadata: { name: 'a/b', namespace: 'default' } }).map(errorString);
  assert.deepEqual(errs, ["metadata.name: Invalid value: \"a/b\": may not contain '/'"]);
  assert.deepEqual(validateClusterRole({ metadata: { name: 'system:controller:x' } }), []);
});

test('policy rules', () => {
  const errs = validateRole({
    metadata: { name: 'r', namespace: 'default' },
    rules: [{ verbs: [] }, { verbs: ['get'], nonResourceURLs: ['/healthz'] }],
  }).map(errorString);
  assert.deepEqual(errs, [
    'rules[0].verbs: Required value: verbs must contain at least one value',
    'rules[0].apiGroups: Required value: resource rules must supply at least one api group',
    'rules[0].resources: Required value: resource rules must supply at least one resource',
    'rules[1].nonResourceURLs: Invalid value: ["/healthz"]: namespaced rules cannot apply to non-resource URLs',
  ]);
  assert.deepEqual(validateClusterRole({ metadata: { name: 'agg' }, aggregationRule: {} }).map(errorString),
    ['aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil']);
});

test('subjects and roleRef', () => {
  const errs = validateClusterRoleBinding({
    metadata: { name: 'crb' },
    subjects: [{ kind: 'ServiceAccount', name: 'sa' }, { kind: 'Robot', name: 'r' }, { kind: 'User', name: 'u', apiGroup: '' }],
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'x' },
  }).map(errorString);
  assert.deepEqual(errs, [
    'roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
    'subjects[0].namespace: Required value',
    'subjects[1].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"',
    'subjects[2].apiGroup: Unsupported value: "": supported values: "rbac.authorization.k8s.io"',
  ]);
});

test('roleRef cannot change on update', () => {
  const old = binding();
  defaultBinding(old);
  const b = binding();
  defaultBinding(b);
  b.roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' };
  assert.deepEqual(validateRoleBindingUpdate(b, old).map(errorString), [
    'roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef',
  ]);
});

test('printers: roles NAME CREATED AT; bindings NAME ROLE AGE USERS GROUPS SERVICEACCOUNTS', () => {
  assert.deepEqual(rolePrinter.columns.map((c) => c.name), ['Name', 'Created At']);
  assert.deepEqual(rolePrinter.row({ metadata: { name: 'admin', creationTimestamp: '2024-01-02T03:04:05Z' } }, new Date()), ['admin', '2024-01-02T03:04:05Z']);
  assert.deepEqual(bindingPrinter.columns.map((c) => [c.name, c.priority]),
    [['Name', 0], ['Role', 0], ['Age', 0], ['Users', 1], ['Groups', 1], ['ServiceAccounts', 1]]);
  assert.deepEqual(bindingPrinter.row(binding(), new Date('2024-01-03T00:00:00Z')), ['read-pods', 'Role/pod-reader', '2d', 'jane', 'devs', 'ci/builder']);
});
