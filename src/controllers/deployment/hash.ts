// pod-template-hash: the label that tells a Deployment's ReplicaSets (and their pods) apart.
// Upstream hashes the pod template with FNV-32a (over a Go struct dump), adds the Deployment's
// collisionCount when set, and spells the number with rand.SafeEncodeString so the value is a
// short, valid label with no vowels. We hash a canonical JSON form of the template (keys sorted,
// absent members dropped): deterministic across processes and restarts, and a different
// collisionCount gives a different hash, which is how a name collision is escaped.
import type { PodTemplateSpec } from '../../api/core/v1/pod.js';
import { safeEncodeString } from '../../machinery/names.js';
import { deepEqual } from '../../machinery/equality.js';

/** DefaultDeploymentUniqueLabelKey */
export const POD_TEMPLATE_HASH = 'pod-template-hash';

/** JSON with object keys sorted, so equal data always gives equal text. */
function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonical(x))).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
}

function fnv32a(bytes: Uint8Array, h = 0x811c9dc5): number {
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** ComputeHash: the pod-template-hash of a template, with the Deployment's collisionCount if any. */
export function computeHash(template: PodTemplateSpec, collisionCount?: number): string {
  let h = fnv32a(new TextEncoder().encode(canonical(template)));
  if (collisionCount !== undefined && collisionCount !== null) {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(b, h);
  }
  return safeEncodeString(String(h));
}

/** Drops members that Go's omitempty would not send (absent, null, empty lists and maps). */
function withoutEmpties(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutEmpties);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const y = withoutEmpties(x);
    if (y === undefined || y === null) continue;
    if (Array.isArray(y) && y.length === 0) continue;
    if (typeof y === 'object' && !Array.isArray(y) && Object.keys(y).length === 0) continue;
    out[k] = y;
  }
  return out;
}

/**
 * EqualIgnoreHash: two templates are the same apart from the pod-template-hash label
 * (how the Deployment finds the ReplicaSet of its current template, and of an old one on rollback).
 */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  const strip = (t: PodTemplateSpec | undefined) => {
    const c = structuredClone(t ?? {});
    if (c.metadata?.labels) delete c.metadata.labels[POD_TEMPLATE_HASH];
    return withoutEmpties(c);
  };
  return deepEqual(strip(a), strip(b));
}
