import { join } from 'node:path';
import { serializeDocument } from '../core/model/format.js';
import { contentHash } from './content-hash.js';
import { LibraryError, listNames, moveFile, nameStamp, removeFile, stampTime, writeAtomic } from './library-fs.js';
import { BACKUP_ID_PATTERN, assertBackupId, assertIssueId } from './library-ids.js';
import { fileStamp, loadIssueFile, revisionOf } from './library-issue-file.js';
import { voidIfChanged } from './library-meta.js';
import type { LibraryStore } from './library-store.js';
import type { BackupInfo } from './library-types.js';

/**
 * The previous versions of an issue: `backups/<id>/<time>.json`, one before every save, the newest
 * {@link BACKUPS_KEPT} kept; listed newest first and restorable (the current version becomes a backup in turn).
 * Originals of older format versions (`<time>-v<N>.json`, ./library-store.ts) are not listed and never pruned.
 */

/** How many previous versions are kept per issue. */
export const BACKUPS_KEPT = 20;

/** Keeps `bytes` as a backup of issue `id`, then prunes all but the newest {@link BACKUPS_KEPT}. */
export function keepBackup(store: LibraryStore, id: string, bytes: Uint8Array): void {
  const dir = store.backupDir(id);
  const stamp = nameStamp(store.now());
  let name = stamp;
  for (let n = 2; store.exists(join(dir, `${name}.json`)); n++) name = `${stamp}-${n}`;
  writeAtomic(store.fs, join(dir, `${name}.json`), bytes);
  const names = backupIds(store, id);
  for (const old of names.slice(BACKUPS_KEPT)) removeFile(store.fs, join(dir, `${old}.json`));
}

/** Backup ids of an issue, newest first. */
function backupIds(store: LibraryStore, id: string): string[] {
  return listNames(store.fs, store.backupDir(id))
    .filter((n) => n.endsWith('.json') && BACKUP_ID_PATTERN.test(n.slice(0, -5)))
    .map((n) => n.slice(0, -5))
    .sort(compareBackupIds)
    .reverse();
}

/** The backups of an issue, newest first, with their time and size. */
export function listBackups(store: LibraryStore, id: string): BackupInfo[] {
  assertIssueId(id);
  const out: BackupInfo[] = [];
  for (const backupId of backupIds(store, id)) {
    const stamp = fileStamp(store.fs, join(store.backupDir(id), `${backupId}.json`));
    if (stamp) out.push({ id: backupId, at: stampTime(backupId) ?? stamp.mtime.toISOString(), bytes: stamp.size });
  }
  return out;
}

/**
 * Makes backup `backupId` the issue's current version (upgraded when of an older format version); the
 * current version is kept as a backup first (or moved aside when damaged), and the history says so.
 */
export function restoreBackup(store: LibraryStore, id: string, backupId: string): { revision: string } {
  assertIssueId(id);
  assertBackupId(backupId);
  const loaded = loadIssueFile(store.fs, join(store.backupDir(id), `${backupId}.json`), store.parseOptions);
  if (!loaded) throw new LibraryError(`找不到备份：${backupId}`);
  if (!loaded.ok) throw new LibraryError(`备份文件已损坏，无法恢复（${loaded.reason}）`);
  // A backup of an older format version is restored upgraded.
  const bytes = loaded.migratedFrom === undefined ? loaded.bytes : Buffer.from(serializeDocument(loaded.document), 'utf8');
  const path = store.issuePath(id);
  const current = loadIssueFile(store.fs, path, store.parseOptions);
  if (!current) throw new LibraryError(store.missingMessage(id));
  if (current.ok) keepBackup(store, id, current.bytes);
  else moveFile(store.fs, path, `${path}.damaged-${nameStamp(store.now())}`);
  writeAtomic(store.fs, path, bytes);
  const at = store.nowIso();
  const hash = contentHash(loaded.document);
  const when = stampTime(backupId) ?? backupId;
  store.updateMeta(id, (m) =>
    voidIfChanged(
      { ...m, updatedAt: at, history: [...m.history, { at, action: 'restored', detail: `恢复为 ${when} 备份的版本` }] },
      hash,
      at,
    ),
  );
  return { revision: revisionOf(bytes) };
}

/** Oldest first: the time stamp, then the "-N" suffix as a number. */
function compareBackupIds(a: string, b: string): number {
  const [sa, na] = splitBackupId(a);
  const [sb, nb] = splitBackupId(b);
  return sa < sb ? -1 : sa > sb ? 1 : na - nb;
}

function splitBackupId(id: string): [string, number] {
  const z = id.indexOf('Z');
  return [id.slice(0, z + 1), z + 1 < id.length ? Number(id.slice(z + 2)) : 1];
}
