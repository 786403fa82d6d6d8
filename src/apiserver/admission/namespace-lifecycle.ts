// NamespaceLifecycle: nothing new goes into a namespace that does not exist or is being
// terminated, and the namespaces the cluster itself relies on cannot be deleted.
import type { KubeObject } from '../../api/meta/v1/types.js';
import { NotFoundError } from '../../machinery/errors.js';
import type { AdmissionPlugin } from '../chain.js';
import { cachedGet, forbidden, infoFor, type AdmissionDeps } from './util.js';

/** Upstream's immortal namespaces (kube-node-lease is recreated by the API server, not protected). */
export const IMMORTAL_NAMESPACES = ['default', 'kube-system', 'kube-public'];

/** Access reviews answer about a namespace without writing into it. */
const ACCESS_REVIEWS = new Set(['localsubjectaccessreviews', 'subjectaccessreviews', 'selfsubjectaccessreviews', 'selfsubjectrulesreviews']);

export function namespaceLifecycle({ registry, scheme }: AdmissionDeps, immortal: readonly string[] = IMMORTAL_NAMESPACES): AdmissionPlugin {
  const nsInfo = infoFor(scheme, '', 'v1', 'namespaces');
  return {
    name: 'NamespaceLifecycle',
    // a mutating plugin upstream too: it runs first, before anything else acts on the request
    async admit(a) {
      if (a.info.group === '' && a.info.resource === 'namespaces') {
        if (a.operation === 'DELETE' && immortal.includes(a.name)) throw forbidden(a, 'this namespace may not be deleted');
        return;
      }
      if (!a.info.namespaced || !a.namespace) return;
      if (a.operation === 'DELETE') return;
      if (a.info.group === 'authorization.k8s.io' && ACCESS_REVIEWS.has(a.info.resource)) return;
      const ns = await cachedGet<KubeObject>(registry, nsInfo, '', a.namespace);
      if (!ns) throw new NotFoundError({ group: '', resource: 'namespaces' }, a.namespace);
      if (a.operation !== 'CREATE') return;
      const phase = (ns.status as { phase?: string } | undefined)?.phase;
      if (phase === 'Terminating' || ns.metadata?.deletionTimestamp) {
        const err = forbidden(a, `unable to create new content in namespace ${a.namespace} because it is being terminated`);
        if (err.details) err.details.causes = [{ reason: 'NamespaceTerminating', message: `namespace ${a.namespace} is being terminated`, field: 'metadata.namespace' }];
        throw err;
      }
    },
  };
}
