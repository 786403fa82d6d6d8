// The resources the garbage collector watches, found through discovery (upstream's
// GetDeletableResources): the preferred version of every group, every resource (namespaced
// or not) that can be listed, watched and deleted — so custom resources join once served.
import type { RestClient } from '../../client/rest.js';
import type { GroupVersionResource } from '../../client/resource.js';

interface ApiResource { name: string; kind: string; namespaced: boolean; verbs: string[] }
interface ResourceList { resources: ApiResource[] }
interface GroupList { groups: { name: string; preferredVersion?: { version: string }; versions: { version: string }[] }[] }

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
  const versions: [string, string][] = [['', 'v1']];
  const groups = await rest.json<GroupList>({ path: '/apis' });
  for (const g of groups.groups) {
    const v = g.preferredVersion?.version ?? g.versions[0]?.version;
    if (v) versions.push([g.name, v]);
  }
  const out: GcResource[] = [];
  for (const [group, version] of versions) {
    const list = await rest.json<ResourceList>({ path: group ? `/apis/${group}/${version}` : `/api/${version}` });
    for (const r of list.resources) {
      if (r.name.includes('/')) continue;
      if (!['list', 'watch', 'delete'].every((v) => r.verbs.includes(v))) continue;
      out.push({ group, version, resource: r.name, kind: r.kind, namespaced: r.namespaced });
    }
  }
  return out;
}
