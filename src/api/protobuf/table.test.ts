import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scheme, subresourceBodyKinds, subresourceKinds } from '../index.js';
import { subresourceKinds as policySubresourceKinds } from '../policy/v1/index.js';
import { defNameOf, specialOf, type TSchema } from '../schema.js';
import { isScalar, isSpecial, messageInfo, messageNames, SPECIAL, type MessageInfo } from './table.js';

type Node = TSchema & { properties?: Record<string, Node>; items?: Node; additionalProperties?: Node | boolean };

/** The JSON field names a message contributes to its object, inline structs included. */
function jsonNames(info: MessageInfo): Set<string> {
  const out = new Set<string>();
  for (const f of info.fields) {
    if (f.json !== undefined) out.add(f.json);
    else for (const n of jsonNames(messageInfo(f.type) as MessageInfo)) out.add(n);
  }
  return out;
}

const SPECIAL_OF: Record<string, string> = {
  quantity: SPECIAL.quantity,
  'int-or-string': SPECIAL.intOrString,
  time: SPECIAL.time,
  'micro-time': SPECIAL.microTime,
  raw: SPECIAL.rawExtension,
};

test('every named struct of the served schemas has a table with every one of its JSON fields', () => {
  const problems: string[] = [];
  const seen = new Set<TSchema>();
  const visit = (schema: Node, where: string): void => {
    if (seen.has(schema)) return;
    seen.add(schema);
    const name = defNameOf(schema);
    const special = specialOf(schema);
    if (special && special !== 'preserve' && special !== 'bytes') {
      if (name && SPECIAL_OF[special] !== name) problems.push(`${where}: ${name} is not the expected special ${special}`);
      return;
    }
    if (schema.properties && name) {
      const info = messageInfo(name);
      if (!info) problems.push(`${where}: no table for ${name}`);
      else {
        const known = jsonNames(info);
        for (const prop of Object.keys(schema.properties)) {
          if (prop === 'apiVersion' || prop === 'kind') continue;
          if (!known.has(prop)) problems.push(`${name}: field ${prop} is not in the table`);
        }
      }
    }
    for (const [k, v] of Object.entries(schema.properties ?? {})) visit(v, `${name ?? where}.${k}`);
    if (schema.items) visit(schema.items, `${where}[]`);
    if (schema.additionalProperties && typeof schema.additionalProperties === 'object') visit(schema.additionalProperties, `${where}{}`);
  };
  const roots: TSchema[] = [
    ...scheme.all().map((r) => r.schema), ...subresourceKinds.map((k) => k.schema),
    ...policySubresourceKinds.map((k) => k.schema), ...subresourceBodyKinds,
  ];
  for (const root of roots) visit(root as Node, defNameOf(root) ?? '?');
  assert.deepEqual(problems, []);
});

test('every type a table names is a scalar, a special message or another table', () => {
  const missing: string[] = [];
  for (const name of messageNames()) {
    const info = messageInfo(name) as MessageInfo;
    const types = info.wrapperOf ? [info.wrapperOf] : info.fields.map((f) => f.type);
    for (const t of types) if (!isScalar(t) && !isSpecial(t) && !messageInfo(t)) missing.push(`${name} → ${t}`);
  }
  assert.deepEqual(missing, []);
});

test('tables carry upstream numbers and Go facts', () => {
  const spec = messageInfo('io.k8s.api.apps.v1.DeploymentSpec') as MessageInfo;
  assert.deepEqual(spec.byNumber.get(1), { num: 1, json: 'replicas', pointer: true, omitempty: true, shape: 'single', type: 'i32' });
  assert.equal(spec.byNumber.get(3)?.type, 'io.k8s.api.core.v1.PodTemplateSpec');
  assert.equal(spec.byNumber.get(8), undefined); // rollbackTo (8) was removed upstream
  const meta = messageInfo('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta') as MessageInfo;
  assert.equal(meta.byNumber.get(17)?.json, 'managedFields');
  assert.equal(meta.byNumber.get(8)?.type, SPECIAL.time);
  const volume = messageInfo('io.k8s.api.core.v1.Volume') as MessageInfo;
  assert.deepEqual(volume.byNumber.get(2), {
    num: 2, json: undefined, pointer: false, omitempty: false, shape: 'single', type: 'io.k8s.api.core.v1.VolumeSource',
  });
  const user = messageInfo('io.k8s.api.authentication.v1.UserInfo') as MessageInfo;
  assert.equal(user.byNumber.get(4)?.shape, 'map');
  assert.equal(messageInfo('io.k8s.api.authentication.v1.ExtraValue')?.wrapperOf, 's');
  const port = messageInfo('io.k8s.api.core.v1.ContainerPort') as MessageInfo;
  assert.deepEqual(port.byNumber.get(3), { num: 3, json: 'containerPort', pointer: false, omitempty: false, shape: 'single', type: 'i32' });
});
