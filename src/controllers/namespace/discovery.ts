// Which namespaced resources a namespace can hold, found through discovery (upstream's
// ServerPreferredNamespacedResources filtered to what can be listed and deleted), so that
// every kind served — custom resources too, once served — is emptied with the namespace.
import type { RestClient } from '../../client/rest.js';
import type { GroupVersionResource } from '../../client/resource.js';

interface ApiResource { name: string; namespaced: boolean; verbs: string[] }
interface ResourceList { groupVersion: string; resources: ApiResource[] }
interface GroupList { groups: { name: string; preferredVersion?: { version: string }; versions: { version: string }[] }[] }

export interface DeletableResource extends GroupVersionResource {
  /** deletecollection is served: one request empties it */
  collection: boolean;
}

/** The namespaced resources of the preferred version of every group that support list and delete. */
export async function deletableNamespacedResources(rest: RestClient): Promise<DeletableResource[]> {
  const versions: [string, string][] = [['', 'v1']];
  const groups = await rest.json<GroupList>({ path: '/apis' });
  for (const g of groups.groups) {
    const v = g.preferredVersion?.version ?? g.versions[0]?.version;
    if (v) versions.push([g.name, v]);
  }
  const out: DeletableResource[] = [];
  for (const [group, version] of versions) {
    const list = await rest.json<ResourceList>({ path: group ? `/apis/${group}/${version}` : `/api/${version}` });
    for (const r of list.resources) {
      if (!r.namespaced || r.name.includes('/')) continue;
      if (!r.verbs.includes('list') || !r.verbs.includes('delete')) continue;
      out.push({ group, version, resource: r.name, collection: r.verbs.includes('deletecollection') });
    }
  }
  return out;
}
