// meta.k8s.io/v1 Table (server-side printing: kubectl get asks for
// application/json;as=Table;v=v1;g=meta.k8s.io) and PartialObjectMetadata(List).
import { Type } from '@sinclair/typebox';
import { definer, obj, req, str, int32, list, rawExtension, type Static } from '../../schema.js';
import { ListMeta, ObjectMeta } from './types.js';

const def = definer('io.k8s.apimachinery.pkg.apis.meta.v1');

export const TableColumnDefinition = def('TableColumnDefinition', obj({
  name: req(str('A human readable name for the column.')),
  type: req(str('An OpenAPI type: string, integer, number, boolean, date.')),
  format: req(str('An optional OpenAPI format modifier, e.g. name.')),
  description: req(str('What the column holds.')),
  priority: req(int32('0 for columns always shown; higher for columns shown only with more detail (-o wide).')),
}, { description: 'TableColumnDefinition describes a column of a Table.' }));
export type TableColumnDefinition = Static<typeof TableColumnDefinition>;

export const TableRowCondition = def('TableRowCondition', obj({
  type: req(str('The type of the condition, e.g. Completed.')),
  status: req(str('True, False or Unknown.')),
  reason: str('Why the condition last changed, for machines.'),
  message: str('Why the condition last changed, for people.'),
}, { description: 'A condition of a row.' }));

export const TableRow = def('TableRow', obj({
  cells: req(list(Type.Unknown(), { listType: 'atomic', description: 'The cells of the row, in column order.' })),
  conditions: list(TableRowCondition, { listType: 'atomic', description: 'Conditions of the row, e.g. Completed for finished pods.' }),
  object: rawExtension,
}, { description: 'TableRow is one row of a Table.' }));
export type TableRow = Static<typeof TableRow>;

export const Table = def('Table', obj({
  apiVersion: str(), kind: str(),
  metadata: ListMeta,
  columnDefinitions: req(list(TableColumnDefinition, { listType: 'atomic', description: 'The columns of the table.' })),
  rows: req(list(TableRow, { listType: 'atomic', description: 'The rows of the table.' })),
}, { description: 'Table is a tabular presentation of objects, as kubectl get shows them.' }));
export type Table = Static<typeof Table>;

export const PartialObjectMetadata = def('PartialObjectMetadata', obj({
  apiVersion: str(), kind: str(),
  metadata: ObjectMeta,
}, { description: 'PartialObjectMetadata is an object with only its metadata.' }));
export type PartialObjectMetadata = Static<typeof PartialObjectMetadata>;

export const PartialObjectMetadataList = def('PartialObjectMetadataList', obj({
  apiVersion: str(), kind: str(),
  metadata: ListMeta,
  items: req(list(PartialObjectMetadata, { description: 'The objects, metadata only.' })),
}, { description: 'PartialObjectMetadataList is a list of objects with only their metadata.' }));
export type PartialObjectMetadataList = Static<typeof PartialObjectMetadataList>;

/** The Accept parameters a Table response is sent for. */
export const TABLE_GVK = { group: 'meta.k8s.io', version: 'v1', kind: 'Table' } as const;
