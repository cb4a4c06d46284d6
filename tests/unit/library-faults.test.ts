import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BulletinDocument } from '../../core/model/document.js';
import { defaultProfile } from '../../core/model/profile.js';
import { NO_SIGNING } from '../../services/signing-types.js';
import { createLibrary, LibraryError } from '../../services/library.js';
import type { LibraryFs } from '../../services/library-fs.js';
import { SAMPLE_FILE } from '../helpers/sample.js';

/**
 * Disk faults, injected through the library's `fs` option (tests run as root, where a read-only folder
 * does not stop writes). Whatever fails, what was saved before stays intact and no temporary file remains.
 */

const SAMPLE = fs.readFileSync(SAMPLE_FILE);

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'library-faults-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function errno(code: 'ENOSPC' | 'EACCES', syscall: string, file?: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: injected, ${syscall}${file ? ` '${file}'` : ''}`);
  error.code = code;
  error.syscall = syscall;
  if (file) error.path = file;
  return error;
}

/** node:fs whose writeSync fails with ENOSPC (a full disk) for files matching `where`. */
function fullDisk(where: (file: string) => boolean = () => true): LibraryFs {
  const fdPaths = new Map<number, string>();
  const openSync = ((file: fs.PathLike, flags?: fs.OpenMode, mode?: fs.Mode) => {
    const fd = fs.openSync(file, flags ?? 'r', mode);
    fdPaths.set(fd, String(file));
    return fd;
  }) as typeof fs.openSync;
  const writeSync = ((fd: number, ...rest: unknown[]) => {
    const file = fdPaths.get(fd) ?? '';
    if (where(file)) throw errno('ENOSPC', 'write');
    return (fs.writeSync as (...a: unknown[]) => number)(fd, ...rest);
  }) as typeof fs.writeSync;
  return { ...fs, openSync, writeSync };
}

/** node:fs whose renameSync fails with EACCES when the target matches `where`. */
function refusedRename(where: (target: string) => boolean): LibraryFs {
  const renameSync = ((from: fs.PathLike, to: fs.PathLike) => {
    if (where(String(to))) throw errno('EACCES', 'rename', String(to));
    fs.renameSync(from, to);
  }) as typeof fs.renameSync;
  return { ...fs, renameSync };
}

/** Every file under the library folder, with its bytes. */
function snapshot(): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      out.set(file, fs.readFileSync(file));
    }
  }
  return out;
}

function tempFiles(): string[] {
  return [...snapshot().keys()].filter((f) => f.endsWith('.tmp'));
}

function catchError(run: () => unknown): LibraryError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(LibraryError);
    return error as LibraryError;
  }
  throw new Error('expected an error');
}

function retitled(doc: BulletinDocument, title: string): BulletinDocument {
  const [first, ...rest] = doc.issue.articles;
  return { ...doc, issue: { ...doc.issue, articles: [{ ...first!, title }, ...rest] } };
}

/** A library with one issue, saved once (so it has a backup), and its state on disk. */
function prepared() {
  const lib = createLibrary({ dir });
  const { id } = lib.importBytes(SAMPLE, 'sample.txt');
  const first = lib.read(id);
  lib.save(id, retitled(first.document, '保存过一次'), first.revision);
  lib.saveProfile({ ...defaultProfile(), name: '测试动态' });
  lib.writeJournal(id, first.document);
  return { id, stored: lib.read(id), before: snapshot() };
}

describe('library: a full disk (ENOSPC)', () => {
  it('fails a save with 磁盘空间不足 and keeps everything saved before', () => {
    const { id, stored, before } = prepared();
    const lib = createLibrary({ dir, fs: fullDisk() });
    const error = catchError(() => lib.save(id, retitled(stored.document, '写不下的修改'), stored.revision));
    expect(error.message).toBe('磁盘空间不足，未能保存');
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ENOSPC');
    expect(snapshot()).toEqual(before);
    expect(tempFiles()).toEqual([]);
    expect(createLibrary({ dir }).read(id).revision).toBe(stored.revision);
  });

  it('fails when only the issue file cannot be written (after its backup was)', () => {
    const { id, stored, before } = prepared();
    const issueFile = path.join(dir, 'issues', `${id}.json`);
    const lib = createLibrary({ dir, fs: fullDisk((f) => path.dirname(f) === path.dirname(issueFile)) });
    const error = catchError(() => lib.save(id, retitled(stored.document, '写不下的修改'), stored.revision));
    expect(error.message).toBe('磁盘空间不足，未能保存');
    expect(fs.readFileSync(issueFile)).toEqual(before.get(issueFile));
    expect(fs.readFileSync(path.join(dir, 'issues', `${id}.meta.json`))).toEqual(before.get(path.join(dir, 'issues', `${id}.meta.json`)));
    expect(tempFiles()).toEqual([]);
  });

  it('fails profile, journal, meta and new issues the same way, without traces', () => {
    const { id, stored, before } = prepared();
    const lib = createLibrary({ dir, fs: fullDisk() });
    const attempts: (() => unknown)[] = [
      () => lib.saveProfile({ ...defaultProfile(), name: '写不下' }),
      () => lib.saveSigningData(NO_SIGNING),
      () => lib.writeJournal(id, retitled(stored.document, '写不下')),
      () => lib.record(id, { action: 'exported' }),
      () => lib.create({ today: '2024-01-01' }),
      () => lib.importBytes(SAMPLE, 'sample.txt'),
      () => lib.duplicate(id),
      () => lib.restoreBackup(id, lib.backups(id)[0]!.id),
    ];
    for (const attempt of attempts) expect(catchError(attempt).message).toBe('磁盘空间不足，未能保存');
    expect(snapshot()).toEqual(before);
  });
});

describe('library: a refused write (EACCES)', () => {
  it('fails a save with 没有权限写入 and the path, keeping the old file', () => {
    const { id, stored, before } = prepared();
    const issueFile = path.join(dir, 'issues', `${id}.json`);
    const lib = createLibrary({ dir, fs: refusedRename((to) => to === issueFile) });
    const error = catchError(() => lib.save(id, retitled(stored.document, '没有权限的修改'), stored.revision));
    expect(error.message).toBe(`没有权限写入：${issueFile}`);
    expect((error.cause as NodeJS.ErrnoException).code).toBe('EACCES');
    expect(fs.readFileSync(issueFile)).toEqual(before.get(issueFile));
    expect(tempFiles()).toEqual([]);
    expect(createLibrary({ dir }).read(id).document).toEqual(stored.document);
  });

  it('fails moving to the trash without losing the issue', () => {
    const { id, before } = prepared();
    const lib = createLibrary({ dir, fs: refusedRename((to) => to.includes(`${path.sep}trash${path.sep}`)) });
    expect(catchError(() => lib.trash(id)).message).toMatch(/^没有权限写入：.*trash/);
    expect(snapshot()).toEqual(before);
    expect(createLibrary({ dir }).list().issues.map((s) => s.id)).toEqual([id]);
  });
});

describe('library: a library that cannot be written to', () => {
  it('still lists, also an issue whose meta would have to be remade', () => {
    const { id } = prepared();
    fs.unlinkSync(path.join(dir, 'issues', `${id}.meta.json`));
    const before = snapshot();
    const listing = createLibrary({ dir, fs: fullDisk() }).list();
    expect(listing.issues).toEqual([expect.objectContaining({ id, status: 'draft' })]);
    expect(snapshot()).toEqual(before);
  });
});
