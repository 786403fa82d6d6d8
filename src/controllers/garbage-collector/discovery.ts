// The resources the garbage collector watches, found through discovery (upstream's
// GetDeletableResources): every resource of a preferred version (namespaced or not) that can
// be listed, watched and deleted — so custom resources join once served.
import { preferredResources } from '../../client/discovery.js';
import type { RestClient } from '../../client/rest.js';
import type { GroupVersionResource } from '../../client/resource.js';

export interface GcResource extends GroupVersionResource {
  kind: string;
  namespaced: boolean;
}

/** The group/kind key ownerReferences are resolved by. */
export function groupKind(apiVersion: string, kind: string): string {
  const slash = apiVersion.indexOf('/');
  return `${slash < 0 ? '' : apiVersion.slice(0, slash)}/${kind}`;
}

export async function deletableResources(rest: RestClient): Promise<GcResource[]> {
  return (await preferredResources(rest))
    .filter((r) => ['list', 'watch', 'delete'].every((v) => r.verbs.includes(v)))
    .map(({ group, version, resource, kind, namespaced }) => ({ group, version, resource, kind, namespaced }));
}
