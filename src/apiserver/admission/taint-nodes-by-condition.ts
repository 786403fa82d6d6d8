// TaintNodesByCondition: a new Node starts tainted not-ready (NoSchedule) until the node
// lifecycle controller sees it Ready and lifts the taint.
import type { AdmissionPlugin } from '../chain.js';
import { isResource } from './util.js';

interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

export const NOT_READY_TAINT: Taint = { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' };

export function taintNodesByCondition(): AdmissionPlugin {
  return {
    name: 'TaintNodesByCondition',
    async admit(a) {
      if (!isResource(a, '', 'nodes') || a.operation !== 'CREATE' || !a.object) return;
      const spec = ((a.object as { spec?: { taints?: Taint[] } }).spec ??= {});
      const taints = spec.taints ?? [];
      if (taints.some((t) => t.key === NOT_READY_TAINT.key && t.effect === NOT_READY_TAINT.effect)) return;
      spec.taints = [...taints, { ...NOT_READY_TAINT }];
    },
  };
}
