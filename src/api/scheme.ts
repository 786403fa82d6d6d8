// The scheme: every kind the API serves, with what the API server, kubectl's
// discovery and the printers need to know about it. Each group/version module
// exports its ResourceInfo entries; src/api/index.ts collects them into one Scheme.
import type { TObject } from './schema.js';
import type { KubeObject } from './meta/v1/types.js';
import type { FieldError } from '../machinery/field-errors.js';
import type { Strategy } from './strategy.js';

/** A column of server-side printed tables (meta.k8s.io/v1 TableColumnDefinition). */
export interface TableColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format?: string;
  description: string;
  /** 0 = always shown, 1 = only with -o wide */
  priority: number;
}

export interface Printer<T> {
  columns: TableColumn[];
  /** the cells of one row, in column order; `now` makes ages testable */
  row(obj: T, now: Date): unknown[];
}

/** Where the scale subresource reads and writes its numbers (JSON paths into the object). */
export interface ScaleInfo {
  specReplicasPath: string;   // e.g. spec.replicas
  statusReplicasPath: string; // e.g. status.replicas
  labelSelectorPath?: string; // e.g. status.selector (string) or spec.selector (LabelSelector)
}

export interface ResourceInfo<T extends KubeObject = any> {
  group: string;
  version: string;
  kind: string;
  /** plural lowercase resource name: pods, deployments */
  resource: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  /** verbs served; default: create delete deletecollection get list patch update watch */
  verbs?: string[];
  /** subresources served, e.g. ['status', 'scale'] or ['binding', 'log', 'exec'] */
  subresources: string[];
  scale?: ScaleInfo;
  schema: TObject;
  /** Applies upstream's defaults in place (SetObjectDefaults). */
  defaults?(obj: T): void;
  /** Validation on create; ObjectMeta rules included. */
  validate?(obj: T): FieldError[];
  /** Validation on update: immutable fields and the create rules again. */
  validateUpdate?(obj: T, old: T): FieldError[];
  /** Extra field-selector fields beyond metadata.name/metadata.namespace, e.g. spec.nodeName for pods. */
  selectableFields?(obj: T): Record<string, string>;
  printer?: Printer<T>;
  /** What writes do beyond defaults and validation (src/api/strategy.ts); generic rules when absent. */
  strategy?: Strategy<T>;
  /** The kind is not stored: review objects (TokenReview, SubjectAccessReview), Binding, Eviction. */
  virtual?: boolean;
}

export const DEFAULT_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export function apiVersionOf(r: { group: string; version: string }): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

export class Scheme {
  readonly #byGvr = new Map<string, ResourceInfo>();
  readonly #byGvk = new Map<string, ResourceInfo>();
  readonly #all: ResourceInfo[] = [];

  constructor(infos: ResourceInfo[] = []) {
    for (const i of infos) this.add(i);
  }

  add(info: ResourceInfo): void {
    const gvr = `${info.group}/${info.version}/${info.resource}`;
    if (this.#byGvr.has(gvr)) throw new Error(`scheme: ${gvr} registered twice`);
    this.#byGvr.set(gvr, info);
    this.#byGvk.set(`${info.group}/${info.version}/${info.kind}`, info);
    this.#all.push(info);
  }

  all(): readonly ResourceInfo[] {
    return this.#all;
  }

  byResource(group: string, version: string, resource: string): ResourceInfo | undefined {
    return this.#byGvr.get(`${group}/${version}/${resource}`);
  }

  byKind(group: string, version: string, kind: string): ResourceInfo | undefined {
    return this.#byGvk.get(`${group}/${version}/${kind}`);
  }

  /** Finds by apiVersion ("apps/v1") and kind. */
  forObject(apiVersion: string, kind: string): ResourceInfo | undefined {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
    return this.byKind(group, version, kind);
  }

  /** group → versions served, in preference order */
  groups(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const i of this.#all) {
      const vs = out.get(i.group) ?? [];
      if (!vs.includes(i.version)) vs.push(i.version);
      out.set(i.group, vs);
    }
    return out;
  }
}
