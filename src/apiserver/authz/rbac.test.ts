import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuthorizationAttributes, UserInfo } from '../chain.js';
import { forbiddenError } from './authorizer.js';
import { forbiddenMessage, RbacAuthorizer } from './rbac.js';
import { RbacResolver } from './resolver.js';
import { rule, urlRule } from './rules.js';
import { bindingObj, fixture, G, PREFIXES, roleObj, SA, U, user } from './testing.js';

function attrs(u: UserInfo, verb: string, resource: string, namespace: string, extra: Partial<AuthorizationAttributes> = {}): AuthorizationAttributes {
  return { user: u, verb, isResourceRequest: true, path: '', apiGroup: '', apiVersion: 'v1', resource, subresource: '', namespace, name: '', ...extra };
}

async function setup() {
  const f = await fixture();
  const resolver = new RbacResolver(f.cache, PREFIXES);
  resolver.start();
  const rbac = new RbacAuthorizer(resolver);
  return { f, resolver, rbac, async close() { resolver.stop(); await f.close(); } };
}

test('the forbidden message names the user, verb, resource, group and scope as upstream', () => {
  const jane = user('jane');
  assert.equal(forbiddenMessage(attrs(jane, 'list', 'pods', 'default')),
    'User "jane" cannot list resource "pods" in API group "" in the namespace "default"');
  assert.equal(forbiddenMessage(attrs(jane, 'list', 'nodes', '')), 'User "jane" cannot list resource "nodes" in API group "" at the cluster scope');
  assert.equal(forbiddenMessage(attrs(jane, 'get', 'pods', 'default', { subresource: 'log', name: 'web' })),
    'User "jane" cannot get resource "pods/log" in API group "" in the namespace "default"');
  assert.equal(forbiddenError(attrs(jane, 'list', 'pods', 'default'), '').message,
    'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"');
  assert.equal(forbiddenError(attrs(jane, 'get', 'deployments', 'ns', { apiGroup: 'apps', name: 'web' }), '').message,
    'deployments.apps "web" is forbidden: User "jane" cannot get resource "deployments" in API group "apps" in the namespace "ns"');
  const p: AuthorizationAttributes = { ...attrs(jane, 'get', '', ''), isResourceRequest: false, path: '/metrics' };
  assert.equal(forbiddenError(p, '').message, 'forbidden: User "jane" cannot get path "/metrics"');
  assert.equal(forbiddenError(attrs(jane, 'list', 'pods', 'default'), 'RBAC: role.rbac.authorization.k8s.io "gone" not found').message,
    'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default": RBAC: role.rbac.authorization.k8s.io "gone" not found');
});

test('a user without bindings has no permissions and no reason', async () => {
  const t = await setup();
  try {
    assert.deepEqual(await t.rbac.authorize(attrs(user('jane'), 'list', 'pods', 'default')), { decision: 'noOpinion', reason: '' });
  } finally {
    await t.close();
  }
});

test('a RoleBinding grants its Role in its namespace only; deleting it takes the access away', async () => {
  const t = await setup();
  try {
    const jane = user('jane');
    await t.f.put(roleObj('default', 'pod-reader', [rule(['get', 'list'], [''], ['pods'])]));
    const rb = bindingObj('default', 'jane-reads', 'Role', 'pod-reader', [U('jane')]);
    await t.f.put(rb);
    assert.deepEqual(await t.rbac.authorize(attrs(jane, 'list', 'pods', 'default')), {
      decision: 'allow', reason: 'RBAC: allowed by RoleBinding "jane-reads/default" of Role "pod-reader" to User "jane"',
    });
    assert.equal((await t.rbac.authorize(attrs(jane, 'list', 'pods', 'other'))).decision, 'noOpinion');
    assert.equal((await t.rbac.authorize(attrs(jane, 'list', 'pods', ''))).decision, 'noOpinion');
    assert.equal((await t.rbac.authorize(attrs(jane, 'list', 'secrets', 'default'))).decision, 'noOpinion');
    assert.equal((await t.rbac.authorize(attrs(jane, 'delete', 'pods', 'default'))).decision, 'noOpinion');
    assert.equal((await t.rbac.authorize(attrs(user('bob'), 'list', 'pods', 'default'))).decision, 'noOpinion');
    await t.f.del(rb);
    assert.equal((await t.rbac.authorize(attrs(jane, 'list', 'pods', 'default'))).decision, 'noOpinion');
  } finally {
    await t.close();
  }
});

test('ClusterRoleBindings to groups and service accounts apply everywhere; a RoleBinding may grant a ClusterRole in one namespace', async () => {
  const t = await setup();
  try {
    await t.f.put(roleObj('', 'secret-reader', [rule(['get'], [''], ['secrets'])]));
    await t.f.put(roleObj('', 'metrics', [urlRule(['get'], ['/metrics'])]));
    await t.f.put(bindingObj('', 'ops-secrets', 'ClusterRole', 'secret-reader', [G('ops')]));
    await t.f.put(bindingObj('', 'robot-metrics', 'ClusterRole', 'metrics', [SA('kube-system', 'robot')]));
    await t.f.put(bindingObj('dev', 'sa-secrets', 'ClusterRole', 'secret-reader', [{ kind: 'ServiceAccount', name: 'builder' }]));
    const ops = user('amy', 'ops');
    const d = await t.rbac.authorize(attrs(ops, 'get', 'secrets', 'any', { name: 's' }));
    assert.deepEqual(d, { decision: 'allow', reason: 'RBAC: allowed by ClusterRoleBinding "ops-secrets" of ClusterRole "secret-reader" to Group "ops"' });
    const robot: UserInfo = { name: 'system:serviceaccount:kube-system:robot', groups: ['system:serviceaccounts', 'system:authenticated'] };
    const metrics: AuthorizationAttributes = { ...attrs(robot, 'get', '', ''), isResourceRequest: false, path: '/metrics' };
    assert.equal((await t.rbac.authorize(metrics)).reason, 'RBAC: allowed by ClusterRoleBinding "robot-metrics" of ClusterRole "metrics" to ServiceAccount "robot/kube-system"');
    // a ServiceAccount subject without a namespace in a RoleBinding means the binding's namespace
    const builder: UserInfo = { name: 'system:serviceaccount:dev:builder', groups: ['system:authenticated'] };
    assert.equal((await t.rbac.authorize(attrs(builder, 'get', 'secrets', 'dev'))).reason,
      'RBAC: allowed by RoleBinding "sa-secrets/dev" of ClusterRole "secret-reader" to ServiceAccount "builder/dev"');
    assert.equal((await t.rbac.authorize(attrs(builder, 'get', 'secrets', 'prod'))).decision, 'noOpinion');
  } finally {
    await t.close();
  }
});

test('a binding to a missing role is a resolution error in the reason', async () => {
  const t = await setup();
  try {
    await t.f.put(bindingObj('default', 'b1', 'Role', 'gone', [U('jane')]));
    await t.f.put(bindingObj('', 'b2', 'ClusterRole', 'vanished', [U('jane')]));
    assert.deepEqual(await t.rbac.authorize(attrs(user('jane'), 'list', 'pods', 'default')), {
      decision: 'noOpinion',
      reason: 'RBAC: [clusterrole.rbac.authorization.k8s.io "vanished" not found, role.rbac.authorization.k8s.io "gone" not found]',
    });
    assert.deepEqual(await t.rbac.authorize(attrs(user('jane'), 'list', 'pods', 'x')), {
      decision: 'noOpinion', reason: 'RBAC: clusterrole.rbac.authorization.k8s.io "vanished" not found',
    });
  } finally {
    await t.close();
  }
});

test('rulesFor lists resource and non-resource rules of every binding that applies', async () => {
  const t = await setup();
  try {
    await t.f.put(roleObj('default', 'pod-reader', [rule(['get', 'list'], [''], ['pods'], ['a'])]));
    await t.f.put(roleObj('', 'disco', [urlRule(['get'], ['/api', '/api/*'])]));
    await t.f.put(bindingObj('default', 'r', 'Role', 'pod-reader', [U('jane')]));
    await t.f.put(bindingObj('', 'd', 'ClusterRole', 'disco', [G('system:authenticated')]));
    assert.deepEqual(t.rbac.rulesFor(user('jane'), 'default'), {
      resourceRules: [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'], resourceNames: ['a'] }],
      nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/api', '/api/*'] }],
      incomplete: false,
    });
    assert.deepEqual(t.rbac.rulesFor(user('jane'), 'other').resourceRules, []);
  } finally {
    await t.close();
  }
});

test('a refusal first waits for the cache to catch up (freshen), then decides again', async () => {
  const f = await fixture();
  const resolver = new RbacResolver(f.cache, PREFIXES);
  resolver.start();
  let added = false;
  const rbac = new RbacAuthorizer(resolver, {
    freshen: async () => {
      if (added) return;
      added = true;
      await f.put(roleObj('', 'all', [rule(['*'], ['*'], ['*'])]));
      await f.put(bindingObj('', 'late', 'ClusterRole', 'all', [U('jane')]));
    },
  });
  try {
    assert.equal((await rbac.authorize(attrs(user('jane'), 'list', 'pods', 'default'))).decision, 'allow');
  } finally {
    resolver.stop();
    await f.close();
  }
});
