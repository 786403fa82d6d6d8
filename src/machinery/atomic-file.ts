// Writing a file so that a reader (or the next start) never sees half of it: the bytes go to
// a temporary file beside it, which is fsynced and renamed over the target. When the write
// fails — a full disk above all — the temporary file is removed and the error names the
// target, so a start-up on a full disk says so in one line and leaves nothing behind.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';

/** The disk (or the file system holding `path`) has no space left. */
export class DiskFullError extends Error {
  readonly path: string;
  constructor(path: string, options?: { cause?: unknown }) {
    super(`cannot write ${path}: no space left on device`, options);
    this.name = 'DiskFullError';
    this.path = path;
  }
}

/** True when err (or an error it was caused by) says the disk is full: ENOSPC, SQLITE_FULL. */
export function isDiskFull(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof DiskFullError) return true;
    const code = (e as { code?: unknown }).code;
    if (code === 'ENOSPC' || code === 'SQLITE_FULL') return true;
  }
  return false;
}

/** Writes data to path atomically with the given mode; a file already holding exactly data is left alone. */
export function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  try {
    if (Buffer.compare(readFileSync(path), bytes) === 0) return;
  } catch {
    // absent or unreadable: write it
  }
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    const fd = openSync(tmp, 'w', mode);
    try {
      for (let off = 0; off < bytes.length;) off += writeSync(fd, bytes, off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    if (isDiskFull(err)) throw new DiskFullError(path, { cause: err });
    throw err;
  }
}
