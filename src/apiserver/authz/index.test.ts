import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClusterRole } from '../../api/rbac/v1/types.js';
import { startTestServer } from '../testing.js';
import { ClusterAuthorization } from './index.js';
import { user } from './testing.js';

const RBAC = '/apis/rbac.authorization.k8s.io/v1';

test('start writes the default policy, aggregates view/edit/admin and answers the access reviews', async () => {
  const t = await startTestServer();
  const authz = new ClusterAuthorization();
  try {
    const res = await authz.start(t.server);
    assert.deepEqual(res.skipped, []);
    assert.ok(res.created.includes('clusterroles/cluster-admin'));
    assert.ok(res.created.includes('clusterrolebindings/system:controller:deployment-controller'));
    assert.ok(res.created.includes('roles/kube-system/system:controller:token-cleaner'));

    const view = (await t.request('GET', `${RBAC}/clusterroles/view`)).json<ClusterRole>();
    assert.equal(view.metadata?.annotations?.['rbac.authorization.kubernetes.io/autoupdate'], 'true');
    assert.ok(view.rules?.some((r) => r.resources?.includes('pods') && r.verbs.includes('list')));
    const admin = (await t.request('GET', `${RBAC}/clusterroles/admin`)).json<ClusterRole>();
    assert.ok(admin.rules?.some((r) => r.resources?.includes('rolebindings') && r.verbs.includes('create')));
    assert.ok(admin.rules?.some((r) => r.resources?.includes('secrets') && r.verbs.includes('get')));
    const crb = (await t.request('GET', `${RBAC}/clusterrolebindings/cluster-admin`)).json<{ subjects: unknown[] }>();
    assert.deepEqual(crb.subjects, [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:masters' }]);

    const sar = (spec: unknown) => t.request('POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', {
      body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec },
    });
    const listPods = { user: 'jane', groups: ['system:authenticated'], resourceAttributes: { verb: 'list', resource: 'pods', namespace: 'default' } };
    let r = await sar(listPods);
    assert.equal(r.status, 201);
    assert.deepEqual(r.json().status, { allowed: false });
    const created = await t.request('POST', `${RBAC}/namespaces/default/rolebindings`, {
      body: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'jane-view' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'User', name: 'jane' }] },
    });
    assert.equal(created.status, 201, created.text);
    r = await sar(listPods);
    assert.deepEqual(r.json().status, { allowed: true, reason: 'RBAC: allowed by RoleBinding "jane-view/default" of ClusterRole "view" to User "jane"' });
    r = await sar({ user: 'jane', groups: ['system:authenticated'], nonResourceAttributes: { verb: 'get', path: '/version' } });
    assert.deepEqual(r.json().status, { allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" to Group "system:authenticated"' });
    r = await sar({ resourceAttributes: { verb: 'list', resource: 'pods' } });
    assert.equal(r.status, 422);
    assert.equal(r.json().message, 'SubjectAccessReview.authorization.k8s.io "" is invalid: spec.user: Invalid value: "": at least one of user or group must be specified');

    // the admin (system:masters) asks about itself
    r = await t.request('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
      body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { verb: 'delete', resource: 'nodes' } } },
    });
    assert.equal(r.json<{ status: { allowed: boolean } }>().status.allowed, true);
    r = await t.request('POST', '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', {
      body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: 'default' } },
    });
    const rules = r.json<{ status: { resourceRules: { verbs: string[]; resources?: string[] }[]; incomplete: boolean } }>().status;
    assert.equal(rules.incomplete, false);
    assert.ok(rules.resourceRules.some((x) => x.verbs[0] === '*' && x.resources?.[0] === '*'));
    r = await t.request('POST', '/apis/authorization.k8s.io/v1/namespaces/default/localsubjectaccessreviews', {
      body: { apiVersion: 'authorization.k8s.io/v1', kind: 'LocalSubjectAccessReview', metadata: { namespace: 'other' },
        spec: { user: 'jane', resourceAttributes: { verb: 'get', resource: 'pods', namespace: 'default' } } },
    });
    assert.equal(r.status, 400);
    assert.equal(r.json().message, 'spec.resourceAttributes.namespace must match namespace: default');

    // the authorizer itself agrees
    const d = await authz.authorizer.authorize({ user: user('jane'), verb: 'get', isResourceRequest: true, path: '', apiGroup: '', apiVersion: 'v1', resource: 'secrets', subresource: '', namespace: 'default', name: 'x' });
    assert.equal(d.decision, 'noOpinion');
  } finally {
    await authz.stop();
    await t.close();
  }
});

test('a restart restores what a default role lost, keeps what a user added, and leaves autoupdate=false roles alone', async () => {
  const t = await startTestServer();
  let authz = new ClusterAuthorization();
  try {
    await authz.start(t.server);
    await authz.stop();
    const patch = (name: string, body: unknown) => t.request('PATCH', `${RBAC}/clusterroles/${name}`, { body, contentType: 'application/merge-patch+json' });
    assert.equal((await patch('system:basic-user', { metadata: { labels: { mine: 'yes' } }, rules: [{ verbs: ['get'], nonResourceURLs: ['/mine'] }] })).status, 200);
    assert.equal((await patch('system:discovery', { metadata: { annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'false' } }, rules: [] })).status, 200);
    authz = new ClusterAuthorization();
    const res = await authz.start(t.server);
    assert.ok(res.updated.includes('clusterroles/system:basic-user'));
    const basic = (await t.request('GET', `${RBAC}/clusterroles/system:basic-user`)).json<ClusterRole>();
    assert.equal(basic.metadata?.labels?.mine, 'yes');
    assert.deepEqual(basic.rules, [
      { verbs: ['get'], nonResourceURLs: ['/mine'] },
      { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] },
      { verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'] },
    ]);
    const disco = (await t.request('GET', `${RBAC}/clusterroles/system:discovery`)).json<ClusterRole>();
    assert.deepEqual(disco.rules ?? [], []);
  } finally {
    await authz.stop();
    await t.close();
  }
});
