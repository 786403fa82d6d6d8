// Priority: a pod's priorityClassName resolves to spec.priority and spec.preemptionPolicy
// (the globalDefault class, or 0, when it names none); the two system classes always exist.
// PriorityClass writes are checked so that only one class is the global default.
import type { Pod } from '../../api/core/v1/pod.js';
import type { PriorityClass } from '../../api/scheduling/v1/priorityclass.js';
import { SYSTEM_PRIORITY_CLASSES } from '../../api/scheduling/v1/priorityclass.js';
import { isAlreadyExists } from '../../machinery/errors.js';
import type { AdmissionPlugin } from '../chain.js';
import type { Registry } from '../registry.js';
import type { Scheme } from '../../api/scheme.js';
import { createObject } from '../write-path.js';
import { forbidden, getOrUndefined, infoFor, isResource, listAll, type AdmissionDeps } from './util.js';

type Preemption = 'Never' | 'PreemptLowerPriority';

/** The built-in class of that name, as the API server creates it at start. */
export function systemPriorityClass(name: string): PriorityClass | undefined {
  const value = SYSTEM_PRIORITY_CLASSES[name];
  if (value === undefined) return undefined;
  const description = name === 'system-node-critical'
    ? 'Used for system critical pods that must not be moved from their current node.'
    : 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.';
  return {
    apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name },
    value, globalDefault: false, description, preemptionPolicy: 'PreemptLowerPriority',
  };
}

/** Creates system-node-critical and system-cluster-critical when missing; returns the names it created. */
export async function ensureSystemPriorityClasses(registry: Registry, scheme: Scheme): Promise<string[]> {
  const info = infoFor(scheme, 'scheduling.k8s.io', 'v1', 'priorityclasses');
  const created: string[] = [];
  for (const name of Object.keys(SYSTEM_PRIORITY_CLASSES)) {
    const pc = systemPriorityClass(name);
    if (!pc) continue;
    try {
      await createObject({ info, registry, manager: 'kube-apiserver' }, pc);
      created.push(name);
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
    }
  }
  return created;
}

export function priority({ registry, scheme }: AdmissionDeps): AdmissionPlugin {
  const pcInfo = infoFor(scheme, 'scheduling.k8s.io', 'v1', 'priorityclasses');
  const classes = (): Promise<PriorityClass[]> => listAll<PriorityClass>(registry, pcInfo);

  async function resolve(name: string): Promise<PriorityClass | undefined> {
    return await getOrUndefined<PriorityClass>(registry, pcInfo, '', name) ?? systemPriorityClass(name);
  }

  /** The globalDefault class with the lowest value, if any. */
  async function defaultClass(): Promise<PriorityClass | undefined> {
    let best: PriorityClass | undefined;
    for (const pc of await classes()) {
      if (pc.globalDefault && (!best || pc.value < best.value)) best = pc;
    }
    return best;
  }

  return {
    name: 'Priority',
    async admit(a) {
      if (!isResource(a, '', 'pods') || !a.object) return;
      const pod = a.object as Pod;
      const spec = (pod.spec ??= { containers: [] });
      if (a.operation === 'UPDATE') {
        // priority is set once, at create; an update that leaves it out keeps it
        const old = (a.oldObject as Pod | undefined)?.spec;
        if ((spec.priority === undefined || spec.priority === null) && old?.priority !== undefined) spec.priority = old.priority;
        if (!spec.preemptionPolicy && old?.preemptionPolicy) spec.preemptionPolicy = old.preemptionPolicy;
        return;
      }
      if (a.operation !== 'CREATE') return;
      let value = 0;
      let preemption: Preemption | undefined = 'PreemptLowerPriority';
      if (!spec.priorityClassName) {
        const d = await defaultClass();
        if (d) {
          spec.priorityClassName = d.metadata?.name;
          value = d.value;
          preemption = d.preemptionPolicy;
        }
      } else {
        const pc = await resolve(spec.priorityClassName);
        if (!pc) throw forbidden(a, `no PriorityClass with name ${spec.priorityClassName} was found`);
        value = pc.value;
        preemption = pc.preemptionPolicy;
      }
      if (spec.priority !== undefined && spec.priority !== null && spec.priority !== value) {
        throw forbidden(a, `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`);
      }
      spec.priority = value;
      if (preemption) {
        if (spec.preemptionPolicy && spec.preemptionPolicy !== preemption) {
          throw forbidden(a, `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${preemption} from the given PriorityClass name`);
        }
        spec.preemptionPolicy = preemption;
      }
    },
    async validate(a) {
      if (!isResource(a, 'scheduling.k8s.io', 'priorityclasses') || !a.object) return;
      if (a.operation !== 'CREATE' && a.operation !== 'UPDATE') return;
      const pc = a.object as PriorityClass;
      if (!pc.globalDefault) return;
      const other = (await classes()).find((c) => c.globalDefault && c.metadata?.name !== pc.metadata?.name);
      if (other) throw forbidden(a, `PriorityClass ${other.metadata?.name} is already marked as default. Only one default can exist`);
    },
  };
}
