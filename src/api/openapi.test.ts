import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scheme, subresourceKinds, groupVersions } from './index.js';
import { Scheme } from './scheme.js';
import { openAPIV2, openAPIV3Document, openAPIV3Index, openAPIV3ByPath } from './openapi.js';
import { defNameOf } from './schema.js';

type Json = Record<string, any>;
const opts = { subresourceKinds };
const v2 = openAPIV2(scheme, opts) as Json;

function refs(doc: unknown, out: string[] = []): string[] {
  if (Array.isArray(doc)) for (const x of doc) refs(x, out);
  else if (doc && typeof doc === 'object') {
    for (const [k, v] of Object.entries(doc)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

function findGVK(defs: Json, group: string, version: string, kind: string): string | undefined {
  return Object.keys(defs).find((n) => (defs[n]['x-kubernetes-group-version-kind'] ?? [])
    .some((g: Json) => g.group === group && g.version === version && g.kind === kind));
}

test('v2: info, and a definition with x-kubernetes-group-version-kind for every kind and list kind', () => {
  assert.equal(v2.swagger, '2.0');
  assert.deepEqual(v2.info, { title: 'Kubernetes', version: 'v1.33.0' });
  for (const r of scheme.all()) {
    const name = findGVK(v2.definitions, r.group, r.version, r.kind);
    assert.equal(name, defNameOf(r.schema), `${r.group}/${r.version} ${r.kind}`);
    if (!r.virtual || r.verbs?.includes('list')) {
      const list = v2.definitions[`${name}List`];
      assert.ok(list, `${r.kind}List`);
      assert.deepEqual(list.properties.items, { type: 'array', description: `The list of ${r.kind} objects.`, items: { $ref: `#/definitions/${name}` } });
      assert.deepEqual(list.properties.metadata.$ref, '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta');
      assert.deepEqual(list.required, ['items']);
    }
  }
});

test('v2: every $ref resolves and no OpenAPI 3 keywords leak in', () => {
  for (const ref of refs(v2)) {
    assert.ok(ref.startsWith('#/definitions/'), ref);
    assert.ok(v2.definitions[ref.slice('#/definitions/'.length)], `unresolved ${ref}`);
  }
  const text = JSON.stringify(v2);
  assert.ok(!text.includes('"oneOf"') && !text.includes('"allOf"') && !text.includes('"anyOf"'));
});

test('v2: patch extensions and special types', () => {
  const meta = v2.definitions['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'];
  assert.equal(meta.properties.ownerReferences['x-kubernetes-patch-merge-key'], 'uid');
  assert.equal(meta.properties.ownerReferences['x-kubernetes-patch-strategy'], 'merge');
  assert.deepEqual(meta.properties.ownerReferences['x-kubernetes-list-map-keys'], ['uid']);
  assert.deepEqual(meta.properties.creationTimestamp, {
    $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Time',
    description: v2.definitions['io.k8s.apimachinery.pkg.apis.meta.v1.Time'].description,
  });
  assert.equal(v2.definitions['io.k8s.apimachinery.pkg.apis.meta.v1.Time'].format, 'date-time');
  assert.equal(v2.definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString'].format, 'int-or-string');
  assert.equal(v2.definitions['io.k8s.apimachinery.pkg.api.resource.Quantity']?.type ?? 'string', 'string');
  const rb = v2.definitions['io.k8s.api.rbac.v1.RoleBinding'];
  assert.deepEqual(rb.required, ['roleRef']);
  assert.equal(v2.definitions['io.k8s.api.rbac.v1.RoleRef']['x-kubernetes-map-type'], 'atomic');
});

test('v2: paths with operations, actions, GVK and the write parameters kubectl checks', () => {
  const item = v2.paths['/apis/rbac.authorization.k8s.io/v1/namespaces/{namespace}/rolebindings/{name}'];
  assert.ok(item);
  assert.deepEqual(Object.keys(item).sort(), ['delete', 'get', 'parameters', 'patch', 'put']);
  assert.equal(item.patch['x-kubernetes-action'], 'patch');
  assert.deepEqual(item.patch['x-kubernetes-group-version-kind'], { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'RoleBinding' });
  assert.equal(item.patch.operationId, 'patchRbacAuthorizationV1NamespacedRoleBinding');
  const names = item.patch.parameters.map((p: Json) => p.name);
  for (const n of ['body', 'dryRun', 'fieldManager', 'fieldValidation', 'force']) assert.ok(names.includes(n), n);
  assert.ok(item.patch.consumes.includes('application/strategic-merge-patch+json'));
  assert.ok(item.patch.consumes.includes('application/apply-patch+yaml'));
  const coll = v2.paths['/apis/rbac.authorization.k8s.io/v1/namespaces/{namespace}/rolebindings'];
  assert.equal(coll.get['x-kubernetes-action'], 'list');
  assert.equal(coll.post['x-kubernetes-action'], 'post');
  assert.equal(coll.delete['x-kubernetes-action'], 'deletecollection');
  assert.ok(coll.post.parameters.some((p: Json) => p.name === 'fieldValidation' && p.in === 'query'));
  assert.ok(v2.paths['/apis/rbac.authorization.k8s.io/v1/rolebindings'].get);
  // Virtual kinds are create-only.
  const sar = v2.paths['/apis/authorization.k8s.io/v1/selfsubjectaccessreviews'];
  assert.deepEqual(Object.keys(sar).sort(), ['parameters', 'post']);
  assert.equal(v2.paths['/apis/authorization.k8s.io/v1/selfsubjectaccessreviews/{name}'], undefined);
  assert.ok(v2.paths['/apis/authorization.k8s.io/v1/namespaces/{namespace}/localsubjectaccessreviews'].post);
});

test('v2: subresources point at their body kinds', () => {
  const token = v2.paths['/api/v1/namespaces/{namespace}/serviceaccounts/{name}/token'];
  if (scheme.byResource('', 'v1', 'serviceaccounts')?.subresources.includes('token')) {
    assert.deepEqual(token.post['x-kubernetes-group-version-kind'], { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' });
  }
  const ing = v2.paths['/apis/networking.k8s.io/v1/namespaces/{namespace}/ingresses/{name}/status'];
  assert.deepEqual(Object.keys(ing).sort(), ['get', 'parameters', 'patch', 'put']);
  assert.deepEqual(ing.patch['x-kubernetes-group-version-kind'], { group: 'networking.k8s.io', version: 'v1', kind: 'Ingress' });
  for (const r of scheme.all()) {
    if (!r.subresources.includes('scale')) continue;
    const base = `/apis/${r.group}/${r.version}/namespaces/{namespace}/${r.resource}/{name}/scale`;
    const p = v2.paths[r.group ? base : base.replace('/apis//v1', '/api/v1')];
    assert.deepEqual(p.patch['x-kubernetes-group-version-kind'], { group: 'autoscaling', version: 'v1', kind: 'Scale' });
  }
});

test('v3: index lists every group/version, the group documents, api and apis', () => {
  const index = openAPIV3Index(scheme, opts);
  for (const gv of groupVersions) {
    if (gv.resources.length === 0) continue;
    const key = gv.group ? `apis/${gv.group}/${gv.version}` : `api/${gv.version}`;
    assert.match(index.paths[key].serverRelativeURL, new RegExp(`^/openapi/v3/${key.replace(/\./g, '\\.')}\\?hash=[0-9A-F]{128}$`));
    if (gv.group) assert.ok(index.paths[`apis/${gv.group}`], gv.group);
  }
  assert.ok(index.paths.api && index.paths.apis);
  const d = openAPIV3ByPath(scheme, 'apis', opts);
  assert.ok((d?.doc as Json).paths['/apis/']);
});

test('v3: hashes are stable across builds of the same scheme', () => {
  const again = new Scheme([...scheme.all()]);
  assert.deepEqual(openAPIV3Index(again, opts), openAPIV3Index(scheme, opts));
});

test('v3: each document is self-contained, with allOf refs, oneOf int-or-string and fieldValidation on PATCH', () => {
  for (const gv of groupVersions) {
    if (gv.resources.length === 0) continue;
    const doc = openAPIV3Document(scheme, gv.group, gv.version, opts) as Json;
    assert.equal(doc.openapi, '3.0.0');
    for (const ref of refs(doc)) {
      assert.ok(ref.startsWith('#/components/schemas/'), ref);
      assert.ok(doc.components.schemas[ref.slice('#/components/schemas/'.length)], `${gv.group}/${gv.version}: unresolved ${ref}`);
    }
    for (const r of gv.resources) {
      assert.ok(findGVK(doc.components.schemas, r.group, r.version, r.kind), r.kind);
      if ((r.verbs ?? ['patch']).includes('patch')) {
        const patches = Object.values(doc.paths as Json).map((p: Json) => p.patch)
          .filter((op: Json | undefined) => op && op['x-kubernetes-group-version-kind']?.kind === r.kind);
        assert.ok(patches.length > 0, `PATCH for ${r.kind}`);
        assert.ok(patches[0].parameters.some((p: Json) => p.name === 'fieldValidation'), r.kind);
      }
    }
  }
  const net = openAPIV3Document(scheme, 'networking.k8s.io', 'v1', opts) as Json;
  const spec = net.components.schemas['io.k8s.api.networking.v1.NetworkPolicyPort'];
  assert.deepEqual(spec.properties.port.allOf, [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString' }]);
  assert.deepEqual(net.components.schemas['io.k8s.apimachinery.pkg.util.intstr.IntOrString'].oneOf, [{ type: 'integer' }, { type: 'string' }]);
  const ing = net.components.schemas['io.k8s.api.networking.v1.Ingress'];
  assert.deepEqual(ing['x-kubernetes-group-version-kind'], [{ group: 'networking.k8s.io', kind: 'Ingress', version: 'v1' }]);
  assert.ok(net.components.schemas['io.k8s.api.networking.v1.IngressSpec'].description);
  // Documents of other groups do not leak in.
  assert.equal(net.components.schemas['io.k8s.api.rbac.v1.Role'], undefined);
});

test('the documents are cached per scheme', () => {
  assert.equal(openAPIV2(scheme, opts), v2);
  assert.equal(openAPIV3Document(scheme, 'apps', 'v1', opts), openAPIV3Document(scheme, 'apps', 'v1', opts));
});

test('field-level patch strategies on named types are kept beside the reference', () => {
  const spec = v2.definitions['io.k8s.api.apps.v1.DeploymentSpec'];
  assert.equal(spec.properties.strategy['x-kubernetes-patch-strategy'], 'retainKeys');
  assert.equal(spec.properties.strategy.$ref, '#/definitions/io.k8s.api.apps.v1.DeploymentStrategy');
  const v3 = openAPIV3Document(scheme, 'apps', 'v1', opts) as Json;
  assert.equal(v3.components.schemas['io.k8s.api.apps.v1.DeploymentSpec'].properties.strategy['x-kubernetes-patch-strategy'], 'retainKeys');
});

test('pods/eviction has the policy/v1 Eviction body', () => {
  assert.ok(subresourceKinds.some((k) => k.resource === 'pods' && k.subresource === 'eviction' && k.kind.kind === 'Eviction'));
  assert.ok(findGVK(v2.definitions, 'policy', 'v1', 'Eviction'));
});
