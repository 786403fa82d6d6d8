import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClusterRole, ClusterRoleBinding } from '../../api/rbac/v1/types.js';
import { reconcileBinding, reconcileRole } from './bootstrap-policy.js';
import { bootstrapClusterRoleBindings, bootstrapClusterRoles } from './policy.js';
import { CONTROLLER_PREFIX, controllerNames } from './controller-policy.js';

const role = (name: string): ClusterRole => structuredClone(bootstrapClusterRoles().find((r) => r.metadata?.name === name)!);
const binding = (name: string): ClusterRoleBinding => structuredClone(bootstrapClusterRoleBindings().find((b) => b.metadata?.name === name)!);

test('every default object is labelled rbac-defaults and annotated autoupdate=true; each controller has its role and binding', () => {
  for (const o of [...bootstrapClusterRoles(), ...bootstrapClusterRoleBindings()]) {
    assert.equal(o.metadata?.labels?.['kubernetes.io/bootstrapping'], 'rbac-defaults', o.metadata?.name);
    assert.equal(o.metadata?.annotations?.['rbac.authorization.kubernetes.io/autoupdate'], 'true', o.metadata?.name);
  }
  for (const c of ['deployment-controller', 'replicaset-controller', 'namespace-controller', 'generic-garbage-collector', 'node-controller']) {
    assert.ok(controllerNames().includes(c), c);
    assert.deepEqual(binding(CONTROLLER_PREFIX + c).subjects, [{ kind: 'ServiceAccount', name: c, namespace: 'kube-system' }]);
  }
  assert.deepEqual(binding('system:public-info-viewer').subjects?.map((s) => s.name), ['system:authenticated', 'system:unauthenticated']);
  assert.equal(binding('system:node').subjects, undefined);
});

test('an intact default role needs nothing; a trimmed one gets its missing rules back after the user\'s own', () => {
  const cur = role('system:basic-user');
  assert.equal(reconcileRole(cur, role('system:basic-user')), undefined);
  cur.rules = [{ verbs: ['get'], nonResourceURLs: ['/extra'] }];
  cur.metadata!.labels = { team: 'a' };
  const next = reconcileRole(cur, role('system:basic-user'))!;
  assert.deepEqual(next.rules, [{ verbs: ['get'], nonResourceURLs: ['/extra'] }, ...role('system:basic-user').rules!]);
  assert.deepEqual(next.metadata?.labels, { team: 'a', 'kubernetes.io/bootstrapping': 'rbac-defaults' });
});

test('aggregated roles get their selectors back, not rules; bindings get missing subjects and keep added ones', () => {
  const view = role('view');
  view.aggregationRule = { clusterRoleSelectors: [{ matchLabels: { mine: 'true' } }] };
  view.rules = [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }];
  const next = reconcileRole(view, role('view')) as ClusterRole;
  assert.deepEqual(next.aggregationRule?.clusterRoleSelectors, [
    { matchLabels: { mine: 'true' } }, { matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } },
  ]);
  assert.deepEqual(next.rules, view.rules);
  const b = binding('cluster-admin');
  b.subjects = [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' }];
  assert.deepEqual(reconcileBinding(b, binding('cluster-admin'))?.subjects?.map((s) => s.name), ['alice', 'system:masters']);
  assert.equal(reconcileBinding(binding('cluster-admin'), binding('cluster-admin')), undefined);
});
