// Which message a protobuf body holds: the kind named in its envelope, looked up in the scheme,
// then among the kinds that are only bodies of subresources (Scale, TokenRequest, Eviction)
// and DeleteOptions, which typed clients send with any group's version.
import type { Scheme } from '../scheme.js';
import { defNameOf, packageOf, type TSchema } from '../schema.js';
import { messageInfo } from './table.js';
import { subresourceBodyKinds, subresourceKinds } from '../index.js';
import { subresourceKinds as policySubresourceKinds } from '../policy/v1/index.js';
import { DeleteOptions } from '../meta/v1/types.js';

interface Gvk {
  group: string;
  version: string;
  kind: string;
}

function gvksOf(schema: TSchema): Gvk[] {
  const gvks = (schema as unknown as Record<string, unknown>)['x-kubernetes-group-version-kind'];
  return Array.isArray(gvks) ? (gvks as Gvk[]) : [];
}

function splitApiVersion(apiVersion: string): [string, string] {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? ['', apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
}

/** The schema of the kind a body names, or undefined when this server does not know it. */
export function schemaForKind(scheme: Scheme, apiVersion: string, kind: string): TSchema | undefined {
  const info = scheme.forObject(apiVersion, kind);
  if (info) return info.schema;
  const [group, version] = splitApiVersion(apiVersion);
  const extra: TSchema[] = [
    ...subresourceKinds.map((k) => k.schema),
    ...policySubresourceKinds.map((k) => k.schema),
    ...subresourceBodyKinds,
  ];
  for (const schema of extra) {
    if (gvksOf(schema).some((g) => g.group === group && g.version === version && g.kind === kind)) return schema;
  }
  if (kind === 'DeleteOptions') return DeleteOptions;
  return undefined;
}

/**
 * The message of any kind the tables describe, served or not: lists (DeploymentList), Status,
 * the option kinds. For encoding responses; request decoding accepts only schemaForKind's kinds.
 */
export function messageForKind(scheme: Scheme, apiVersion: string, kind: string): string | undefined {
  const schema = schemaForKind(scheme, apiVersion, kind);
  if (schema) return defNameOf(schema);
  const [group, version] = splitApiVersion(apiVersion);
  const own = `${packageOf(group, version)}.${kind}`;
  if (messageInfo(own)) return own;
  const meta = `io.k8s.apimachinery.pkg.apis.meta.v1.${kind}`;
  return messageInfo(meta) ? meta : undefined;
}

/** The definition name of the message of a kind's schema. */
export function messageNameOf(schema: TSchema): string | undefined {
  return defNameOf(schema);
}
