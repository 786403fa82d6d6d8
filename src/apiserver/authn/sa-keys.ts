// The service-account signing key pair, kept beside the cluster PKI as kubeadm does:
// <data-dir>/pki/sa.key (RSA 2048, PKCS#1 PEM) and sa.pub (PKIX PEM). Made once, reused.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../machinery/atomic-file.js';
import { keyIdOf } from './jwt.js';

export interface ServiceAccountKeys {
  privateKey: KeyObject;
  /** keys tokens may be verified with (the current one first) */
  publicKeys: KeyObject[];
  /** the kid written in token headers */
  keyId: string;
}

export function keysFromPem(privatePem: string, extraPublicPems: string[] = []): ServiceAccountKeys {
  const privateKey = createPrivateKey(privatePem);
  const pub = createPublicKey(privateKey);
  return { privateKey, publicKeys: [pub, ...extraPublicPems.map((p) => createPublicKey(p))], keyId: keyIdOf(pub) };
}

/** A new RSA 2048 key pair in memory (tests). */
export function generateServiceAccountKeys(): ServiceAccountKeys {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return keysFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
}

/** Reads <dataDir>/pki/sa.key, creating the pair (sa.key, sa.pub) on first start. */
export function ensureServiceAccountKeys(dataDir: string): ServiceAccountKeys {
  const dir = join(dataDir, 'pki');
  const keyFile = join(dir, 'sa.key');
  const pubFile = join(dir, 'sa.pub');
  if (!existsSync(keyFile)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileAtomic(keyFile, privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(), 0o600);
    writeFileAtomic(pubFile, publicKey.export({ type: 'spki', format: 'pem' }).toString(), 0o644);
  }
  const keys = keysFromPem(readFileSync(keyFile, 'utf8'));
  if (!existsSync(pubFile)) writeFileAtomic(pubFile, keys.publicKeys[0].export({ type: 'spki', format: 'pem' }).toString(), 0o644);
  return keys;
}
