import * as nodeFs from 'node:fs';
import { dirname, join } from 'node:path';
import { makeDirs } from './make-dir.js';
import { writeFileAtomic, type AtomicFs } from './atomic-file.js';

/**
 * The library's access to the disk: the few node:fs functions it uses (so tests can inject disk faults),
 * and helpers that turn disk errors into one Chinese sentence, the original error kept as `cause`.
 */

/** The node:fs functions the library uses. Defaults to node:fs; tests pass a wrapper that fails on purpose. */
export type LibraryFs = AtomicFs &
  Pick<typeof nodeFs, 'readFileSync' | 'statSync' | 'readdirSync' | 'mkdirSync' | 'existsSync'>;

/** node:fs itself. */
export const NODE_FS: LibraryFs = nodeFs;

/** An error of the library whose message is one Chinese sentence fit to show to a user. */
export class LibraryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LibraryError';
  }
}

/** The error code of a node error, if any. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * A disk error as a {@link LibraryError}: "磁盘空间不足，未能保存" for a full disk, "磁盘是只读的，未能保存：<path>"
 * for a read-only disk, "没有权限写入：<path>" for a
 * refused write; any other error is returned as it is.
 */
export function diskError(error: unknown, path: string): unknown {
  if (error instanceof LibraryError) return error;
  const code = errorCode(error);
  if (code === 'ENOSPC' || code === 'EDQUOT') return new LibraryError('磁盘空间不足，未能保存', { cause: error });
  if (code === 'EROFS') return new LibraryError(`磁盘是只读的，未能保存：${path}`, { cause: error });
  if (code === 'EACCES' || code === 'EPERM') {
    return new LibraryError(`没有权限写入：${path}`, { cause: error });
  }
  return error;
}

/** Runs a write, translating disk errors with {@link diskError}. */
export function guardWrite<T>(path: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    throw diskError(error, path);
  }
}

/** Writes a file atomically (creating its folder), with Chinese disk errors. */
export function writeAtomic(fs: LibraryFs, path: string, data: string | Uint8Array): void {
  guardWrite(path, () => {
    makeDirs(dirname(path), fs);
    writeFileAtomic(path, data, fs);
  });
}

/** Moves a file (a rename within the library, creating the target folder), with Chinese disk errors. */
export function moveFile(fs: LibraryFs, from: string, to: string): void {
  guardWrite(to, () => {
    makeDirs(dirname(to), fs);
    fs.renameSync(from, to);
  });
}

/** Removes a file; a file already gone is not an error. */
export function removeFile(fs: LibraryFs, path: string): void {
  guardWrite(path, () => {
    try {
      fs.unlinkSync(path);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
    }
  });
}

/** The names in a folder; none when the folder does not exist. */
export function listNames(fs: LibraryFs, dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return [];
    throw error;
  }
}

/** How old a temporary file of an atomic write must be to be taken for the leftover of a killed process. */
export const STALE_TEMP_MS = 60_000;

/** The name writeFileAtomic gives its temporary files: `.<name>.<pid>.<time>.tmp`. */
const TEMP_NAME = /^\..+\.[0-9]+\.[0-9a-z]+\.tmp$/;

/** Whether a file name is that of a temporary file of an atomic write. */
export function isTempName(name: string): boolean {
  return TEMP_NAME.test(name);
}

/**
 * Removes the temporary files of atomic writes in `dir` that are older than {@link STALE_TEMP_MS}: a process
 * killed in the middle of a write leaves its temporary file behind (the target itself is intact). A newer
 * one may belong to a write in progress in another process and is left alone. Never throws (a read-only
 * library keeps its leftovers); returns how many were removed. `names` are the folder's names, if known.
 */
export function sweepStaleTemps(fs: LibraryFs, dir: string, names?: readonly string[], nowMs = Date.now()): number {
  let removed = 0;
  try {
    for (const name of names ?? listNames(fs, dir)) {
      if (!isTempName(name)) continue;
      const file = join(dir, name);
      const st = statOrUndefined(fs, file);
      if (!st?.isFile() || nowMs - st.mtimeMs < STALE_TEMP_MS) continue;
      try {
        fs.unlinkSync(file);
        removed++;
      } catch {
        // gone already, or the library is read-only: leftovers are ignored by every listing anyway
      }
    }
  } catch {
    // the folder cannot be read: nothing to sweep
  }
  return removed;
}

/** A file's facts, or undefined when there is no such file. */
export function statOrUndefined(fs: LibraryFs, path: string): nodeFs.Stats | undefined {
  try {
    return fs.statSync(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return undefined;
    throw error;
  }
}

/** A time stamp usable in a file name on every system: 2024-05-01T08-30-00-000Z. */
export function nameStamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

/** The ISO time of a {@link nameStamp} (with an optional "-N" suffix), or undefined. */
export function stampTime(stamp: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z(?:-\d+)?$/.exec(stamp);
  return m ? `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z` : undefined;
}
