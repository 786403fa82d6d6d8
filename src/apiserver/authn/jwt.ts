// Compact JWS tokens signed with RS256 (RSASSA-PKCS1-v1_5 over SHA-256), built on node:crypto,
// as the service-account token issuer writes them: header {alg, kid}, base64url parts, no padding.
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

export interface JwtHeader {
  alg: string;
  kid?: string;
  typ?: string;
}

export type JwtClaims = Record<string, unknown>;

/** A token split into its parts; nothing is verified yet. */
export interface ParsedJwt {
  header: JwtHeader;
  claims: JwtClaims;
  /** header.payload, the bytes the signature covers */
  signingInput: string;
  signature: Buffer;
}

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/** The key id upstream derives from a public key: base64url(SHA-256(PKIX DER)). */
export function keyIdOf(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256').update(pub.export({ type: 'spki', format: 'der' })).digest('base64url');
}

export function signJwt(claims: JwtClaims, privateKey: KeyObject, kid?: string): string {
  const header: JwtHeader = kid ? { alg: 'RS256', kid } : { alg: 'RS256' };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${b64url(sign('sha256', Buffer.from(input), privateKey))}`;
}

const B64URL = /^[A-Za-z0-9_-]*$/;

function jsonPart(s: string): unknown {
  try {
    return JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Splits a compact JWS; undefined when the string is not one (wrong shape or not JSON). */
export function parseJwt(token: string): ParsedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => B64URL.test(p)) || !parts[0] || !parts[1]) return undefined;
  const header = jsonPart(parts[0]);
  const claims = jsonPart(parts[1]);
  if (!isRecord(header) || !isRecord(claims) || typeof header.alg !== 'string') return undefined;
  return { header: header as unknown as JwtHeader, claims, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2], 'base64url') };
}

/** True when one of the keys made the signature (RS256 only: other algorithms are refused). */
export function verifyJwt(jwt: ParsedJwt, publicKeys: readonly KeyObject[]): boolean {
  if (jwt.header.alg !== 'RS256' || !jwt.signature.length) return false;
  return publicKeys.some((k) => {
    try {
      return verify('sha256', Buffer.from(jwt.signingInput), k, jwt.signature);
    } catch {
      return false;
    }
  });
}
