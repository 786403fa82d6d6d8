// The encryption-at-rest providers as upstream stores their output: every value written by a
// provider key starts with k8s:enc:<provider>:v1:<keyname>: and then
//   aescbc    16-byte random IV, AES-256-CBC with PKCS#7 padding
//   aesgcm    12-byte random nonce, AES-GCM ciphertext and 16-byte tag; the storage key is the additional data
//   secretbox 24-byte random nonce, XSalsa20-Poly1305 (tag then ciphertext)
// identity writes plaintext with no prefix.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { secretboxOpen, secretboxSeal } from './secretbox.js';

/** One key of one provider (or identity): what it writes after its prefix and how it reads it back. */
export interface KeyTransformer {
  /** k8s:enc:aescbc:v1:key1: … ('' for identity) */
  prefix: string;
  /** the ciphertext that follows the prefix */
  seal(plain: Uint8Array, storageKey: string): Uint8Array;
  /** the plaintext; throws when the data cannot be decrypted */
  open(data: Uint8Array, storageKey: string): Uint8Array;
}

export const ENCRYPTED_MARKER = 'k8s:enc:';

export function identityTransformer(): KeyTransformer {
  return {
    prefix: '',
    seal: (plain) => plain,
    open(data) {
      if (Buffer.from(data.subarray(0, ENCRYPTED_MARKER.length)).toString('latin1') === ENCRYPTED_MARKER) {
        throw new Error('identity transformer tried to read encrypted data');
      }
      return data;
    },
  };
}

const SHORT = 'the stored data was shorter than the required size';

export function aescbcTransformer(name: string, key: Buffer): KeyTransformer {
  const alg = `aes-${key.length * 8}-cbc`;
  return {
    prefix: `k8s:enc:aescbc:v1:${name}:`,
    seal(plain) {
      const iv = randomBytes(16);
      const c = createCipheriv(alg, key, iv);
      return Buffer.concat([iv, c.update(plain), c.final()]);
    },
    open(data) {
      if (data.length < 16) throw new Error(SHORT);
      const body = data.subarray(16);
      if (body.length % 16 !== 0) throw new Error('the stored data is not a multiple of the block size');
      if (!body.length) throw new Error('invalid PKCS7 data (empty or not padded)');
      const d = createDecipheriv(alg, key, data.subarray(0, 16));
      d.setAutoPadding(false);
      const padded = Buffer.concat([d.update(body), d.final()]);
      const pad = padded[padded.length - 1];
      if (pad === 0 || pad > 16 || pad > padded.length || !padded.subarray(padded.length - pad).every((b) => b === pad)) {
        throw new Error('invalid padding on input');
      }
      return padded.subarray(0, padded.length - pad);
    },
  };
}

export function aesgcmTransformer(name: string, key: Buffer): KeyTransformer {
  const alg = `aes-${key.length * 8}-gcm` as 'aes-256-gcm';
  return {
    prefix: `k8s:enc:aesgcm:v1:${name}:`,
    seal(plain, storageKey) {
      const nonce = randomBytes(12);
      const c = createCipheriv(alg, key, nonce);
      c.setAAD(Buffer.from(storageKey));
      const body = Buffer.concat([c.update(plain), c.final()]);
      return Buffer.concat([nonce, body, c.getAuthTag()]);
    },
    open(data, storageKey) {
      if (data.length < 12 + 16) throw new Error(SHORT);
      const d = createDecipheriv(alg, key, data.subarray(0, 12));
      d.setAAD(Buffer.from(storageKey));
      d.setAuthTag(data.subarray(data.length - 16));
      try {
        return Buffer.concat([d.update(data.subarray(12, data.length - 16)), d.final()]);
      } catch {
        throw new Error('cipher: message authentication failed');
      }
    },
  };
}

export function secretboxTransformer(name: string, key: Buffer): KeyTransformer {
  return {
    prefix: `k8s:enc:secretbox:v1:${name}:`,
    seal(plain) {
      const nonce = randomBytes(24);
      return Buffer.concat([nonce, secretboxSeal(plain, nonce, key)]);
    },
    open(data) {
      if (data.length < 24) throw new Error(SHORT);
      const plain = secretboxOpen(data.subarray(24), data.subarray(0, 24), key);
      if (!plain) throw new Error('output array was not large enough for encryption');
      return plain;
    },
  };
}

export interface ReadResult {
  value: Uint8Array;
  /** read with another key than the one writes use: a rewrite would re-encrypt it */
  stale: boolean;
}

/** The keys of one resource in configuration order: the first writes, any whose prefix matches reads. */
export class TransformerChain {
  readonly #keys: readonly KeyTransformer[];
  constructor(keys: readonly KeyTransformer[]) {
    if (!keys.length) throw new Error('an encryption provider chain needs at least one provider');
    this.#keys = keys;
  }

  get writer(): KeyTransformer {
    return this.#keys[0];
  }

  write(plain: Uint8Array, storageKey: string): Uint8Array {
    const w = this.#keys[0];
    const sealed = w.seal(plain, storageKey);
    if (!w.prefix) return sealed;
    return Buffer.concat([Buffer.from(w.prefix), sealed]);
  }

  read(stored: Uint8Array, storageKey: string): ReadResult {
    const buf = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
    for (let i = 0; i < this.#keys.length; i++) {
      const k = this.#keys[i];
      if (!buf.subarray(0, k.prefix.length).equals(Buffer.from(k.prefix))) continue;
      if (!k.prefix) {
        // identity: encrypted data is left for the providers configured after it
        try {
          return { value: k.open(stored, storageKey), stale: i !== 0 };
        } catch {
          continue;
        }
      }
      return { value: k.open(buf.subarray(k.prefix.length), storageKey), stale: i !== 0 };
    }
    throw new Error('no matching prefix found');
  }
}
