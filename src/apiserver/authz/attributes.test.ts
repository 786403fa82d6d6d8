import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requestInfo } from '../request-info.js';
import { attributesOf, selectedName } from './attributes.js';

test('a list or watch pinned to one name by its field selector is authorized for that name', () => {
  assert.equal(selectedName('metadata.name=web'), 'web');
  assert.equal(selectedName('metadata.name==web,spec.nodeName=n1'), 'web');
  assert.equal(selectedName('metadata.name!=web'), undefined);
  assert.equal(selectedName('spec.nodeName=n1'), undefined);
  assert.equal(selectedName('metadata.name=..'), undefined);
  assert.equal(selectedName(null), undefined);
  const user = { name: 'system:node:n1', groups: ['system:nodes'] };
  const q = new URLSearchParams('watch=true&fieldSelector=metadata.name%3Dcreds');
  const ri = requestInfo('GET', '/api/v1/namespaces/default/secrets', q);
  const a = attributesOf(user, ri, q);
  assert.deepEqual([a.verb, a.resource, a.namespace, a.name], ['watch', 'secrets', 'default', 'creds']);
  // a get keeps the name from its path
  const g = requestInfo('GET', '/api/v1/namespaces/default/secrets/x', new URLSearchParams());
  assert.equal(attributesOf(user, g, new URLSearchParams('fieldSelector=metadata.name%3Dy')).name, 'x');
});
