import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chainFor, parseEncryptionConfiguration, parseResource } from './config.js';

const k32 = Buffer.alloc(32, 7).toString('base64');

const good = `apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
  - resources: [secrets, configmaps]
    providers:
      - aesgcm:
          keys:
            - name: key1
              secret: ${k32}
      - identity: {}
  - resources: ["*.apps"]
    providers:
      - secretbox:
          keys: [{name: sb, secret: ${k32}}]
  - resources: ["*.*"]
    providers:
      - identity: {}
`;

test('a configuration loads into rules; exact names, then *.<group>, then *.* decide', () => {
  const rules = parseEncryptionConfiguration(good);
  assert.equal(rules.length, 3);
  assert.equal(chainFor(rules, '', 'secrets')?.writer.prefix, 'k8s:enc:aesgcm:v1:key1:');
  assert.equal(chainFor(rules, '', 'configmaps'), rules[0].chain);
  assert.equal(chainFor(rules, 'apps', 'deployments')?.writer.prefix, 'k8s:enc:secretbox:v1:sb:');
  assert.equal(chainFor(rules, '', 'pods')?.writer.prefix, '');
  assert.equal(chainFor(parseEncryptionConfiguration(good.split('  - resources: ["*.*"]')[0]), '', 'pods'), undefined);
  assert.deepEqual(parseResource('deployments.apps'), { group: 'apps', resource: 'deployments' });
  assert.deepEqual(parseResource('*.'), { group: '', resource: '*' });
  // JSON is YAML too
  assert.equal(parseEncryptionConfiguration(JSON.stringify({
    apiVersion: 'apiserver.config.k8s.io/v1', kind: 'EncryptionConfiguration',
    resources: [{ resources: ['secrets'], providers: [{ aescbc: { keys: [{ name: 'a', secret: k32 }] } }] }],
  }))[0].chain.writer.prefix, 'k8s:enc:aescbc:v1:a:');
});

function errorOf(resources: unknown): string {
  try {
    parseEncryptionConfiguration(JSON.stringify({ apiVersion: 'apiserver.config.k8s.io/v1', kind: 'EncryptionConfiguration', resources }));
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

test('invalid configurations are refused with upstream field errors', () => {
  assert.equal(errorOf([{ resources: ['secrets'], providers: [{ aescbc: { keys: [{ name: 'k', secret: Buffer.alloc(8).toString('base64') }] } }] }]),
    'error while parsing file: resources[0].providers[0].aescbc.keys[0].secret: Invalid value: "REDACTED": secret is not of the expected length, got 8, expected one of [16 24 32]');
  assert.equal(errorOf([{ resources: ['secrets'], providers: [{ secretbox: { keys: [{ name: 'k', secret: Buffer.alloc(16).toString('base64') }] } }] }]),
    'error while parsing file: resources[0].providers[0].secretbox.keys[0].secret: Invalid value: "REDACTED": secret is not of the expected length, got 16, expected one of [32]');
  assert.equal(errorOf([{ resources: ['secrets'], providers: [{ aesgcm: { keys: [{ name: 'k', secret: 'not base64!' }] } }] }]),
    'error while parsing file: resources[0].providers[0].aesgcm.keys[0].secret: Invalid value: "REDACTED": secrets must be base64 encoded');
  assert.match(errorOf([{ resources: ['secrets'], providers: [{ identity: {}, aesgcm: { keys: [] } }] }]), /more than one provider specified in a single element, should split into different list elements/);
  assert.equal(errorOf([{ resources: [], providers: [{ identity: {} }] }]),
    'error while parsing file: resources[0].resources: Required value: at least one resources[0].resources is required');
  assert.equal(errorOf([{ resources: ['secrets'], providers: [] }]),
    'error while parsing file: resources[0].providers: Required value: at least one resources[0].providers is required');
  assert.equal(errorOf([{ resources: ['secrets'], providers: [{ aescbc: { keys: [] } }] }]),
    'error while parsing file: resources[0].providers[0].aescbc.keys: Required value: at least one keys is required');
  assert.equal(errorOf([]), 'error while parsing file: resources: Required value: at least one resources is required');
  assert.match(errorOf([{ resources: ['Secrets'], providers: [{ identity: {} }] }]), /resource name should not contain capital letters/);
  assert.match(errorOf([{ resources: ['*'], providers: [{ identity: {} }] }]), /use '\*\.' to encrypt all the resources from core API group or \*\.\* to encrypt all resources/);
  assert.match(errorOf([{ resources: ['secrets', '*.'], providers: [{ identity: {} }] }]), /overlapping resources/);
  assert.match(errorOf([{ resources: ['secrets'], providers: [{ identity: {} }] }, { resources: ['secrets'], providers: [{ identity: {} }] }]), /the same resource cannot be specified multiple times/);
  assert.match(errorOf([{ resources: ['secrets'], providers: [{ kms: { name: 'x' } }] }]), /KMS providers are not supported by kubets/);
  assert.match(errorOf([{ resources: ['secrets'], providers: [{ aesgcm: { keys: [{ secret: k32 }] } }] }]), /keys\[0\]\.name: Required value: name is a mandatory field for a key/);
  assert.throws(() => parseEncryptionConfiguration('apiVersion: v1\nkind: Config\n'), /expected apiVersion apiserver.config.k8s.io\/v1 and kind EncryptionConfiguration/);
});
