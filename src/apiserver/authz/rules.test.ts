import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuthorizationAttributes } from '../chain.js';
import {
  breakdownRule, compactRules, compactString, covers, nonResourceURLMatches, resourceMatches, ruleAllows, rule, urlRule,
} from './rules.js';

const jane = { name: 'jane', groups: ['system:authenticated'] };

function res(verb: string, group: string, resource: string, extra: Partial<AuthorizationAttributes> = {}): AuthorizationAttributes {
  return { user: jane, verb, isResourceRequest: true, path: '', apiGroup: group, apiVersion: 'v1', resource, subresource: '', namespace: 'default', name: '', ...extra };
}

function path(verb: string, p: string): AuthorizationAttributes {
  return { user: jane, verb, isResourceRequest: false, path: p, apiGroup: '', apiVersion: '', resource: '', subresource: '', namespace: '', name: '' };
}

test('verbs, groups and resources match exactly or by "*"', () => {
  const r = rule(['get', 'list'], [''], ['pods']);
  assert.ok(ruleAllows(res('list', '', 'pods'), r));
  assert.ok(!ruleAllows(res('watch', '', 'pods'), r));
  assert.ok(!ruleAllows(res('list', 'apps', 'pods'), r));
  assert.ok(!ruleAllows(res('list', '', 'secrets'), r));
  assert.ok(ruleAllows(res('delete', 'apps', 'deployments'), rule(['*'], ['*'], ['*'])));
});

test('a subresource needs its own rule: pods does not grant pods/log, pods/log or */log does', () => {
  const log = res('get', '', 'pods', { subresource: 'log', name: 'web' });
  assert.ok(!ruleAllows(log, rule(['get'], [''], ['pods'])));
  assert.ok(ruleAllows(log, rule(['get'], [''], ['pods/log'])));
  assert.ok(ruleAllows(log, rule(['get'], [''], ['*/log'])));
  assert.ok(!ruleAllows(log, rule(['get'], [''], ['*/status'])));
  assert.ok(resourceMatches(rule(['get'], ['*'], ['*/scale']), 'deployments/scale', 'scale'));
  assert.ok(!resourceMatches(rule(['get'], ['*'], ['*/scale']), 'deployments', ''));
  // "*" covers subresources too
  assert.ok(ruleAllows(log, rule(['get'], [''], ['*'])));
});

test('resourceNames limit a rule to the named objects; a list has no name and does not match', () => {
  const r = rule(['get', 'list'], [''], ['configmaps'], ['app-config']);
  assert.ok(ruleAllows(res('get', '', 'configmaps', { name: 'app-config' }), r));
  assert.ok(!ruleAllows(res('get', '', 'configmaps', { name: 'other' }), r));
  assert.ok(!ruleAllows(res('list', '', 'configmaps'), r));
});

test('non-resource URLs match exactly or as a prefix ending in "*"', () => {
  const r = urlRule(['get'], ['/healthz', '/apis/*']);
  assert.ok(ruleAllows(path('get', '/healthz'), r));
  assert.ok(!ruleAllows(path('get', '/healthz/etcd'), r));
  assert.ok(ruleAllows(path('get', '/apis/apps/v1'), r));
  assert.ok(!ruleAllows(path('get', '/apis'), r));
  assert.ok(!ruleAllows(path('post', '/healthz'), r));
  assert.ok(nonResourceURLMatches(urlRule(['*'], ['*']), '/anything'));
  // a resource rule never grants a path and vice versa
  assert.ok(!ruleAllows(path('get', '/api'), rule(['*'], ['*'], ['*'])));
  assert.ok(!ruleAllows(res('get', '', 'pods'), urlRule(['*'], ['*'])));
});

test('breakdown makes one rule per group, resource, verb and name', () => {
  assert.deepEqual(breakdownRule(rule(['get', 'list'], ['', 'apps'], ['pods'])), [
    { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
    { apiGroups: [''], resources: ['pods'], verbs: ['list'] },
    { apiGroups: ['apps'], resources: ['pods'], verbs: ['get'] },
    { apiGroups: ['apps'], resources: ['pods'], verbs: ['list'] },
  ]);
  assert.deepEqual(breakdownRule(urlRule(['get'], ['/a', '/b'])), [
    { nonResourceURLs: ['/a'], verbs: ['get'] },
    { nonResourceURLs: ['/b'], verbs: ['get'] },
  ]);
});

test('covers: what the owner holds against what a role grants (upstream policy comparator cases)', () => {
  const admin = [rule(['*'], ['*'], ['*'])];
  assert.ok(covers(admin, [rule(['get'], [''], ['secrets'], ['x'])]).covered);
  const reader = [rule(['get', 'list'], [''], ['pods'])];
  assert.ok(covers(reader, [rule(['get'], [''], ['pods'])]).covered);
  assert.deepEqual(covers(reader, [rule(['get', 'watch'], [''], ['pods', 'secrets'])]).missing, [
    { apiGroups: [''], resources: ['pods'], verbs: ['watch'] },
    { apiGroups: [''], resources: ['secrets'], verbs: ['get'] },
    { apiGroups: [''], resources: ['secrets'], verbs: ['watch'] },
  ]);
  // resourceNames: a named grant does not cover an unnamed one, an unnamed one covers named ones
  assert.ok(!covers([rule(['get'], [''], ['secrets'], ['a'])], [rule(['get'], [''], ['secrets'])]).covered);
  assert.ok(covers([rule(['get'], [''], ['secrets'])], [rule(['get'], [''], ['secrets'], ['a'])]).covered);
  // */subresource covers any resource's subresource; pods does not cover pods/log
  assert.ok(covers([rule(['get'], [''], ['*/log'])], [rule(['get'], [''], ['pods/log'])]).covered);
  assert.ok(!covers([rule(['get'], [''], ['pods'])], [rule(['get'], [''], ['pods/log'])]).covered);
  // URLs with a trailing star
  assert.ok(covers([urlRule(['get'], ['/apis/*'])], [urlRule(['get'], ['/apis/apps'])]).covered);
  assert.ok(!covers([urlRule(['get'], ['/apis/apps'])], [urlRule(['get'], ['/apis/*'])]).covered);
});

test('missing rules are compacted by merging verbs and printed as CompactString', () => {
  const { missing } = covers([], [rule(['get', 'list'], [''], ['secrets']), urlRule(['get'], ['/metrics'])]);
  const compact = compactRules(missing);
  assert.deepEqual(compact.map(compactString).sort(), [
    '{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list"]}',
    '{NonResourceURLs:["/metrics"], Verbs:["get"]}',
  ]);
  assert.equal(compactString(rule(['get'], [''], ['configmaps'], ['a'])), '{APIGroups:[""], Resources:["configmaps"], ResourceNames:["a"], Verbs:["get"]}');
});
