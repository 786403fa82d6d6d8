// Discovery (client-go's ServerPreferredResources): the resources of the preferred version of
// every group the server serves, subresources left out.
import type { RestClient } from './rest.js';

export interface ServedResource {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
}

interface ApiResource { name: string; kind: string; namespaced: boolean; verbs: string[] }
interface GroupList { groups: { name: string; preferredVersion?: { version: string }; versions: { version: string }[] }[] }

export async function preferredResources(rest: RestClient): Promise<ServedResource[]> {
  const versions: [string, string][] = [['', 'v1']];
  const groups = await rest.json<GroupList>({ path: '/apis' });
  for (const g of groups.groups) {
    const v = g.preferredVersion?.version ?? g.versions[0]?.version;
    if (v) versions.push([g.name, v]);
  }
  const out: ServedResource[] = [];
  for (const [group, version] of versions) {
    const list = await rest.json<{ resources: ApiResource[] }>({ path: group ? `/apis/${group}/${version}` : `/api/${version}` });
    for (const r of list.resources) {
      if (!r.name.includes('/')) out.push({ group, version, resource: r.name, kind: r.kind, namespaced: r.namespaced, verbs: r.verbs });
    }
  }
  return out;
}
