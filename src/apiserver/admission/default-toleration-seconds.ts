// DefaultTolerationSeconds: pods tolerate a node being not-ready or unreachable for five
// minutes before they are evicted, unless they say otherwise.
import type { Pod } from '../../api/core/v1/pod.js';
import type { AdmissionPlugin } from '../chain.js';
import { isResource } from './util.js';

export const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
export const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';
export const DEFAULT_TOLERATION_SECONDS = 300;

type Toleration = NonNullable<NonNullable<Pod['spec']>['tolerations']>[number];

function tolerates(ts: Toleration[], key: string): boolean {
  return ts.some((t) => (!t.key || t.key === key) && (!t.effect || t.effect === 'NoExecute'));
}

export function addDefaultTolerations(pod: Pod, seconds = DEFAULT_TOLERATION_SECONDS): void {
  const spec = (pod.spec ??= { containers: [] });
  const ts = spec.tolerations ?? [];
  const add: Toleration[] = [];
  for (const key of [NOT_READY_TAINT, UNREACHABLE_TAINT]) {
    if (!tolerates(ts, key)) add.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds });
  }
  if (add.length) spec.tolerations = [...ts, ...add];
}

export function defaultTolerationSeconds(seconds = DEFAULT_TOLERATION_SECONDS): AdmissionPlugin {
  return {
    name: 'DefaultTolerationSeconds',
    async admit(a) {
      // on update too: tolerations can only be added, so a pod written back without them keeps them
      if (!isResource(a, '', 'pods') || (a.operation !== 'CREATE' && a.operation !== 'UPDATE') || !a.object) return;
      addDefaultTolerations(a.object as Pod, seconds);
    },
  };
}
