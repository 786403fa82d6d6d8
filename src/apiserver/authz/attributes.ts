// The authorization attributes of a request, as upstream's RequestInfo gives them: a list or
// watch limited by fieldSelector=metadata.name=<x> is authorized as a request for that one
// name (so a kubelet may watch the one Secret its pod uses, and resourceNames rules apply).
import type { AuthorizationAttributes, UserInfo } from '../chain.js';
import type { RequestInfo } from '../request-info.js';

/** The name a fieldSelector pins with metadata.name=<x> or ==, if it is a valid path segment. */
export function selectedName(fieldSelector: string | null): string | undefined {
  if (!fieldSelector) return undefined;
  let found: string | undefined;
  for (const term of fieldSelector.split(',')) {
    const m = /^\s*metadata\.name\s*==?\s*(.*?)\s*$/.exec(term);
    if (!m || term.includes('!=')) continue;
    if (found !== undefined && found !== m[1]) return undefined;
    found = m[1];
  }
  if (!found || found === '.' || found === '..' || /[/%]/.test(found)) return undefined;
  return found;
}

export function attributesOf(user: UserInfo, ri: RequestInfo, query?: URLSearchParams): AuthorizationAttributes {
  let name = ri.name;
  if (!name && (ri.verb === 'list' || ri.verb === 'watch') && query) name = selectedName(query.get('fieldSelector')) ?? '';
  return {
    user, verb: ri.verb, isResourceRequest: ri.isResourceRequest, path: ri.path, apiGroup: ri.apiGroup,
    apiVersion: ri.apiVersion, resource: ri.resource, subresource: ri.subresource, namespace: ri.namespace, name,
  };
}
