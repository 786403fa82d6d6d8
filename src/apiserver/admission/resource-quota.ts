// ResourceQuota: every write that adds to what a namespace uses is charged to each quota
// there before the object is stored. The charge is a compare-and-swap update of the quota's
// status.used (the registry retries on a concurrent write with the fresh usage), so two
// creates racing for the last unit cannot both pass. kubets has no quota controller yet, so
// this plugin also fills a new quota's status from the objects that exist and gives usage
// back when an object is deleted.
import type { Pod } from '../../api/core/v1/pod.js';
import type { ResourceQuota } from '../../api/core/v1/resource-quota.js';
import type { KubeObject } from '../../api/meta/v1/types.js';
import type { ResourceInfo, Scheme } from '../../api/scheme.js';
import { parseQuantity } from '../../machinery/quantity.js';
import type { AdmissionAttributes, AdmissionPlugin } from '../chain.js';
import type { Registry } from '../registry.js';
import { updateObject, type Write } from '../write-path.js';
import {
  fromUsage, missingPodResources, prettyPrint, quotaSelects, toUsage, tracks, usageOf, type Usage,
} from './quota-usage.js';
import { forbidden, getOrUndefined, infoFor, listAll, type AdmissionDeps } from './util.js';

/** The stored kinds whose objects could count toward these quota names. */
function contributingKinds(scheme: Scheme, names: string[]): ResourceInfo[] {
  const out: ResourceInfo[] = [];
  const seen = new Set<string>();
  for (const info of scheme.all()) {
    if (info.virtual || !info.namespaced) continue;
    const gr = `${info.group}/${info.resource}`;
    if (seen.has(gr)) continue;
    if (names.some((n) => tracks(info, n))) {
      seen.add(gr);
      out.push(info);
    }
  }
  return out;
}

/** What the objects that exist in a namespace use of the given names, for one quota. */
export async function measureUsage(registry: Registry, scheme: Scheme, namespace: string, rq: ResourceQuota, names: string[]): Promise<Usage> {
  const used: Usage = new Map(names.map((n) => [n, parseQuantity(0)]));
  for (const info of contributingKinds(scheme, names)) {
    for (const obj of await listAll<KubeObject>(registry, info, namespace)) {
      if (!quotaSelects(rq, info, obj)) continue;
      for (const [k, v] of usageOf(info, obj)) {
        const cur = used.get(k);
        if (cur) used.set(k, cur.add(v));
      }
    }
  }
  return used;
}

/** deltas only where the new object uses more (SubtractWithNonNegativeResult). */
function increase(now: Usage, before: Usage): Usage {
  const out: Usage = new Map();
  for (const [k, v] of now) {
    const d = before.has(k) ? v.sub(before.get(k) ?? parseQuantity(0)) : v;
    if (d.sign() > 0) out.set(k, d);
  }
  return out;
}

function sameKeys(x: Record<string, string> | undefined, y: Record<string, string> | undefined): boolean {
  const kx = Object.keys(x ?? {}).sort().join('\n');
  return kx !== '' && kx === Object.keys(y ?? {}).sort().join('\n');
}

export function resourceQuota({ registry, scheme }: AdmissionDeps): AdmissionPlugin {
  const rqInfo = infoFor(scheme, '', 'v1', 'resourcequotas');
  /**
   * Requests already charged or released: updates and deletes are admitted inside the
   * registry's retry loop, so a conflict can run admission again for the same request
   * (recognised by its warnings list, which lives as long as the request).
   */
  const settled = new WeakSet<object>();
  /** quota usage is written as the quota controller would: through resourcequotas/status */
  const statusWrite = (dryRun: boolean): Write => ({ info: rqInfo, registry, manager: 'kube-apiserver', subresource: 'status', dryRun });

  /** Adds `requested` to one quota's status.used if it fits, atomically; throws 403 otherwise. */
  async function charge(a: AdmissionAttributes, name: string, requested: Usage, tracked: string[]): Promise<void> {
    await updateObject(statusWrite(a.dryRun), a.namespace, name, { incoming: async (cur) => {
      const rq = structuredClone(cur) as ResourceQuota;
      const hard = toUsage(rq.spec?.hard);
      const used = toUsage(rq.status?.used);
      const missing = Object.keys(rq.spec?.hard ?? {}).filter((k) => !used.has(k));
      if (missing.length) {
        if (sameKeys(rq.status?.hard, rq.spec?.hard)) {
          if (tracked.some((k) => !used.has(k))) throw forbidden(a, `status unknown for quota: ${name}, resources: ${[...tracked].sort().join(',')}`);
        } else {
          // no controller has measured this quota (or its new limits) yet: measure it now
          for (const [k, v] of await measureUsage(registry, scheme, a.namespace, rq, missing)) used.set(k, v);
        }
      }
      const next: Usage = new Map(used);
      const exceeded: string[] = [];
      for (const [k, v] of requested) {
        const n = (used.get(k) ?? parseQuantity(0)).add(v);
        next.set(k, n);
        const h = hard.get(k);
        if (h && n.cmp(h) > 0) exceeded.push(k);
      }
      if (exceeded.length) {
        const pick = (u: Usage): Usage => new Map(exceeded.map((k) => [k, u.get(k) ?? parseQuantity(0)]));
        throw forbidden(a, `exceeded quota: ${name}, requested: ${prettyPrint(pick(requested))}, used: ${prettyPrint(pick(used))}, limited: ${prettyPrint(pick(hard))}`);
      }
      rq.status = { hard: { ...(rq.spec?.hard ?? {}) }, used: fromUsage(next) };
      return rq;
    } });
  }

  /** Takes `released` back off a quota (never below zero). */
  async function release(namespace: string, name: string, released: Usage): Promise<void> {
    await updateObject(statusWrite(false), namespace, name, { incoming: (cur) => {
      const rq = structuredClone(cur) as ResourceQuota;
      const used = toUsage(rq.status?.used);
      for (const [k, v] of released) {
        const u = used.get(k);
        if (!u) continue;
        const n = u.sub(v);
        used.set(k, n.sign() < 0 ? parseQuantity(0) : n);
      }
      rq.status = { ...(rq.status ?? {}), used: fromUsage(used) };
      return rq;
    } });
  }

  async function admitWrite(a: AdmissionAttributes): Promise<void> {
    const obj = a.object;
    if (!obj || (a.operation === 'UPDATE' && settled.has(a.warnings))) return;
    const delta = a.operation === 'UPDATE' ? increase(usageOf(a.info, obj), usageOf(a.info, a.oldObject)) : usageOf(a.info, obj);
    const isPod = a.info.group === '' && a.info.resource === 'pods';
    if (!delta.size && !isPod) return;
    const quotas = (await listAll<ResourceQuota>(registry, rqInfo, a.namespace)).sort((x, y) => ((x.metadata?.name ?? '') < (y.metadata?.name ?? '') ? -1 : 1));
    if (!quotas.length) return;
    if (a.operation === 'CREATE' && obj.metadata?.name && await getOrUndefined(registry, a.info, a.namespace, obj.metadata.name)) {
      return; // the store refuses the create (AlreadyExists): nothing to charge
    }
    const charged: { name: string; usage: Usage }[] = [];
    try {
      for (const rq of quotas) {
        const name = rq.metadata?.name ?? '';
        if (a.operation === 'UPDATE') settled.add(a.warnings);
        if (!quotaSelects(rq, a.info, obj)) continue;
        const tracked = Object.keys(rq.spec?.hard ?? {}).filter((k) => tracks(a.info, k));
        if (!tracked.length) continue;
        if (isPod && a.operation === 'CREATE') {
          const missing = missingPodResources(obj as Pod, tracked);
          if (missing) throw forbidden(a, `failed quota: ${name}: ${missing}`);
        }
        const requested: Usage = new Map([...delta].filter(([k]) => tracked.includes(k)));
        if (!requested.size) continue;
        await charge(a, name, requested, tracked);
        if (!a.dryRun) charged.push({ name, usage: requested });
      }
    } catch (e) {
      for (const c of charged) await release(a.namespace, c.name, c.usage).catch(() => undefined);
      throw e;
    }
  }

  async function releaseDeleted(a: AdmissionAttributes): Promise<void> {
    if (a.dryRun || settled.has(a.warnings)) return;
    const quotas = await listAll<ResourceQuota>(registry, rqInfo, a.namespace);
    if (!quotas.length) return;
    const obj = a.oldObject ?? await getOrUndefined<KubeObject>(registry, a.info, a.namespace, a.name);
    // a second delete of an object already being deleted gave its usage back the first time
    if (!obj || obj.metadata?.deletionTimestamp) return;
    const plain = { ...obj, status: undefined, metadata: { ...obj.metadata } };
    const usage = usageOf(a.info, plain);
    if (!usage.size) return;
    settled.add(a.warnings);
    for (const rq of quotas) {
      if (!quotaSelects(rq, a.info, obj)) continue;
      const mine: Usage = new Map([...usage].filter(([k]) => k in (rq.status?.used ?? {})));
      if (mine.size) await release(a.namespace, rq.metadata?.name ?? '', mine);
    }
  }

  /**
   * Standing in for the quota controller: a quota written with new limits gets its status
   * (hard = spec.hard, used measured for the names it did not track before) before it is stored.
   */
  async function fillStatus(a: AdmissionAttributes): Promise<void> {
    const rq = a.object as ResourceQuota | undefined;
    if (!rq || a.subresource || (a.operation !== 'CREATE' && a.operation !== 'UPDATE')) return;
    const hard = rq.spec?.hard ?? {};
    if (a.operation === 'UPDATE' && sameKeys(rq.status?.hard, hard) && JSON.stringify(rq.status?.hard) === JSON.stringify(hard)) return;
    const old = toUsage(rq.status?.used);
    const names = Object.keys(hard);
    const used: Usage = new Map(names.filter((k) => old.has(k)).map((k) => [k, old.get(k) ?? parseQuantity(0)]));
    const missing = names.filter((k) => !used.has(k));
    if (missing.length) for (const [k, v] of await measureUsage(registry, scheme, a.namespace, rq, missing)) used.set(k, v);
    rq.status = { hard: { ...hard }, used: fromUsage(used) };
  }

  return {
    name: 'ResourceQuota',
    async validate(a) {
      if (!a.info.namespaced || !a.namespace || a.subresource) return;
      if (a.info.group === '' && a.info.resource === 'resourcequotas') await fillStatus(a);
      if (a.operation === 'CREATE' || a.operation === 'UPDATE') return admitWrite(a);
      if (a.operation === 'DELETE') return releaseDeleted(a);
    },
  };
}
