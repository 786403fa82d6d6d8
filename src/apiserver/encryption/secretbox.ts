// NaCl's secretbox (XSalsa20-Poly1305), which node:crypto does not offer: HSalsa20 derives a
// subkey from the key and the first 16 nonce bytes, Salsa20/20 with that subkey and the last
// 8 nonce bytes makes the key stream, whose first 32 bytes key a one-time Poly1305 tag over
// the ciphertext. Sealed form: tag (16 bytes) then ciphertext, as crypto_secretbox_easy.
import { timingSafeEqual } from 'node:crypto';

export const KEY_BYTES = 32;
export const NONCE_BYTES = 24;
export const TAG_BYTES = 16;

const SIGMA = [0x61707865, 0x3320646e, 0x79622d32, 0x6b206574];

function rotl(v: number, n: number): number {
  return (v << n) | (v >>> (32 - n));
}

function word(b: Uint8Array, i: number): number {
  return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
}

/** The 20 Salsa rounds over x in place (column rounds then row rounds, ten times). */
function rounds(x: Uint32Array): void {
  for (let i = 0; i < 20; i += 2) {
    x[4] ^= rotl((x[0] + x[12]) | 0, 7); x[8] ^= rotl((x[4] + x[0]) | 0, 9);
    x[12] ^= rotl((x[8] + x[4]) | 0, 13); x[0] ^= rotl((x[12] + x[8]) | 0, 18);
    x[9] ^= rotl((x[5] + x[1]) | 0, 7); x[13] ^= rotl((x[9] + x[5]) | 0, 9);
    x[1] ^= rotl((x[13] + x[9]) | 0, 13); x[5] ^= rotl((x[1] + x[13]) | 0, 18);
    x[14] ^= rotl((x[10] + x[6]) | 0, 7); x[2] ^= rotl((x[14] + x[10]) | 0, 9);
    x[6] ^= rotl((x[2] + x[14]) | 0, 13); x[10] ^= rotl((x[6] + x[2]) | 0, 18);
    x[3] ^= rotl((x[15] + x[11]) | 0, 7); x[7] ^= rotl((x[3] + x[15]) | 0, 9);
    x[11] ^= rotl((x[7] + x[3]) | 0, 13); x[15] ^= rotl((x[11] + x[7]) | 0, 18);
    x[1] ^= rotl((x[0] + x[3]) | 0, 7); x[2] ^= rotl((x[1] + x[0]) | 0, 9);
    x[3] ^= rotl((x[2] + x[1]) | 0, 13); x[0] ^= rotl((x[3] + x[2]) | 0, 18);
    x[6] ^= rotl((x[5] + x[4]) | 0, 7); x[7] ^= rotl((x[6] + x[5]) | 0, 9);
    x[4] ^= rotl((x[7] + x[6]) | 0, 13); x[5] ^= rotl((x[4] + x[7]) | 0, 18);
    x[11] ^= rotl((x[10] + x[9]) | 0, 7); x[8] ^= rotl((x[11] + x[10]) | 0, 9);
    x[9] ^= rotl((x[8] + x[11]) | 0, 13); x[10] ^= rotl((x[9] + x[8]) | 0, 18);
    x[12] ^= rotl((x[15] + x[14]) | 0, 7); x[13] ^= rotl((x[12] + x[15]) | 0, 9);
    x[14] ^= rotl((x[13] + x[12]) | 0, 13); x[15] ^= rotl((x[14] + x[13]) | 0, 18);
  }
}

/** The Salsa20 input block: constants, key, and 16 bytes of nonce/counter. */
function initialState(key: Uint8Array, input16: Uint8Array): Uint32Array {
  const s = new Uint32Array(16);
  s[0] = SIGMA[0]; s[5] = SIGMA[1]; s[10] = SIGMA[2]; s[15] = SIGMA[3];
  for (let i = 0; i < 4; i++) {
    s[1 + i] = word(key, 4 * i);
    s[11 + i] = word(key, 16 + 4 * i);
    s[6 + i] = word(input16, 4 * i);
  }
  return s;
}

/** HSalsa20: a 32-byte subkey from a key and 16 input bytes. */
export function hsalsa20(key: Uint8Array, input16: Uint8Array): Uint8Array {
  const x = initialState(key, input16);
  rounds(x);
  const out = new Uint8Array(32);
  const dv = new DataView(out.buffer);
  [0, 5, 10, 15, 6, 7, 8, 9].forEach((w, i) => dv.setUint32(4 * i, x[w], true));
  return out;
}

/** XORs data with the XSalsa20 key stream (block counter starting at 0); zeros in = key stream out. */
export function xsalsa20Xor(key: Uint8Array, nonce: Uint8Array, data: Uint8Array): Uint8Array {
  if (key.length !== KEY_BYTES || nonce.length !== NONCE_BYTES) throw new Error('xsalsa20: key must be 32 bytes and nonce 24 bytes');
  const subkey = hsalsa20(key, nonce.subarray(0, 16));
  const input = new Uint8Array(16);
  input.set(nonce.subarray(16, 24), 0);
  const start = initialState(subkey, input);
  const x = new Uint32Array(16);
  const block = new Uint8Array(64);
  const bv = new DataView(block.buffer);
  const out = new Uint8Array(data.length);
  let counter = 0;
  for (let off = 0; off < data.length; off += 64) {
    start[8] = counter >>> 0;
    start[9] = Math.floor(counter / 0x100000000) >>> 0;
    x.set(start);
    rounds(x);
    for (let i = 0; i < 16; i++) bv.setUint32(4 * i, (x[i] + start[i]) >>> 0, true);
    const n = Math.min(64, data.length - off);
    for (let i = 0; i < n; i++) out[off + i] = data[off + i] ^ block[i];
    counter++;
  }
  return out;
}

const P1305 = (1n << 130n) - 5n;
const CLAMP = 0x0ffffffc0ffffffc0ffffffc0fffffffn;

function leBig(b: Uint8Array): bigint {
  let v = 0n;
  for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
  return v;
}

/** Poly1305 one-time authenticator (RFC 8439 §2.5) with a 32-byte key. */
export function poly1305(key: Uint8Array, msg: Uint8Array): Uint8Array {
  const r = leBig(key.subarray(0, 16)) & CLAMP;
  const s = leBig(key.subarray(16, 32));
  let acc = 0n;
  for (let off = 0; off < msg.length; off += 16) {
    const chunk = msg.subarray(off, Math.min(off + 16, msg.length));
    acc = ((acc + leBig(chunk) + (1n << BigInt(8 * chunk.length))) * r) % P1305;
  }
  let tag = (acc + s) & ((1n << 128n) - 1n);
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) {
    out[i] = Number(tag & 0xffn);
    tag >>= 8n;
  }
  return out;
}

/** crypto_secretbox_easy: tag || ciphertext. */
export function secretboxSeal(message: Uint8Array, nonce: Uint8Array, key: Uint8Array): Uint8Array {
  const padded = new Uint8Array(32 + message.length);
  padded.set(message, 32);
  const streamed = xsalsa20Xor(key, nonce, padded);
  const ciphertext = streamed.subarray(32);
  const out = new Uint8Array(TAG_BYTES + ciphertext.length);
  out.set(poly1305(streamed.subarray(0, 32), ciphertext), 0);
  out.set(ciphertext, TAG_BYTES);
  return out;
}

/** crypto_secretbox_open_easy: the message, or undefined when the tag does not verify. */
export function secretboxOpen(box: Uint8Array, nonce: Uint8Array, key: Uint8Array): Uint8Array | undefined {
  if (box.length < TAG_BYTES) return undefined;
  const ciphertext = box.subarray(TAG_BYTES);
  const polyKey = xsalsa20Xor(key, nonce, new Uint8Array(32));
  const tag = poly1305(polyKey, ciphertext);
  if (!timingSafeEqual(tag, box.subarray(0, TAG_BYTES))) return undefined;
  const padded = new Uint8Array(32 + ciphertext.length);
  padded.set(ciphertext, 32);
  return xsalsa20Xor(key, nonce, padded).subarray(32);
}
