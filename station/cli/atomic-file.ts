/**
 * Atomic file replacement for the CLI's state files (audit log, vault file): write a temp file in
 * the same folder (mode 0600, exclusive create), fsync, rename over the target, so a crash midway
 * leaves the old file whole. A file-system failure becomes a UsageError naming the file (exit 2),
 * never a Node error message. Not handled: two processes writing the same file (no locking).
 */
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { UsageError } from './framework';

/** Replace `path` with `text` atomically; `what` names the file in the error ("the audit log"). */
export function writeFileAtomic(path: string, text: string, what: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = openSync(tmp, 'wx', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* temp file never created */
    }
    if (e instanceof Error && 'code' in e) throw new UsageError(`cannot write ${what} ${JSON.stringify(path)}`);
    throw e;
  }
}
