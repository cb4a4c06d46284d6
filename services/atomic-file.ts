import * as nodeFs from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The file-system functions {@link writeFileAtomic} uses (node:fs by default; tests inject faults). */
export type AtomicFs = Pick<typeof nodeFs, 'openSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'renameSync' | 'unlinkSync'>;

/**
 * Writes a file atomically: a temporary file in the same folder, fsync, rename over the target, fsync of
 * the folder. A reader (or a crash) sees the old file or the new one, never a torn one. On failure the
 * temporary file is removed and the error is rethrown; the target is untouched.
 */
export function writeFileAtomic(path: string, data: Uint8Array | string, fs: AtomicFs = nodeFs): void {
  const dir = dirname(path);
  const tmp = join(dir, tempName(basename(path)));
  const fd = fs.openSync(tmp, 'wx', 0o644);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < bytes.length) off += fs.writeSync(fd, bytes, off, bytes.length - off);
    fs.fsyncSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    safeUnlink(fs, tmp);
    throw e;
  }
  fs.closeSync(fd);
  try {
    fs.renameSync(tmp, path);
  } catch (e) {
    safeUnlink(fs, tmp);
    throw e;
  }
  syncDir(fs, dir);
}

/** The most bytes a file name may have on the common file systems (ext4, NTFS in UTF-16 units, APFS). */
const MAX_NAME_BYTES = 255;

/**
 * `.<name>.<pid>.<time>.tmp`, with `<name>` shortened (by whole characters) when the whole would pass
 * {@link MAX_NAME_BYTES}: a long file name that fits on the disk must not fail because of its temporary twin.
 */
export function tempName(name: string): string {
  const suffix = `.${process.pid}.${Date.now().toString(36)}.tmp`;
  const chars = Array.from(name);
  while (chars.length > 1 && Buffer.byteLength(`.${chars.join('')}${suffix}`) > MAX_NAME_BYTES) chars.pop();
  return `.${chars.join('')}${suffix}`;
}

/** The path to show a user for a failed write: a temporary file's folder rather than its made-up name. */
export function shownPath(path: string): string {
  return /^\..+\.[0-9]+\.[0-9a-z]+\.tmp$/.test(basename(path)) ? dirname(path) : path;
}

function syncDir(fs: AtomicFs, dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Some file systems (and Windows) cannot fsync a folder; the rename itself is still atomic.
  }
}

function safeUnlink(fs: AtomicFs, path: string): void {
  try {
    fs.unlinkSync(path);
  } catch {
    // already gone
  }
}
