// Server-side apply (application/apply-patch+yaml) of a resource: the merge, the
// ownership and the conflicts are machinery/patch's applyPatch; here the result goes
// through the update path (admission, strategy, validation) as any other write.
import type { KubeObject } from '../api/meta/v1/types.js';
import { ConflictError } from '../machinery/errors.js';
import { applyPatch } from '../machinery/patch/apply.js';
import { admitMutating, admitValidating } from './admission-hooks.js';
import { admit } from './handle-write.js';
import { fieldManagerOptions } from './managed-fields.js';
import type { TryUpdate } from './registry.js';
import type { RestContext } from './rest-context.js';
import { prepareForUpdate } from './strategy.js';

const subresourceOf = (ctx: RestContext): '' | 'status' => (ctx.subresource === 'status' ? 'status' : '');

/** The object to create when the applied configuration names an object that does not exist. */
export function applyObject(ctx: RestContext, cfg: KubeObject, manager: string): KubeObject {
  return applyPatch<KubeObject>(undefined, cfg, manager, ctx.info.schema, false, fieldManagerOptions(ctx.info, '', cfg));
}

export function applyFor(ctx: RestContext, cfg: KubeObject, manager: string, force: boolean): TryUpdate {
  const { info } = ctx;
  const sub = subresourceOf(ctx);
  return async (current) => {
    const want = cfg.metadata?.resourceVersion;
    if (want && want !== current.metadata?.resourceVersion) throw new ConflictError({ group: info.group, resource: info.resource }, ctx.name);
    let merged = applyPatch<KubeObject>(current, cfg, manager, info.schema, force, fieldManagerOptions(info, sub, current, cfg));
    await admitMutating(ctx, 'UPDATE', merged, current);
    merged = prepareForUpdate(info, merged, current, sub);
    admit(info, merged, current);
    await admitValidating(ctx, 'UPDATE', merged, current);
    return merged;
  };
}
