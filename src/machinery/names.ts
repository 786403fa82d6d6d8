// Generated names and UIDs: metadata.generateName (upstream's SimpleNameGenerator over
// k8s.io/apimachinery/pkg/util/rand) and metadata.uid.
import { randomInt, randomUUID } from 'node:crypto';

/** The characters of generated suffixes: no vowels (so no words), no easily confused 0/1/3. */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

const MAX_NAME_LENGTH = 63;
const RANDOM_LENGTH = 5;
/** The longest base kept from generateName: 63 - 5. */
export const MAX_GENERATED_NAME_LENGTH = MAX_NAME_LENGTH - RANDOM_LENGTH;

/** rand.String(n): n characters from NAME_ALPHABET. */
export function randomString(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += NAME_ALPHABET[randomInt(NAME_ALPHABET.length)];
  return s;
}

/** The name for metadata.generateName: the base cut to 58 characters plus 5 random ones. */
export function generateName(base: string): string {
  const kept = base.length > MAX_GENERATED_NAME_LENGTH ? base.slice(0, MAX_GENERATED_NAME_LENGTH) : base;
  return kept + randomString(RANDOM_LENGTH);
}

/** rand.SafeEncodeString: maps each character onto NAME_ALPHABET (used for hashes in names). */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += NAME_ALPHABET[(ch.codePointAt(0) ?? 0) % NAME_ALPHABET.length];
  return out;
}

/** A new object UID (a random RFC 4122 version 4 UUID, as upstream's uuid.NewUUID). */
export function newUid(): string {
  return randomUUID();
}
