// Creates the default roles and bindings on start and reconciles them as upstream's
// storage_rbac post-start hook does: a missing object is created; an existing one whose
// annotation rbac.authorization.kubernetes.io/autoupdate is not "false" gets back the
// labels, annotations, rules (or aggregation selectors) and subjects it is missing — what a
// user added stays. A binding whose roleRef was changed is recreated.
import type { KubeObject } from '../../api/meta/v1/types.js';
import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, Subject } from '../../api/rbac/v1/types.js';
import type { ResourceInfo } from '../../api/scheme.js';
import { isNotFound } from '../../machinery/errors.js';
import {
  AUTOUPDATE_ANNOTATION, bootstrapClusterRoleBindings, bootstrapClusterRoles, bootstrapRoleBindings, bootstrapRoles,
} from './policy.js';
import { covers } from './rules.js';
import type { ServerWriter } from './writer.js';

type AnyRole = Role | ClusterRole;
type AnyBinding = RoleBinding | ClusterRoleBinding;

export interface ReconcileResult {
  created: string[];
  updated: string[];
  skipped: string[];
}

function isProtected(obj: KubeObject): boolean {
  return obj.metadata?.annotations?.[AUTOUPDATE_ANNOTATION] === 'false';
}

/** Adds the expected labels and annotations that are missing; existing values win. */
function mergeMeta(cur: KubeObject, expected: KubeObject): boolean {
  let changed = false;
  const meta = (cur.metadata ??= {});
  for (const field of ['labels', 'annotations'] as const) {
    const want = expected.metadata?.[field] ?? {};
    for (const [k, v] of Object.entries(want)) {
      const have = (meta[field] ??= {});
      if (!(k in have)) {
        have[k] = v;
        changed = true;
      }
    }
    if (meta[field] && !Object.keys(meta[field]!).length) delete meta[field];
  }
  return changed;
}

/** The role with what it lacks of the expected one added, or undefined when nothing is missing. */
export function reconcileRole(cur: AnyRole, expected: AnyRole): AnyRole | undefined {
  const next = structuredClone(cur);
  let changed = mergeMeta(next, expected);
  const exp = expected as ClusterRole;
  if (exp.aggregationRule) {
    const n = next as ClusterRole;
    const have = n.aggregationRule?.clusterRoleSelectors ?? [];
    const missing = (exp.aggregationRule.clusterRoleSelectors ?? [])
      .filter((s) => !have.some((h) => JSON.stringify(h) === JSON.stringify(s)));
    if (missing.length) {
      n.aggregationRule = { clusterRoleSelectors: [...have, ...missing] };
      changed = true;
    }
  } else {
    const { missing } = covers(next.rules ?? [], expected.rules ?? []);
    if (missing.length) {
      // add whole expected rules that are not yet covered, as upstream appends the missing ones
      const add: PolicyRule[] = (expected.rules ?? []).filter((r) => !covers(next.rules ?? [], [r]).covered);
      next.rules = [...(next.rules ?? []), ...structuredClone(add)];
      changed = true;
    }
  }
  return changed ? next : undefined;
}

function sameSubject(a: Subject, b: Subject): boolean {
  return a.kind === b.kind && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '');
}

export function reconcileBinding(cur: AnyBinding, expected: AnyBinding): AnyBinding | undefined {
  const next = structuredClone(cur);
  let changed = mergeMeta(next, expected);
  const missing = (expected.subjects ?? []).filter((s) => !(next.subjects ?? []).some((h) => sameSubject(h, s)));
  if (missing.length) {
    next.subjects = [...(next.subjects ?? []), ...structuredClone(missing)];
    changed = true;
  }
  return changed ? next : undefined;
}

function label(info: ResourceInfo, obj: KubeObject): string {
  const ns = obj.metadata?.namespace;
  return `${info.resource}/${ns ? `${ns}/` : ''}${obj.metadata?.name ?? ''}`;
}

async function ensureOne(w: ServerWriter, info: ResourceInfo, expected: KubeObject, res: ReconcileResult,
  reconcile: (cur: KubeObject, exp: KubeObject) => KubeObject | undefined): Promise<void> {
  const ns = expected.metadata?.namespace ?? '';
  const name = expected.metadata?.name ?? '';
  const what = label(info, expected);
  let recreate: KubeObject | undefined;
  try {
    const changed = await w.update(info, ns, name, (cur) => {
      if (isProtected(cur)) return undefined;
      const refA = (cur as AnyBinding).roleRef;
      const refB = (expected as AnyBinding).roleRef;
      if (refA && refB && (refA.kind !== refB.kind || refA.name !== refB.name)) {
        recreate = cur;
        return undefined;
      }
      return reconcile(cur, expected);
    });
    if (changed) res.updated.push(what);
  } catch (e) {
    if (!isNotFound(e)) throw e;
    if (await w.create(info, expected)) res.created.push(what);
    return;
  }
  if (recreate) {
    await w.remove(info, recreate);
    await w.create(info, expected);
    res.updated.push(what);
  }
}

/** Creates or reconciles every default role and binding; namespaced ones need their namespace to exist. */
export async function ensureBootstrapPolicy(w: ServerWriter): Promise<ReconcileResult> {
  const res: ReconcileResult = { created: [], updated: [], skipped: [] };
  const roleFix = (c: KubeObject, e: KubeObject): KubeObject | undefined => reconcileRole(c as AnyRole, e as AnyRole);
  const bindingFix = (c: KubeObject, e: KubeObject): KubeObject | undefined => reconcileBinding(c as AnyBinding, e as AnyBinding);
  const steps: [ResourceInfo, KubeObject[], typeof roleFix][] = [
    [w.info('clusterroles'), bootstrapClusterRoles(), roleFix],
    [w.info('clusterrolebindings'), bootstrapClusterRoleBindings(), bindingFix],
    [w.info('roles'), bootstrapRoles(), roleFix],
    [w.info('rolebindings'), bootstrapRoleBindings(), bindingFix],
  ];
  for (const [info, objs, fix] of steps) {
    for (const obj of objs) {
      try {
        await ensureOne(w, info, obj, res, fix);
      } catch (e) {
        res.skipped.push(`${label(info, obj)}: ${(e as Error).message}`);
      }
    }
  }
  return res;
}
