// The SQLite schema, in the style of k3s's kine: one table, one row per write.
//   id               the revision of the write (AUTOINCREMENT: never reused, even after deletes)
//   name             the key
//   created          1 if this write created the key (then its create revision is id itself)
//   deleted          1 if this write deleted the key (value keeps the deleted value)
//   create_revision  the revision that created the key (0 when created = 1)
//   prev_revision    the id of the key's previous row (0 for a key never seen before)
//   lease            unused (etcd leases), kept for kine compatibility
//   value            the value after the write (for a delete: the deleted value)
//   old_value        kine keeps the previous value here; we leave it NULL and read a watch
//                    event's prevKv from its prev_revision row instead, which halves the bytes
//                    written per update. Compaction keeps that row for every event at or above
//                    the compacted revision (it deletes only rows superseded *below* it).
// The unique (name, prev_revision) index makes two writes based on the same previous row
// conflict instead of one silently overwriting the other. A row is the current one for its
// key exactly when no row names it as prev_revision.
// Compaction is recorded in the row named 'compact_rev_key' (id 0): its prev_revision is the
// compacted revision.
import type Database from 'better-sqlite3';

export const COMPACT_KEY = 'compact_rev_key';

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS kine (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  created INTEGER NOT NULL,
  deleted INTEGER NOT NULL,
  create_revision INTEGER NOT NULL,
  prev_revision INTEGER NOT NULL,
  lease INTEGER NOT NULL DEFAULT 0,
  value BLOB,
  old_value BLOB
);
CREATE INDEX IF NOT EXISTS kine_name_id_index ON kine (name, id);
CREATE UNIQUE INDEX IF NOT EXISTS kine_name_prev_revision_uindex ON kine (name, prev_revision);
INSERT OR IGNORE INTO kine (id, name, created, deleted, create_revision, prev_revision)
  VALUES (0, '${COMPACT_KEY}', 0, 0, 0, 0);
`;

export interface RowRecord {
  id: number;
  name: string;
  created: number;
  deleted: number;
  create_revision: number;
  prev_revision: number;
  value: Buffer | null;
  /** only in `since` rows: the previous row's value */
  old_value?: Buffer | null;
}

const COLS = 'id, name, created, deleted, create_revision, prev_revision, value';
/** the row is the newest one for its key at or below revision ?rev */
const CURRENT_AT = 'NOT EXISTS (SELECT 1 FROM kine s WHERE s.name = k.name AND s.prev_revision = k.id AND s.id <= @rev)';

export function prepareStatements(db: Database.Database) {
  return {
    revision: db.prepare<[], { seq: number }>(`SELECT seq FROM sqlite_sequence WHERE name = 'kine'`),
    compacted: db.prepare<[], { prev_revision: number }>(`SELECT prev_revision FROM kine WHERE name = '${COMPACT_KEY}' AND id = 0`),
    latest: db.prepare<[string], RowRecord>(`SELECT ${COLS} FROM kine WHERE name = ? ORDER BY id DESC LIMIT 1`),
    at: db.prepare<[string, number], RowRecord>(`SELECT ${COLS} FROM kine WHERE name = ? AND id <= ? ORDER BY id DESC LIMIT 1`),
    insert: db.prepare<[string, number, number, number, number, Uint8Array]>(
      `INSERT INTO kine (name, created, deleted, create_revision, prev_revision, lease, value)
       VALUES (?, ?, ?, ?, ?, 0, ?)`,
    ),
    range: db.prepare<{ lo: string; hi: string; after: string; rev: number; limit: number }, RowRecord>(
      `SELECT ${COLS} FROM kine k
       WHERE k.name >= @lo AND k.name < @hi AND k.name > @after AND k.id <= @rev AND k.deleted = 0 AND ${CURRENT_AT}
       ORDER BY k.name LIMIT @limit`,
    ),
    count: db.prepare<{ lo: string; hi: string; rev: number }, { n: number }>(
      `SELECT COUNT(*) AS n FROM kine k WHERE k.name >= @lo AND k.name < @hi AND k.deleted = 0 AND ${CURRENT_AT}`,
    ),
    /** the rows from a revision on, each with its previous value */
    since: db.prepare<{ from: number; lo: string; hi: string }, RowRecord>(
      `SELECT k.id, k.name, k.created, k.deleted, k.create_revision, k.prev_revision, k.value, p.value AS old_value
       FROM kine k LEFT JOIN kine p ON p.id = k.prev_revision AND k.prev_revision > 0
       WHERE k.id >= @from AND k.name >= @lo AND k.name < @hi ORDER BY k.id`,
    ),
    /** rows superseded by a row in [from, to) */
    deleteSuperseded: db.prepare<[number, number]>(
      'DELETE FROM kine WHERE id IN (SELECT prev_revision FROM kine WHERE id >= ? AND id < ? AND id > 0 AND prev_revision > 0)',
    ),
    /** deletions in [from, to): nothing at or above the compacted revision needs them */
    deleteTombstones: db.prepare<[number, number]>('DELETE FROM kine WHERE deleted = 1 AND id >= ? AND id < ? AND id > 0'),
    setCompacted: db.prepare<[number]>(`UPDATE kine SET prev_revision = ? WHERE name = '${COMPACT_KEY}' AND id = 0`),
    /** a write that changes nothing (the readiness probe: can a commit reach the disk?) */
    touchCompacted: db.prepare(`UPDATE kine SET lease = lease WHERE name = '${COMPACT_KEY}' AND id = 0`),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
