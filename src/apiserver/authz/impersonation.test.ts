import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuthorizationAttributes, Authorizer } from '../chain.js';
import { impersonatedUser } from './impersonation.js';

const admin = { name: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] };
const bob = { name: 'bob', groups: ['system:authenticated'] };
const seen: AuthorizationAttributes[] = [];
// masters may impersonate anyone; bob only the user jane
const z: Authorizer = {
  async authorize(a) {
    seen.push(a);
    if (a.user.groups.includes('system:masters')) return { decision: 'allow' };
    return a.resource === 'users' && a.name === 'jane' ? { decision: 'allow' } : { decision: 'noOpinion' };
  },
};

test('without Impersonate-* headers the request runs as its own user', async () => {
  assert.equal(await impersonatedUser({ accept: 'x' }, bob, z), bob);
});

test('impersonating a user adds system:authenticated; a service account gets its groups', async () => {
  assert.deepEqual(await impersonatedUser({ 'impersonate-user': 'jane' }, admin, z), { name: 'jane', groups: ['system:authenticated'] });
  seen.length = 0;
  assert.deepEqual(await impersonatedUser({ 'impersonate-user': 'system:serviceaccount:ns1:robot' }, admin, z), {
    name: 'system:serviceaccount:ns1:robot', groups: ['system:serviceaccounts', 'system:serviceaccounts:ns1', 'system:authenticated'],
  });
  assert.deepEqual([seen[0].verb, seen[0].resource, seen[0].namespace, seen[0].name], ['impersonate', 'serviceaccounts', 'ns1', 'robot']);
  assert.deepEqual(await impersonatedUser({ 'impersonate-user': 'jane', 'impersonate-group': ['dev', 'ops'], 'impersonate-extra-scopes': 'a' }, admin, z), {
    name: 'jane', groups: ['dev', 'ops', 'system:authenticated'], extra: { scopes: ['a'] },
  });
});

test('impersonating without the permission is forbidden with upstream\'s message', async () => {
  assert.deepEqual(await impersonatedUser({ 'impersonate-user': 'jane' }, bob, z), { name: 'jane', groups: ['system:authenticated'] });
  await assert.rejects(impersonatedUser({ 'impersonate-user': 'admin' }, bob, z), (e: Error & { code?: number }) => {
    assert.equal(e.code, 403);
    assert.equal(e.message, 'users "admin" is forbidden: User "bob" cannot impersonate resource "users" in API group "" at the cluster scope');
    return true;
  });
  await assert.rejects(impersonatedUser({ 'impersonate-user': 'jane', 'impersonate-group': 'system:masters' }, bob, z),
    /groups "system:masters" is forbidden: User "bob" cannot impersonate resource "groups" in API group "" at the cluster scope/);
  await assert.rejects(impersonatedUser({ 'impersonate-group': 'dev' }, admin, z), /without impersonating a user/);
});

test('a malformed percent-escape in an Impersonate-Extra key keeps the raw key (no 500)', async () => {
  assert.deepEqual(await impersonatedUser({ 'impersonate-user': 'jane', 'impersonate-extra-%zz': 'y' }, admin, z), {
    name: 'jane', groups: ['system:authenticated'], extra: { '%zz': ['y'] },
  });
  assert.deepEqual(await impersonatedUser({ 'impersonate-user': 'jane', 'impersonate-extra-a%2fb': 'y' }, admin, z), {
    name: 'jane', groups: ['system:authenticated'], extra: { 'a/b': ['y'] },
  });
});

test('an empty Impersonate-User is ignored: the request runs as its own user', async () => {
  assert.equal(await impersonatedUser({ 'impersonate-user': '' }, bob, z), bob);
  await assert.rejects(impersonatedUser({ 'impersonate-user': '', 'impersonate-group': 'dev' }, admin, z), /without impersonating a user/);
});
