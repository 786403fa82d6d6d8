import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scheme } from '../../api/index.js';
import type { KubeObject } from '../../api/meta/v1/types.js';
import type { AdmissionAttributes, UserInfo } from '../chain.js';
import { firstDecision, privilegedGroups } from './authorizer.js';
import { checkEscalation, escalationError } from './escalation.js';
import { RbacAuthorizer } from './rbac.js';
import { RbacResolver } from './resolver.js';
import { rule } from './rules.js';
import { bindingObj, fixture, PREFIXES, roleObj, U, user } from './testing.js';

async function setup() {
  const f = await fixture();
  const resolver = new RbacResolver(f.cache, PREFIXES);
  resolver.start();
  const authorizer = firstDecision([privilegedGroups('system:masters'), new RbacAuthorizer(resolver)]);
  // jane may manage roles and bindings in default and read pods there
  await f.put(roleObj('default', 'rbac-manager', [
    rule(['get', 'list', 'create', 'update'], ['rbac.authorization.k8s.io'], ['roles', 'rolebindings']),
    rule(['get', 'list'], [''], ['pods']),
  ]));
  await f.put(bindingObj('default', 'jane', 'Role', 'rbac-manager', [U('jane')]));
  await f.put(roleObj('', 'cluster-admin', [rule(['*'], ['*'], ['*']), { verbs: ['*'], nonResourceURLs: ['*'] }]));
  return { f, resolver, authorizer, async close() { resolver.stop(); await f.close(); } };
}

function write(u: UserInfo, resource: string, obj: KubeObject, operation: 'CREATE' | 'UPDATE' = 'CREATE', oldObject?: KubeObject): AdmissionAttributes {
  return {
    operation, info: scheme.byResource('rbac.authorization.k8s.io', 'v1', resource)!, subresource: '', namespace: obj.metadata?.namespace ?? '',
    name: obj.metadata?.name ?? '', object: obj, oldObject, user: u, dryRun: false, warnings: [],
  };
}

test('the escalation message lists the missing permissions, compacted and sorted, as upstream', async () => {
  const t = await setup();
  try {
    const msg = escalationError(t.resolver, user('jane'), 'default', [
      rule(['get', 'list'], [''], ['pods', 'secrets']),
      rule(['get'], ['apps'], ['deployments']),
    ]);
    assert.equal(msg, 'user "jane" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n'
      + '{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list"]}\n'
      + '{APIGroups:["apps"], Resources:["deployments"], Verbs:["get"]}');
    assert.equal(escalationError(t.resolver, user('jane'), 'default', [rule(['get'], [''], ['pods'])]), undefined);
  } finally {
    await t.close();
  }
});

test('creating a role that grants more than the author holds is forbidden; within what they hold it passes', async () => {
  const t = await setup();
  try {
    const jane = user('jane');
    const secrets = roleObj('default', 'x', [rule(['get'], [''], ['secrets'])]);
    await assert.rejects(checkEscalation(write(jane, 'roles', secrets), t), (e: Error & { code?: number }) => {
      assert.equal(e.code, 403);
      assert.equal(e.message, 'roles.rbac.authorization.k8s.io "x" is forbidden: user "jane" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["secrets"], Verbs:["get"]}');
      return true;
    });
    await checkEscalation(write(jane, 'roles', roleObj('default', 'y', [rule(['list'], [''], ['pods'])])), t);
    // in another namespace she holds nothing
    await assert.rejects(checkEscalation(write(jane, 'roles', roleObj('other', 'y', [rule(['list'], [''], ['pods'])])), t), /not currently held/);
    // system:masters may grant anything
    await checkEscalation(write(user('root', 'system:masters'), 'roles', secrets), t);
    const cr = roleObj('', 'x', [rule(['get'], [''], ['secrets'])]);
    await assert.rejects(checkEscalation(write(jane, 'clusterroles', cr), t),
      /^StatusError: clusterroles.rbac.authorization.k8s.io "x" is forbidden: user "jane" \(groups=\["system:authenticated"\]\) is attempting to grant RBAC permissions not currently held:\n\{APIGroups:\[""\], Resources:\["secrets"\], Verbs:\["get"\]\}$/);
  } finally {
    await t.close();
  }
});

test('the escalate verb lifts the check; an update touching only finalizers is not checked', async () => {
  const t = await setup();
  try {
    const jane = user('jane');
    const secrets = roleObj('default', 'x', [rule(['get'], [''], ['secrets'])]);
    const withFinalizer = { ...secrets, metadata: { ...secrets.metadata, finalizers: ['example.com/keep'] } };
    await checkEscalation(write(jane, 'roles', withFinalizer, 'UPDATE', secrets), t);
    await t.f.put(roleObj('default', 'escalator', [rule(['escalate'], ['rbac.authorization.k8s.io'], ['roles'])]));
    await t.f.put(bindingObj('default', 'jane-escalates', 'Role', 'escalator', [U('jane')]));
    await checkEscalation(write(jane, 'roles', secrets), t);
  } finally {
    await t.close();
  }
});

test('binding a role needs its permissions or the bind verb on it', async () => {
  const t = await setup();
  try {
    const jane = user('jane');
    const toAdmin = bindingObj('default', 'jane-admin', 'ClusterRole', 'cluster-admin', [U('jane')]);
    await assert.rejects(checkEscalation(write(jane, 'rolebindings', toAdmin), t), (e: Error) => {
      assert.match(e.message, /^rolebindings.rbac.authorization.k8s.io "jane-admin" is forbidden: user "jane" \(groups=\["system:authenticated"\]\) is attempting to grant RBAC permissions not currently held:\n/);
      assert.match(e.message, /\{APIGroups:\["\*"\], Resources:\["\*"\], Verbs:\["\*"\]\}/);
      return true;
    });
    // binding her own role again is fine
    await checkEscalation(write(jane, 'rolebindings', bindingObj('default', 'again', 'Role', 'rbac-manager', [U('bob')])), t);
    // a missing role cannot be bound
    await assert.rejects(checkEscalation(write(jane, 'rolebindings', bindingObj('default', 'b', 'Role', 'nope', [U('bob')])), t),
      /^StatusError: rolebindings.rbac.authorization.k8s.io "b" is forbidden: role.rbac.authorization.k8s.io "nope" not found$/);
    await t.f.put(roleObj('default', 'binder', [rule(['bind'], ['rbac.authorization.k8s.io'], ['clusterroles'], ['cluster-admin'])]));
    await t.f.put(bindingObj('default', 'jane-binds', 'Role', 'binder', [U('jane')]));
    await checkEscalation(write(jane, 'rolebindings', toAdmin), t);
  } finally {
    await t.close();
  }
});

test('an aggregationRule needs full authority, as it can gather anything', async () => {
  const t = await setup();
  try {
    await t.f.put(roleObj('', 'role-admin', [rule(['*'], ['rbac.authorization.k8s.io'], ['clusterroles'])]));
    await t.f.put(bindingObj('', 'jane-roles', 'ClusterRole', 'role-admin', [U('jane')]));
    const agg = { ...roleObj('', 'gatherer', []), aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: 'y' } }] } };
    await assert.rejects(checkEscalation(write(user('jane'), 'clusterroles', agg), { resolver: t.resolver, authorizer: { authorize: async () => ({ decision: 'noOpinion' }) } }),
      /^StatusError: clusterroles.rbac.authorization.k8s.io "gatherer" is forbidden: must have cluster-admin privileges to use the aggregationRule$/);
    await t.f.put(bindingObj('', 'jane-admin', 'ClusterRole', 'cluster-admin', [U('jane')]));
    await checkEscalation(write(user('jane'), 'clusterroles', agg), { resolver: t.resolver, authorizer: { authorize: async () => ({ decision: 'noOpinion' }) } });
  } finally {
    await t.close();
  }
});
