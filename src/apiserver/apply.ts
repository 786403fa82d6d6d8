// Server-side apply (application/apply-patch+yaml) of a resource: the merge, the
// ownership and the conflicts are machinery/patch's applyPatch; here the result goes
// through the write path (write-path.ts: admission, strategy, validation) as any other write.
import type { KubeObject } from '../api/meta/v1/types.js';
import { applyPatch } from '../machinery/patch/apply.js';
import { fieldManagerOptions } from './managed-fields.js';
import type { RestContext } from './rest-context.js';
import type { UpdatePlan } from './write-path.js';

const subresourceOf = (ctx: RestContext): '' | 'status' => (ctx.subresource === 'status' ? 'status' : '');

/** The object to create when the applied configuration names an object that does not exist. */
export function applyObject(ctx: RestContext, cfg: KubeObject, manager: string): KubeObject {
  return applyPatch<KubeObject>(undefined, cfg, manager, ctx.info.schema, false, fieldManagerOptions(ctx.info, '', cfg));
}

/** The write of an applied configuration: merged into the current object with its field ownership (managedFields). */
export function applyFor(ctx: RestContext, cfg: KubeObject, manager: string, force: boolean): UpdatePlan {
  const { info } = ctx;
  const sub = subresourceOf(ctx);
  return {
    incoming(current) {
      const merged = applyPatch<KubeObject>(current, cfg, manager, info.schema, force, fieldManagerOptions(info, sub, current, cfg));
      // the configuration's resourceVersion, if any, is the write's precondition
      const want = cfg.metadata?.resourceVersion;
      merged.metadata = { ...merged.metadata, resourceVersion: want || current.metadata?.resourceVersion };
      return merged;
    },
  };
}
