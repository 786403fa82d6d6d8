// A struct-valued field with its own patch strategy (upstream's `patchStrategy:"retainKeys"` on
// DeploymentSpec.strategy, `patchStrategy:"replace"` on a PDB's selector). The field gets a copy of
// the named schema carrying x-kubernetes-patch-strategy, which strategic merge patch reads; the
// copy keeps the definition name, so OpenAPI can still refer to the shared definition.
import type { TSchema } from '../../schema.js';

export function withPatchStrategy<S extends TSchema>(schema: S, strategy: 'retainKeys' | 'replace'): S {
  return { ...schema, 'x-kubernetes-patch-strategy': strategy };
}
