// Server-side table columns of the apps/v1 kinds, as upstream's printers.go: the same column
// names (kubectl upper-cases them), types, priorities (1 = -o wide) and cell text.
import type { Printer, TableColumn } from '../../scheme.js';
import { ageColumn, col, nameColumn } from '../../meta/v1/columns.js';
import { age, containerCells, formatLabels } from '../../printing.js';
import { labelSelectorToString } from '../../../machinery/labels.js';
import type { LabelSelector } from '../../meta/v1/types.js';
import type { Deployment } from './deployment.js';
import type { ReplicaSet } from './replica-set.js';
import type { DaemonSet } from './daemon-set.js';
import type { StatefulSet } from './stateful-set.js';
import type { ControllerRevision } from './controller-revision.js';
import type { PodTemplateSpec } from './pod-template.js';
import { asSelector } from './workload-validation.js';

export const CONTAINERS_COLUMN: TableColumn = {
  name: 'Containers', type: 'string', priority: 1, description: 'Names of each container in the template.',
};
export const IMAGES_COLUMN: TableColumn = {
  name: 'Images', type: 'string', priority: 1, description: 'Images referenced by each container in the template.',
};
export function selectorColumn(description: string): TableColumn {
  return { name: 'Selector', type: 'string', priority: 1, description };
}



/** The Deployment SELECTOR cell: the selector string, <invalid> when it does not parse. */
function selectorString(s: LabelSelector | undefined): string {
  const sel = asSelector(s);
  return sel ? sel.toString() : '<invalid>';
}

export const deploymentPrinter: Printer<Deployment> = {
  columns: [
    nameColumn,
    col('Ready', 'Number of the pod with ready state', 'string'),
    col('Up-to-date', 'Total number of non-terminating pods targeted by this deployment that have the desired template spec.', 'string'),
    col('Available', 'Total number of available non-terminating pods (ready for at least minReadySeconds) targeted by this deployment.', 'string'),
    ageColumn, CONTAINERS_COLUMN, IMAGES_COLUMN,
    selectorColumn('Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.'),
  ],
  row(d, now) {
    const [names, images] = containerCells(d.spec?.template?.spec?.containers);
    return [
      d.metadata?.name ?? '', `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
      d.status?.updatedReplicas ?? 0, d.status?.availableReplicas ?? 0, age(d.metadata?.creationTimestamp, now),
      names, images, selectorString(d.spec?.selector),
    ];
  },
};

export const replicaSetPrinter: Printer<ReplicaSet> = {
  columns: [
    nameColumn,
    col('Desired', 'Replicas is the number of desired pods.', 'integer'),
    col('Current', 'Replicas is the most recently observed number of non-terminating pods.', 'integer'),
    col('Ready', 'The number of non-terminating pods targeted by this ReplicaSet with a Ready Condition.', 'integer'),
    ageColumn, CONTAINERS_COLUMN, IMAGES_COLUMN,
    selectorColumn('Selector is a label query over pods that should match the replica count.'),
  ],
  row(rs, now) {
    const [names, images] = containerCells(rs.spec?.template?.spec?.containers);
    return [
      rs.metadata?.name ?? '', rs.spec?.replicas ?? 0, rs.status?.replicas ?? 0, rs.status?.readyReplicas ?? 0,
      age(rs.metadata?.creationTimestamp, now), names, images, labelSelectorToString(rs.spec?.selector),
    ];
  },
};

export const daemonSetPrinter: Printer<DaemonSet> = {
  columns: [
    nameColumn,
    col('Desired', 'The total number of nodes that should be running the daemon pod.', 'integer'),
    col('Current', 'The number of nodes that are running at least one daemon pod and are supposed to.', 'integer'),
    col('Ready', 'The number of nodes that should be running the daemon pod and have one or more of it running and ready.', 'integer'),
    col('Up-to-date', 'The total number of nodes that are running updated daemon pod.', 'integer'),
    col('Available', 'The number of nodes that should be running the daemon pod and have it running and available (ready for at least minReadySeconds).', 'integer'),
    col('Node Selector', 'NodeSelector is a selector which must be true for the pod to fit on a node.', 'string'),
    ageColumn, CONTAINERS_COLUMN, IMAGES_COLUMN,
    selectorColumn('A label query over pods that are managed by the daemon set.'),
  ],
  row(ds, now) {
    const tpl = ds.spec?.template as PodTemplateSpec | undefined;
    const [names, images] = containerCells(tpl?.spec?.containers);
    const st = ds.status;
    return [
      ds.metadata?.name ?? '', st?.desiredNumberScheduled ?? 0, st?.currentNumberScheduled ?? 0, st?.numberReady ?? 0,
      st?.updatedNumberScheduled ?? 0, st?.numberAvailable ?? 0, formatLabels(tpl?.spec?.nodeSelector),
      age(ds.metadata?.creationTimestamp, now), names, images, labelSelectorToString(ds.spec?.selector),
    ];
  },
};

export const statefulSetPrinter: Printer<StatefulSet> = {
  columns: [
    nameColumn,
    col('Ready', 'Number of the pod with ready state', 'string'),
    ageColumn, CONTAINERS_COLUMN, IMAGES_COLUMN,
  ],
  row(ss, now) {
    const [names, images] = containerCells(ss.spec?.template?.spec?.containers);
    return [
      ss.metadata?.name ?? '', `${ss.status?.readyReplicas ?? 0}/${ss.spec?.replicas ?? 0}`,
      age(ss.metadata?.creationTimestamp, now), names, images,
    ];
  },
};

/** formatResourceName with kind: lower-cased Kind.group/name, e.g. statefulset.apps/web. */
function controllerName(cr: ControllerRevision): string {
  const ref = cr.metadata?.ownerReferences?.find((r) => r.controller);
  if (!ref) return '<none>';
  const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
  const kind = group ? `${ref.kind}.${group}` : ref.kind;
  return kind ? `${kind.toLowerCase()}/${ref.name}` : ref.name;
}

export const controllerRevisionPrinter: Printer<ControllerRevision> = {
  columns: [
    nameColumn,
    col('Controller', 'Controller of the object', 'string'),
    col('Revision', 'Revision indicates the revision of the state represented by Data.', 'string'),
    ageColumn,
  ],
  row(cr, now) {
    return [cr.metadata?.name ?? '', controllerName(cr), cr.revision ?? 0, age(cr.metadata?.creationTimestamp, now)];
  },
};
