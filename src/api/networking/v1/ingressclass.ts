// networking.k8s.io/v1 IngressClass: which controller implements a class of Ingresses.
import { definer, obj, req, str, packageOf, type Static } from '../../schema.js';
import { kindSchema } from '../../meta/v1/types.js';
import { ageColumn, col, nameColumn } from '../../meta/v1/columns.js';
import type { Printer, ResourceInfo } from '../../scheme.js';
import {
  forbidden, invalid, notSupported, required, root, tooLong, type FieldError, type Path,
} from '../../../machinery/field-errors.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/object-meta.js';
import {
  IMMUTABLE, isDNS1123Label, isDNS1123Subdomain, nameIsDNSSubdomain, regexError,
} from '../../../machinery/validation.js';
import { age } from '../../printing.js';

const def = definer(packageOf('networking.k8s.io', 'v1'));

export const IngressClassParametersReference = def('IngressClassParametersReference', obj({
  apiGroup: str('The API group of the referenced resource; empty for the core group.'),
  kind: req(str('The kind of the referenced resource.')),
  name: req(str('The name of the referenced resource.')),
  scope: str('Whether the reference is to a cluster-scoped ("Cluster", the default) or namespaced ("Namespace") resource.'),
  namespace: str('The namespace of the referenced resource; required when scope is "Namespace".'),
}, { description: 'A reference to a resource holding controller-specific parameters.' }));

export const IngressClassSpec = def('IngressClassSpec', obj({
  controller: str('The controller that implements this class, a domain-prefixed path such as "example.com/ingress-controller". Immutable.'),
  parameters: IngressClassParametersReference,
}, { description: 'IngressClassSpec describes an IngressClass.' }));

export const IngressClass = kindSchema('networking.k8s.io', 'v1', 'IngressClass', { spec: IngressClassSpec },
  'IngressClass names the controller that implements Ingresses of a class. The annotation ingressclass.kubernetes.io/is-default-class marks the default.');
export type IngressClass = Static<typeof IngressClass>;

export function defaultIngressClass(ic: IngressClass): void {
  const p = ic.spec?.parameters;
  if (p && p.scope === undefined) p.scope = 'Cluster';
}

const opts = { namespaced: false, nameValidator: nameIsDNSSubdomain };
const httpPathFmt = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
const httpPathRe = new RegExp(`^${httpPathFmt}$`);

/** IsDomainPrefixedPath: "example.com/path". */
export function validateDomainPrefixedPath(value: string, p: Path): FieldError[] {
  if (!value) return [required(p, '')];
  const i = value.indexOf('/');
  if (i <= 0 || i === value.length - 1) return [invalid(p, value, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  const host = value.slice(0, i);
  const path = value.slice(i + 1);
  const errs = isDNS1123Subdomain(host).map((m) => invalid(p, host, m));
  if (!httpPathRe.test(path)) errs.push(invalid(p, path, regexError('Invalid path', httpPathFmt)));
  return errs;
}

function validateSpec(ic: IngressClass): FieldError[] {
  const sp = root('spec');
  const spec = ic.spec ?? {};
  const errs: FieldError[] = [];
  const controller = spec.controller ?? '';
  if (controller.length > 250) errs.push(tooLong(sp.child('controller'), controller, 250));
  errs.push(...validateDomainPrefixedPath(controller, sp.child('controller')));
  const params = spec.parameters;
  if (params) {
    const pp = sp.child('parameters');
    if (params.apiGroup !== undefined) {
      for (const m of isDNS1123Subdomain(params.apiGroup)) errs.push(invalid(pp.child('apiGroup'), params.apiGroup, m));
    }
    if (!params.kind) errs.push(required(pp.child('kind'), 'kind is required'));
    if (!params.name) errs.push(required(pp.child('name'), 'name is required'));
    const scope = params.scope ?? '';
    if (params.scope === undefined) errs.push(required(pp.child('scope'), ''));
    else if (scope !== 'Cluster' && scope !== 'Namespace') errs.push(notSupported(pp.child('scope'), scope, ['Cluster', 'Namespace']));
    if (scope === 'Namespace') {
      if (params.namespace === undefined) errs.push(required(pp.child('namespace'), "`parameters.scope` is set to 'Namespace'"));
      else for (const m of isDNS1123Label(params.namespace)) errs.push(invalid(pp.child('namespace'), params.namespace, m));
    }
    if (scope === 'Cluster' && params.namespace !== undefined) {
      errs.push(forbidden(pp.child('namespace'), "`parameters.scope` is set to 'Cluster'"));
    }
  }
  return errs;
}

export function validateIngressClass(ic: IngressClass): FieldError[] {
  return [...validateObjectMeta(ic.metadata, opts), ...validateSpec(ic)];
}

export function validateIngressClassUpdate(ic: IngressClass, old: IngressClass): FieldError[] {
  const errs = [...validateObjectMetaUpdate(ic.metadata, old.metadata, opts)];
  if (ic.spec?.controller !== old.spec?.controller) errs.push(invalid(root('spec', 'controller'), ic.spec?.controller ?? '', IMMUTABLE));
  errs.push(...validateSpec(ic));
  return errs;
}

export const ingressClassPrinter: Printer<IngressClass> = {
  columns: [
    nameColumn,
    col('Controller', 'The controller that implements this class.'),
    col('Parameters', 'The resource holding the controller\'s parameters.'),
    ageColumn,
  ],
  row: (ic, now) => {
    const p = ic.spec?.parameters;
    let params = '<none>';
    if (p) params = `${p.kind}${p.apiGroup !== undefined ? `.${p.apiGroup}` : ''}/${p.name}`;
    return [ic.metadata?.name ?? '', ic.spec?.controller ?? '', params, age(ic.metadata?.creationTimestamp, now)];
  },
};

export const ingressClassResource: ResourceInfo<IngressClass> = {
  group: 'networking.k8s.io', version: 'v1', kind: 'IngressClass', resource: 'ingressclasses', singular: 'ingressclass',
  namespaced: false, shortNames: [], categories: [], subresources: [],
  schema: IngressClass, defaults: defaultIngressClass, validate: validateIngressClass,
  validateUpdate: validateIngressClassUpdate, printer: ingressClassPrinter,
};
