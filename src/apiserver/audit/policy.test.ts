import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluatePolicy, parsePolicy, PolicyError, ruleMatches, type PolicyAttributes } from './policy.js';

const jane = { name: 'jane', groups: ['dev', 'system:authenticated'] };

function attrs(a: Partial<PolicyAttributes>): PolicyAttributes {
  return {
    user: jane, verb: 'get', isResourceRequest: true, path: '/api/v1/namespaces/default/pods/web', apiGroup: '',
    namespace: 'default', resource: 'pods', subresource: '', name: 'web', ...a,
  };
}

// upstream's example policy from the auditing docs, abridged
const EXAMPLE = `
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages:
  - "RequestReceived"
rules:
  - level: RequestResponse
    resources:
    - group: ""
      resources: ["pods"]
  - level: Metadata
    resources:
    - group: ""
      resources: ["pods/log", "pods/status"]
  - level: None
    resources:
    - group: ""
      resources: ["configmaps"]
      resourceNames: ["controller-leader"]
  - level: None
    users: ["system:kube-proxy"]
    verbs: ["watch"]
    resources:
    - group: ""
      resources: ["endpoints", "services"]
  - level: None
    userGroups: ["system:authenticated"]
    nonResourceURLs:
    - "/api*"
    - "/version"
  - level: Request
    resources:
    - group: ""
      resources: ["configmaps"]
    namespaces: ["kube-system"]
  - level: Metadata
    resources:
    - group: ""
      resources: ["secrets", "configmaps"]
  - level: Request
    resources:
    - group: ""
    - group: "extensions"
  - level: Metadata
    omitStages:
      - "RequestReceived"
`;

test('upstream example policy: first matching rule decides', () => {
  const p = parsePolicy(EXAMPLE);
  assert.equal(p.rules.length, 9);
  const lv = (a: Partial<PolicyAttributes>) => evaluatePolicy(p, attrs(a)).level;
  assert.equal(lv({}), 'RequestResponse');
  assert.equal(lv({ subresource: 'log' }), 'Metadata');
  assert.equal(lv({ resource: 'configmaps', name: 'controller-leader' }), 'None');
  assert.equal(lv({ resource: 'configmaps', name: 'other', namespace: 'kube-system' }), 'Request');
  assert.equal(lv({ resource: 'configmaps', name: 'other' }), 'Metadata');
  assert.equal(lv({ resource: 'endpoints', verb: 'watch', user: { name: 'system:kube-proxy', groups: [] } }), 'None');
  assert.equal(lv({ resource: 'endpoints', verb: 'list', user: { name: 'system:kube-proxy', groups: [] } }), 'Request');
  assert.equal(lv({ isResourceRequest: false, path: '/apis/apps/v1', resource: '', verb: 'get' }), 'None');
  assert.equal(lv({ isResourceRequest: false, path: '/version', resource: '' }), 'None');
  assert.equal(lv({ isResourceRequest: false, path: '/metrics', resource: '' }), 'Metadata');
  assert.equal(lv({ apiGroup: 'apps', resource: 'deployments' }), 'Metadata');
  assert.deepEqual(evaluatePolicy(p, attrs({ apiGroup: 'apps', resource: 'deployments' })).omitStages, ['RequestReceived']);
});

test('no matching rule means None', () => {
  const p = parsePolicy('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  users: [bob]\n');
  assert.equal(evaluatePolicy(p, attrs({})).level, 'None');
  assert.equal(evaluatePolicy(p, attrs({ user: { name: 'bob', groups: [] } })).level, 'Metadata');
  assert.equal(evaluatePolicy(p, attrs({ user: undefined })).level, 'None');
});

test('resource wildcards: *, */subresource, resource/*', () => {
  const rule = (resources: string[]) => ({ level: 'Metadata' as const, resources: [{ group: '', resources }] });
  assert.ok(ruleMatches(rule(['*']), attrs({ subresource: 'status' })));
  assert.ok(ruleMatches(rule(['*/status']), attrs({ subresource: 'status' })));
  assert.ok(!ruleMatches(rule(['*/status']), attrs({})));
  assert.ok(ruleMatches(rule(['pods/*']), attrs({ subresource: 'exec' })));
  assert.ok(ruleMatches(rule(['pods/*']), attrs({})));
  assert.ok(!ruleMatches(rule(['pods']), attrs({ subresource: 'exec' })));
  assert.ok(ruleMatches(rule(['pods/exec']), attrs({ subresource: 'exec' })));
  assert.ok(!ruleMatches(rule(['pods']), attrs({ apiGroup: 'apps' })));
  // a group with no resources matches every resource of the group
  assert.ok(ruleMatches({ level: 'Metadata', resources: [{ group: 'apps' }] }, attrs({ apiGroup: 'apps', resource: 'deployments' })));
});

test('namespaces "" matches cluster-scoped resources; resource rules never match non-resource URLs', () => {
  const r = { level: 'Metadata' as const, namespaces: [''] };
  assert.ok(ruleMatches(r, attrs({ namespace: '', resource: 'nodes' })));
  assert.ok(!ruleMatches(r, attrs({})));
  assert.ok(!ruleMatches({ level: 'Metadata', resources: [{ group: '' }] }, attrs({ isResourceRequest: false, path: '/api' })));
  assert.ok(!ruleMatches({ level: 'Metadata', nonResourceURLs: ['*'] }, attrs({})));
  assert.ok(ruleMatches({ level: 'Metadata', nonResourceURLs: ['/healthz*'] }, attrs({ isResourceRequest: false, path: '/healthz/etcd' })));
  assert.ok(!ruleMatches({ level: 'Metadata', nonResourceURLs: ['/healthz'] }, attrs({ isResourceRequest: false, path: '/healthz/etcd' })));
});

test('userGroups matches any of the user groups; verbs must match', () => {
  assert.ok(ruleMatches({ level: 'Metadata', userGroups: ['x', 'dev'] }, attrs({})));
  assert.ok(!ruleMatches({ level: 'Metadata', userGroups: ['x'] }, attrs({})));
  assert.ok(!ruleMatches({ level: 'Metadata', verbs: ['create'] }, attrs({})));
});

test('policy and rule omitStages add up', () => {
  const p = parsePolicy('apiVersion: audit.k8s.io/v1\nkind: Policy\nomitStages: [RequestReceived]\nrules:\n- level: Request\n  omitStages: [ResponseStarted]\n');
  assert.deepEqual(evaluatePolicy(p, attrs({})).omitStages, ['RequestReceived', 'ResponseStarted']);
});

test('bad policies are refused with the field at fault', () => {
  assert.throws(() => parsePolicy('apiVersion: audit.k8s.io/v1beta1\nkind: Policy\nrules: []\n'), PolicyError);
  assert.throws(() => parsePolicy('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Everything\n'), /rules\[0\]\.level: Unsupported value: "Everything"/);
  assert.throws(() => parsePolicy('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- users: [a]\n'), /rules\[0\]\.level: Required value/);
  assert.throws(() => parsePolicy('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  omitStages: [Later]\n'), /omitStages\[0\]: Unsupported value: "Later"/);
  assert.throws(() => parsePolicy('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  nonResourceURLs: [/x]\n  resources: [{group: ""}]\n'), /both/);
  assert.throws(() => parsePolicy('apiVersion: audit.k8s.io/v1\nkind: Policy\n'), /rules: Required value/);
});
