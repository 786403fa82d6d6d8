// Which namespaced resources a namespace can hold, found through discovery (upstream's
// ServerPreferredNamespacedResources filtered to what can be listed and deleted), so that
// every kind served — custom resources too, once served — is emptied with the namespace.
import { preferredResources } from '../../client/discovery.js';
import type { RestClient } from '../../client/rest.js';
import type { GroupVersionResource } from '../../client/resource.js';

export interface DeletableResource extends GroupVersionResource {
  /** deletecollection is served: one request empties it */
  collection: boolean;
}

/** The namespaced resources of the preferred version of every group that support list and delete. */
export async function deletableNamespacedResources(rest: RestClient): Promise<DeletableResource[]> {
  return (await preferredResources(rest))
    .filter((r) => r.namespaced && r.verbs.includes('list') && r.verbs.includes('delete'))
    .map(({ group, version, resource, verbs }) => ({ group, version, resource, collection: verbs.includes('deletecollection') }));
}
