// Column definitions that many printers share (the NAME and AGE columns of kubectl get).
import type { TableColumn } from '../../scheme.js';

export const nameColumn: TableColumn = {
  name: 'Name', type: 'string', format: 'name', priority: 0,
  description: 'Name must be unique within a namespace; it identifies the object in its resource.',
};

export const ageColumn: TableColumn = {
  name: 'Age', type: 'string', priority: 0,
  description: 'How long ago the server created the object (from metadata.creationTimestamp).',
};

/** A plain column: col('Holder', 'The holder of the lease') */
export function col(name: string, description: string, type: TableColumn['type'] = 'string', priority = 0): TableColumn {
  return { name, type, priority, description };
}
