// core/v1 ComponentStatus (deprecated): the health of control-plane components, read-only.
import { definer, packageOf, obj, req, str, list, oneOf, type Static } from '../../schema.js';
import { kindSchema } from '../../meta/v1/types.js';
import { nameColumn, col } from '../../meta/v1/columns.js';
import type { Printer, ResourceInfo } from '../../scheme.js';

const def = definer(packageOf('', 'v1'));

export const ComponentCondition = def('ComponentCondition', obj({
  type: req(str('Type of the condition; only Healthy.')),
  status: req(oneOf(['True', 'False', 'Unknown'] as const, 'Status of the condition.')),
  message: str('What the health check returned.'),
  error: str('The error of the health check, if any.'),
}, { description: 'ComponentCondition is the health of a component.' }));
export type ComponentCondition = Static<typeof ComponentCondition>;

export const ComponentStatus = kindSchema('', 'v1', 'ComponentStatus', {
  conditions: list(ComponentCondition, {
    mergeKey: 'type', strategy: 'merge', listType: 'map', mapKeys: ['type'], description: 'The conditions of the component.',
  }),
}, 'ComponentStatus is the health of a control-plane component (deprecated since v1.19).');
export type ComponentStatus = Static<typeof ComponentStatus>;

/** printComponentStatus: the Healthy condition decides Healthy / Unhealthy / Unknown. */
export const componentStatusPrinter: Printer<ComponentStatus> = {
  columns: [
    nameColumn,
    col('Status', 'Status of the component conditions'),
    col('Message', 'Message of the component conditions'),
    col('Error', 'Error of the component conditions'),
  ],
  row: (cs) => {
    const healthy = (cs.conditions ?? []).find((c) => c.type === 'Healthy');
    const status = !healthy ? 'Unknown' : healthy.status === 'True' ? 'Healthy' : 'Unhealthy';
    return [cs.metadata?.name ?? '', status, healthy?.message ?? '', healthy?.error ?? ''];
  },
};

export const componentStatusResource: ResourceInfo<ComponentStatus> = {
  group: '', version: 'v1', kind: 'ComponentStatus', resource: 'componentstatuses', singular: 'componentstatus',
  namespaced: false, shortNames: ['cs'], categories: [], subresources: [], verbs: ['get', 'list'],
  schema: ComponentStatus,
  printer: componentStatusPrinter,
  virtual: true,
};
