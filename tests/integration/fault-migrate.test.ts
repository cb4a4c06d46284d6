/**
 * Issue 5, item 4: an issue file of an older format version is upgraded, with a backup of the original.
 * The format has only version 1 so far, so the tests inject a migration table (version 0 called the 期号
 * `no`) through createLibrary's `migrations` option and put a version-0 file in the library.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BulletinDocument } from '../../core/model/document.js';
import { parseDocument, serializeDocument, type Migration } from '../../core/model/format.js';
import { createLibrary } from '../../services/library.js';
import type { LibraryFs } from '../../services/library-fs.js';
import { newMeta, serializeMeta } from '../../services/library-meta.js';
import { revisionOf } from '../../services/library-issue-file.js';
import { sampleDocument, versionedDocument } from '../helpers/fault-writer.js';

const ID = '2021-008-old0';
const NOW = new Date('2024-05-01T08:30:00.000Z');
const STAMP = '2024-05-01T08-30-00-000Z';

/** Version 0 → 1: the 期号 was called `no`. */
const renameNo: Migration = (raw) => {
  const file = raw as { issue: Record<string, unknown> };
  const { no, ...issue } = file.issue;
  return { ...file, issue: { ...issue, number: no } };
};
const MIGRATIONS = { 0: renameNo };

/** The bytes of a version-0 file of a document (as an older program wrote it: compact, `no`). */
function version0Bytes(doc: BulletinDocument): Buffer {
  const raw = JSON.parse(serializeDocument(doc)) as { version: number; issue: Record<string, unknown> };
  const { number, ...issue } = raw.issue;
  return Buffer.from(JSON.stringify({ ...raw, version: 0, issue: { ...issue, no: number } }), 'utf8');
}

let dir: string;
let doc: BulletinDocument;
let original: Buffer;
let issueFile: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fault-migrate-'));
  doc = versionedDocument(sampleDocument(), 7);
  original = version0Bytes(doc);
  issueFile = path.join(dir, 'issues', `${ID}.json`);
  fs.mkdirSync(path.dirname(issueFile), { recursive: true });
  fs.writeFileSync(issueFile, original);
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function backupNames(): string[] {
  const backups = path.join(dir, 'backups', ID);
  return fs.existsSync(backups) ? fs.readdirSync(backups).sort() : [];
}

function expectUpgraded(): void {
  // The file on disk is now the current version, readable without any migration table …
  const text = fs.readFileSync(issueFile, 'utf8');
  expect(text).toBe(serializeDocument(doc));
  expect(parseDocument(text)).toStrictEqual({ ok: true, document: doc });
  // … and the original is kept byte for byte, its name marking the old version.
  expect(backupNames()).toEqual([`${STAMP}-v0.json`]);
  expect(fs.readFileSync(path.join(dir, 'backups', ID, `${STAMP}-v0.json`)).equals(original)).toBe(true);
}

describe('an issue file of an older format version', () => {
  it('is reported damaged, and left alone, when the program cannot upgrade it', () => {
    const lib = createLibrary({ dir, now: () => NOW });
    const listing = lib.list();
    expect(listing.issues).toEqual([]);
    expect(listing.damaged).toEqual([{ file: issueFile, reason: expect.stringContaining('文件版本 0 过旧') }]);
    expect(() => lib.read(ID)).toThrow(/文件版本 0 过旧/);
    expect(fs.readFileSync(issueFile).equals(original)).toBe(true);
    expect(backupNames()).toEqual([]);
  });

  it('is upgraded on disk when listed: original kept in backups/<id>/<time>-v0.json, history says so', () => {
    const lib = createLibrary({ dir, now: () => NOW, migrations: MIGRATIONS });
    const listing = lib.list();
    expect(listing.damaged).toEqual([]);
    expect(listing.issues).toEqual([expect.objectContaining({ id: ID, year: 2021, number: 8, title: doc.issue.articles[0]!.title })]);
    expectUpgraded();

    const stored = lib.read(ID);
    expect(stored.document).toStrictEqual(doc);
    expect(stored.revision).toBe(revisionOf(serializeDocument(doc)));
    expect(stored.meta.history).toEqual([
      { at: NOW.toISOString(), action: 'migrated', detail: `文件格式从版本 0 升级到版本 1，原文件已备份为 ${STAMP}-v0.json` },
    ]);

    // Once only: listing and reading again (in another instance too) change nothing.
    const before = fs.readFileSync(issueFile);
    lib.list();
    createLibrary({ dir, now: () => new Date('2024-05-02T00:00:00.000Z'), migrations: MIGRATIONS }).read(ID);
    expect(fs.readFileSync(issueFile).equals(before)).toBe(true);
    expect(backupNames()).toEqual([`${STAMP}-v0.json`]);
    expect(lib.read(ID).meta.history.filter((h) => h.action === 'migrated')).toHaveLength(1);
  });

  it('is upgraded when opened directly, and then saves like any other', () => {
    const lib = createLibrary({ dir, now: () => NOW, migrations: MIGRATIONS });
    const stored = lib.read(ID);
    expectUpgraded();
    const next = versionedDocument(sampleDocument(), 8);
    const saved = lib.save(ID, next, stored.revision);
    expect(saved.status).toBe('saved');
    expect(lib.read(ID).document).toStrictEqual(next);
    // The ordinary backup of that save holds the upgraded version; the original stays apart, never pruned
    // and not among the restorable versions.
    expect(lib.backups(ID).map((b) => b.id)).toEqual([STAMP]);
    expect(backupNames()).toEqual([`${STAMP}-v0.json`, `${STAMP}.json`]);
    expect(fs.readFileSync(path.join(dir, 'backups', ID, `${STAMP}.json`), 'utf8')).toBe(serializeDocument(doc));
  });

  it('in the trash is read (upgraded in memory) but not rewritten', () => {
    const trashFile = path.join(dir, 'trash', `${ID}.json`);
    fs.mkdirSync(path.dirname(trashFile), { recursive: true });
    fs.renameSync(issueFile, trashFile);
    const lib = createLibrary({ dir, now: () => NOW, migrations: MIGRATIONS });
    expect(lib.list({ trash: true }).issues).toEqual([expect.objectContaining({ id: ID })]);
    expect(fs.readFileSync(trashFile).equals(original)).toBe(true);
    lib.restore(ID);
    lib.list();
    expectUpgraded();
  });

  describe('when the upgrade cannot be written (a full disk)', () => {
    /** node:fs whose writes fail with ENOSPC while `full` is set. */
    let full = true;
    const fullDisk: LibraryFs = {
      ...fs,
      openSync: ((file: fs.PathLike, flags?: fs.OpenMode, mode?: fs.Mode) => {
        if (full && flags === 'wx') {
          const error: NodeJS.ErrnoException = new Error('ENOSPC: injected');
          error.code = 'ENOSPC';
          throw error;
        }
        return fs.openSync(file, flags ?? 'r', mode);
      }) as typeof fs.openSync,
    };

    it('lists and opens the issue from memory, leaves the file as it is, and the next save upgrades it', () => {
      // Its meta file, as the older program wrote it (without one, opening would first have to write one).
      fs.writeFileSync(path.join(dir, 'issues', `${ID}.meta.json`), serializeMeta(newMeta(ID, '2020-01-01T00:00:00.000Z')));
      full = true;
      const lib = createLibrary({ dir, now: () => NOW, migrations: MIGRATIONS, fs: fullDisk });
      expect(lib.list()).toEqual({ issues: [expect.objectContaining({ id: ID })], damaged: [] });
      const stored = lib.read(ID);
      expect(stored.document).toStrictEqual(doc);
      expect(stored.revision).toBe(revisionOf(original));
      expect(fs.readFileSync(issueFile).equals(original)).toBe(true);
      expect(backupNames()).toEqual([]);
      expect(() => lib.save(ID, versionedDocument(sampleDocument(), 8), stored.revision)).toThrow('磁盘空间不足，未能保存');
      expect(fs.readFileSync(issueFile).equals(original)).toBe(true);

      // Space again: the save the editor retries goes through (no conflict with the upgrade) and keeps the
      // original as the upgrade would have.
      full = false;
      const next = versionedDocument(sampleDocument(), 8);
      const saved = lib.save(ID, next, stored.revision);
      expect(saved.status).toBe('saved');
      expect(fs.readFileSync(issueFile, 'utf8')).toBe(serializeDocument(next));
      expect(backupNames()).toEqual([`${STAMP}-v0.json`]);
      expect(fs.readFileSync(path.join(dir, 'backups', ID, `${STAMP}-v0.json`)).equals(original)).toBe(true);
      expect(lib.read(ID).meta.history.map((h) => h.action)).toEqual(['migrated']);
    });
  });

  it('as a backup is restored upgraded', () => {
    const lib = createLibrary({ dir, now: () => NOW, migrations: MIGRATIONS });
    const stored = lib.read(ID);
    // An old-format backup, as a library written by an older program would hold.
    const backupId = '2020-01-01T00-00-00-000Z';
    const older = versionedDocument(sampleDocument(), 3);
    fs.writeFileSync(path.join(dir, 'backups', ID, `${backupId}.json`), version0Bytes(older));
    const restored = lib.restoreBackup(ID, backupId);
    expect(fs.readFileSync(issueFile, 'utf8')).toBe(serializeDocument(older));
    expect(restored.revision).toBe(revisionOf(serializeDocument(older)));
    expect(lib.read(ID).revision).toBe(restored.revision);
    expect(stored.revision).not.toBe(restored.revision);
  });
});
