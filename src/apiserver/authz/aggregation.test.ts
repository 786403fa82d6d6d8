import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClusterRole, PolicyRule } from '../../api/rbac/v1/types.js';
import { aggregatedRules, ClusterRoleAggregator } from './aggregation.js';
import { bootstrapClusterRoles } from './policy.js';
import { rule } from './rules.js';

function cr(name: string, labels: Record<string, string>, rules: PolicyRule[], selectLabel?: string): ClusterRole {
  const r: ClusterRole = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name, labels }, rules };
  if (selectLabel) r.aggregationRule = { clusterRoleSelectors: [{ matchLabels: { [selectLabel]: 'true' } }] };
  return r;
}

test('an aggregated role holds the rules of the matching roles in name order, without duplicates or itself', () => {
  const get = rule(['get'], [''], ['pods']);
  const list = rule(['list'], [''], ['pods']);
  const all = [
    cr('monitoring', { 'agg/monitoring': 'true' }, [], 'agg/monitoring'),
    cr('z-extra', { 'agg/monitoring': 'true' }, [list, get]),
    cr('a-base', { 'agg/monitoring': 'true' }, [get]),
    cr('unrelated', { other: 'true' }, [rule(['*'], ['*'], ['*'])]),
  ];
  assert.deepEqual(aggregatedRules(all[0], all), [get, list]);
});

test('the aggregator keeps view ⊂ edit ⊂ admin up to date as roles come and change', async () => {
  const roles = new Map<string, ClusterRole>(bootstrapClusterRoles().map((r) => [r.metadata!.name!, structuredClone(r)]));
  const writes: string[] = [];
  const agg = new ClusterRoleAggregator(
    { list: () => [...roles.values()], get: (n) => roles.get(n) },
    async (name, rules) => {
      writes.push(name);
      roles.set(name, { ...roles.get(name)!, rules });
      agg.trigger(); // the watch would report the write
    },
  );
  agg.trigger();
  await agg.idle();
  const has = (role: string, verb: string, resource: string): boolean =>
    (roles.get(role)!.rules ?? []).some((r) => r.verbs.includes(verb) && (r.resources ?? []).includes(resource));
  assert.ok(has('view', 'list', 'pods'));
  assert.ok(!has('view', 'get', 'secrets'));
  assert.ok(has('edit', 'list', 'pods') && has('edit', 'create', 'pods') && has('edit', 'get', 'secrets'));
  assert.ok(has('admin', 'create', 'rolebindings') && has('admin', 'list', 'pods') && has('admin', 'delete', 'deployments'));
  assert.ok(!has('edit', 'create', 'rolebindings'));
  // a new role labelled for view shows up in view, edit and admin
  writes.length = 0;
  roles.set('crd-viewer', cr('crd-viewer', { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' }, [rule(['get'], ['example.com'], ['widgets'])]));
  agg.trigger();
  await agg.idle();
  for (const r of ['view', 'edit', 'admin']) assert.ok(has(r, 'get', 'widgets'), r);
  assert.deepEqual([...new Set(writes)].sort(), ['admin', 'edit', 'view']);
  // and leaves when it is removed
  roles.delete('crd-viewer');
  agg.trigger();
  await agg.idle();
  for (const r of ['view', 'edit', 'admin']) assert.ok(!has(r, 'get', 'widgets'), r);
  await agg.stop();
});
