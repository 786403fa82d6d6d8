// Where writes meet the admission chain (chain.ts): mutating plugins see the object before
// the server prepares and validates it, validating plugins after, as upstream orders it;
// writeOf gives a request's write to the write path (write-path.ts).
import type { KubeObject } from '../api/meta/v1/types.js';
import type { AdmissionAttributes, AdmissionOperation } from './chain.js';
import { dryRunOf, fieldManagerOf, type RestContext } from './rest-context.js';
import type { Write, WriteAdmission } from './write-path.js';

function attributes(ctx: RestContext, operation: AdmissionOperation, object: KubeObject | undefined, oldObject: KubeObject | undefined, subresource: string): AdmissionAttributes {
  return {
    operation, info: ctx.info, subresource, namespace: ctx.namespace,
    name: object?.metadata?.name || oldObject?.metadata?.name || ctx.name,
    object, oldObject, user: ctx.user, dryRun: dryRunOf(ctx.query), warnings: ctx.warnings,
  };
}

/** Mutating admission; plugins may change object in place. */
export async function admitMutating(ctx: RestContext, operation: AdmissionOperation, object?: KubeObject, oldObject?: KubeObject, subresource = ctx.subresource): Promise<void> {
  if (ctx.admission?.plugins.length) await ctx.admission.admit(attributes(ctx, operation, object, oldObject, subresource));
}

/** Validating admission; plugins only check. */
export async function admitValidating(ctx: RestContext, operation: AdmissionOperation, object?: KubeObject, oldObject?: KubeObject, subresource = ctx.subresource): Promise<void> {
  if (ctx.admission?.plugins.length) await ctx.admission.validate(attributes(ctx, operation, object, oldObject, subresource));
}

/** The request's admission as the write path calls it. */
export function admissionOf(ctx: RestContext): WriteAdmission {
  return {
    mutate: (op, obj, old, sub) => admitMutating(ctx, op, obj, old, sub),
    validate: (op, obj, old, sub) => admitValidating(ctx, op, obj, old, sub),
  };
}

/** The write a request makes: its resource and subresource, manager, dry run and admission. */
export function writeOf(ctx: RestContext, manager = fieldManagerOf(ctx)): Write {
  return {
    info: ctx.info, registry: ctx.registry, manager, subresource: ctx.subresource, dryRun: dryRunOf(ctx.query),
    admission: admissionOf(ctx), allocator: ctx.allocator,
  };
}
