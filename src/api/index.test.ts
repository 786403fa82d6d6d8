import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupVersions, preferredVersion, scheme, servedGroupVersions, subresourceKinds } from './index.js';
import { defNameOf } from './schema.js';

test('groups come in upstream discovery order, core first', () => {
  const groups = [...new Set(groupVersions.map((gv) => gv.group))];
  assert.deepEqual(groups, [
    '', 'apps', 'events.k8s.io', 'authentication.k8s.io', 'authorization.k8s.io', 'autoscaling', 'batch',
    'networking.k8s.io', 'policy', 'rbac.authorization.k8s.io', 'storage.k8s.io', 'scheduling.k8s.io',
    'coordination.k8s.io', 'discovery.k8s.io',
  ]);
  assert.equal(servedGroupVersions()[0], 'v1');
});

test('preferred versions: autoscaling prefers v2', () => {
  assert.equal(preferredVersion(''), 'v1');
  assert.equal(preferredVersion('autoscaling'), 'v2');
  assert.equal(preferredVersion('rbac.authorization.k8s.io'), 'v1');
  assert.equal(preferredVersion('example.com'), undefined);
});

test('every registered kind is consistent', () => {
  for (const r of scheme.all()) {
    const where = `${r.group}/${r.version} ${r.kind}`;
    assert.equal(scheme.byResource(r.group, r.version, r.resource), r, where);
    assert.ok(defNameOf(r.schema)?.endsWith(`.${r.kind}`), where);
    assert.match(r.resource, /^[a-z]+$/, where);
    assert.equal(r.singular, r.kind.toLowerCase(), where);
    if (r.virtual && /Review$/.test(r.kind)) assert.deepEqual(r.verbs, ['create'], where);
  }
  const short = (res: string, group = '') => scheme.all().find((r) => r.resource === res && r.group === group)?.shortNames;
  assert.deepEqual(short('ingresses', 'networking.k8s.io'), ['ing']);
  assert.deepEqual(short('networkpolicies', 'networking.k8s.io'), ['netpol']);
  assert.deepEqual(short('priorityclasses', 'scheduling.k8s.io'), ['pc']);
  assert.deepEqual(short('storageclasses', 'storage.k8s.io'), ['sc']);
});

test('TokenRequest and Eviction are the bodies of serviceaccounts/token and pods/eviction', () => {
  assert.deepEqual(subresourceKinds.map((k) => `${k.resource}/${k.subresource} ${defNameOf(k.schema)}`),
    ['serviceaccounts/token io.k8s.api.authentication.v1.TokenRequest', 'pods/eviction io.k8s.api.policy.v1.Eviction']);
});
