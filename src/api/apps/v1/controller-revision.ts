// apps/v1 ControllerRevision: an immutable snapshot of a controller's template, for history and rollback.
import { int64, rawExtension, req, type Static } from '../../schema.js';
import { kindSchema } from '../../meta/v1/types.js';

export const ControllerRevision = kindSchema('apps', 'v1', 'ControllerRevision', {
  data: rawExtension,
  revision: req(int64('The revision number of the state in data.')),
}, 'ControllerRevision stores one immutable revision of a DaemonSet or StatefulSet template.');
export type ControllerRevision = Static<typeof ControllerRevision>;
