import { basename, join } from 'node:path';
import type { BulletinDocument } from '../core/model/document.js';
import { CURRENT_VERSION, parseDocument, serializeDocument, type Migration, type ParseOptions } from '../core/model/format.js';
import {
  LibraryError,
  NODE_FS,
  listNames,
  moveFile,
  nameStamp,
  writeAtomic,
  type LibraryFs,
} from './library-fs.js';
import { assertIssueId } from './library-ids.js';
import { fileStamp, loadIssueFile, type LoadedIssue } from './library-issue-file.js';
import { checkSignOff, describeProblems, metaFromUnknown, newMeta, parseMeta, serializeMeta } from './library-meta.js';
import type { SignOffTrust } from './signoff-record.js';
import type { DamagedFile, HistoryEntry, IssueMeta } from './library-types.js';

/**
 * The library's store: where each file of a library folder lives, and the issue files and their meta files
 * read, checked, upgraded and written. The listing (./library-index.ts), trash (./library-trash.ts), backups
 * (./library-backups.ts) and journal (./library-journal.ts) stand on it; ./library.ts composes them.
 */

/** The two folders issues live in. */
export type Where = 'issues' | 'trash';

/** Largest meta, journal or profile file read (they are a few kilobytes). */
export const MAX_SIDE_FILE_BYTES = 5 * 1024 * 1024;

/** Options of a {@link LibraryStore}. */
export interface LibraryStoreOptions {
  /** The library folder; created (with its sub-folders) on the first write. */
  readonly dir: string;
  /** The clock (tests pin it). */
  readonly now?: () => Date;
  /** The file-system functions to use (tests inject disk faults); node:fs by default. */
  readonly fs?: LibraryFs;
  /** The format upgrades to use instead of the core's MIGRATIONS table (tests inject one). */
  readonly migrations?: Readonly<Record<number, Migration>>;
  /** Who may sign off in this library (its authority and signers' certificates), asked when a sign-off is checked. */
  readonly trust: () => SignOffTrust;
}

/** One library folder's files: paths, issue files and meta files. One per library instance. */
export class LibraryStore {
  readonly dir: string;
  readonly fs: LibraryFs;
  readonly now: () => Date;
  readonly parseOptions: ParseOptions;
  /** Damaged side files moved aside by this instance, reported by every listing. */
  readonly movedAside: DamagedFile[] = [];
  private readonly metaCache = new Map<string, { key: string; meta: IssueMeta }>();
  /** Who may sign off (see {@link LibraryStoreOptions.trust}). */
  readonly trust: () => SignOffTrust;

  constructor(options: LibraryStoreOptions) {
    this.trust = options.trust;
    this.dir = options.dir;
    this.fs = options.fs ?? NODE_FS;
    this.now = options.now ?? (() => new Date());
    this.parseOptions = options.migrations ? { migrations: options.migrations } : {};
  }

  // -------------------------------------------------------------------------------------------------------
  // Paths

  issuePath(id: string, where: Where = 'issues'): string {
    return join(this.dir, where, `${id}.json`);
  }

  metaPath(id: string, where: Where = 'issues'): string {
    return join(this.dir, where, `${id}.meta.json`);
  }

  backupDir(id: string): string {
    return join(this.dir, 'backups', id);
  }

  journalPath(id: string): string {
    return join(this.dir, 'journal', `${id}.json`);
  }

  get profilePath(): string {
    return join(this.dir, 'profile.json');
  }

  exists(path: string): boolean {
    return fileStamp(this.fs, path) !== undefined;
  }

  nowIso(): string {
    return this.now().toISOString();
  }

  // -------------------------------------------------------------------------------------------------------
  // Meta

  /**
   * The meta of an issue. A missing one is made (a draft; written when `repair`); a damaged one is moved
   * aside as `<id>.meta.json.damaged-<time>` and remade when `repair`, or only remade in memory otherwise.
   */
  loadMeta(id: string, options: { where?: Where; repair: boolean }): IssueMeta {
    const where = options.where ?? 'issues';
    const path = this.metaPath(id, where);
    const stamp = fileStamp(this.fs, path);
    const cached = this.metaCache.get(path);
    if (stamp && cached?.key === stamp.key) return cached.meta;
    // When a meta is remade, it dates from the issue file (stat'ed only then: listing a library calls this per issue).
    const at = () => fileStamp(this.fs, this.issuePath(id, where))?.mtime.toISOString() ?? this.nowIso();
    if (!stamp) return this.remadeMeta(id, at(), options.repair);
    const parsed =
      stamp.size > MAX_SIDE_FILE_BYTES || !stamp.isFile
        ? { ok: false as const, reason: '文件过大或不是文件' }
        : parseMeta(this.fs.readFileSync(path, 'utf8'), id);
    if (parsed.ok) {
      this.metaCache.set(path, { key: stamp.key, meta: parsed.meta });
      return parsed.meta;
    }
    if (!options.repair) return newMeta(id, at());
    const aside = `${path}.damaged-${nameStamp(this.now())}`;
    moveFile(this.fs, path, aside);
    this.movedAside.push({ file: aside, reason: `期刊信息文件已损坏（${parsed.reason}），已另存为 ${basename(aside)}，状态重置为草稿` });
    return this.remadeMeta(id, at(), true);
  }

  private remadeMeta(id: string, at: string, write: boolean): IssueMeta {
    const meta = newMeta(id, at);
    if (write) this.writeMeta(meta);
    return meta;
  }

  writeMeta(meta: IssueMeta): void {
    writeAtomic(this.fs, this.metaPath(meta.id), serializeMeta(meta));
  }

  /**
   * Verifies a sign-off (library-meta.ts checkSignOff): voids, and persists the voiding of, one whose content
   * changed or whose signed record does not verify; an old-format one becomes `legacySignOff`. The original
   * meta file is kept first (backups/<id>/<time>-meta.json) whenever a record is set aside.
   */
  checkSignOff(meta: IssueMeta, hash: string): IssueMeta {
    const checked = checkSignOff(meta, { contentHash: hash, at: this.nowIso(), trust: this.trust });
    if (checked.meta === meta) return meta;
    if (checked.keepOriginal) {
      const path = this.metaPath(meta.id);
      if (this.exists(path)) writeAtomic(this.fs, join(this.backupDir(meta.id), `${nameStamp(this.now())}-meta.json`), this.fs.readFileSync(path));
    }
    this.writeMeta(checked.meta);
    return checked.meta;
  }

  /** What {@link checkSignOff} would make of a meta, without writing anything (a read-only library). */
  checkedSignOff(meta: IssueMeta, hash: string): IssueMeta {
    return checkSignOff(meta, { contentHash: hash, at: this.nowIso(), trust: this.trust }).meta;
  }

  /** Changes an issue's meta atomically, after checking the result as the meta file's reader would. */
  updateMeta(id: string, change: (meta: IssueMeta) => IssueMeta): IssueMeta {
    assertIssueId(id);
    this.requireIssue(id);
    const next = change(this.loadMeta(id, { repair: true }));
    const checked = metaFromUnknown(JSON.parse(serializeMeta(next)), id);
    if (!checked.ok) throw new LibraryError(`期刊信息有误，未保存：${checked.reason}`);
    this.writeMeta(checked.meta);
    return checked.meta;
  }

  // -------------------------------------------------------------------------------------------------------
  // Issue files

  /**
   * The issue file, read and checked (and upgraded when of an older format version); throws a Chinese
   * LibraryError when missing or damaged.
   */
  requireIssue(id: string, options: { migrate?: boolean } = {}): LoadedIssue {
    const loaded = loadIssueFile(this.fs, this.issuePath(id), this.parseOptions);
    if (!loaded) throw new LibraryError(this.missingMessage(id));
    if (!loaded.ok) throw new LibraryError(`期刊文件已损坏，无法打开（${loaded.reason}）：${this.issuePath(id)}`);
    return options.migrate === false ? loaded : this.migrateIssue(id, loaded);
  }

  /** Why issue `id` cannot be found: it is in the trash, or it is not there at all. */
  missingMessage(id: string): string {
    return this.exists(this.issuePath(id, 'trash')) ? `期刊 ${id} 在回收站中，请先恢复` : `找不到期刊：${id}`;
  }

  /**
   * An issue file of an older format version, upgraded on disk: its original bytes are kept first as
   * `backups/<id>/<time>-v<N>.json` (never pruned), then the upgraded file is written atomically and the
   * history says so ('migrated'). A crash in between upgrades it again on the next read. When the library
   * cannot be written (read-only, disk full), the upgraded document is used in memory and the file is left
   * as it is (a save writes the current version, keeping the old one as an ordinary backup).
   */
  migrateIssue(id: string, loaded: LoadedIssue): LoadedIssue {
    const from = loaded.migratedFrom;
    if (from === undefined) return loaded;
    const path = this.issuePath(id);
    let kept: string;
    try {
      kept = this.keepOriginal(id, loaded.bytes, from);
      writeAtomic(this.fs, path, serializeDocument(loaded.document));
    } catch {
      return loaded;
    }
    try {
      const meta = this.loadMeta(id, { repair: true });
      this.writeMeta({ ...meta, history: [...meta.history, this.migratedEntry(from, kept)] });
    } catch {
      // the upgrade itself is done; only its history line is missing
    }
    const upgraded = loadIssueFile(this.fs, path, this.parseOptions);
    return upgraded?.ok && upgraded.migratedFrom === undefined ? upgraded : loaded;
  }

  migratedEntry(from: number, kept: string): HistoryEntry {
    const detail = `文件格式从版本 ${from} 升级到版本 ${CURRENT_VERSION}，原文件已备份为 ${kept}`;
    return { at: this.nowIso(), action: 'migrated', detail };
  }

  /**
   * Keeps the original bytes of an issue file of format version `version`; returns the backup's name. An
   * identical original kept before (by an upgrade that could not be finished) is reused.
   */
  keepOriginal(id: string, bytes: Uint8Array, version: number): string {
    const dir = this.backupDir(id);
    for (const name of listNames(this.fs, dir)) {
      if (!name.endsWith(`-v${version}.json`) || fileStamp(this.fs, join(dir, name))?.size !== bytes.length) continue;
      if (Buffer.from(bytes).equals(this.fs.readFileSync(join(dir, name)))) return name;
    }
    const stamp = nameStamp(this.now());
    let name = `${stamp}-v${version}.json`;
    for (let n = 2; this.exists(join(dir, name)); n++) name = `${stamp}-${n}-v${version}.json`;
    writeAtomic(this.fs, join(dir, name), bytes);
    return name;
  }
}

/** The file text of a document, after checking the document as the format would on reading it. */
export function checkedText(document: BulletinDocument): string {
  let text: string;
  try {
    text = serializeDocument(document);
  } catch (error) {
    throw new LibraryError('内容无效，未保存', { cause: error });
  }
  const parsed = parseDocument(text);
  if (!parsed.ok) throw new LibraryError(`内容有误，未保存：${describeProblems(parsed.problems)}`);
  return text;
}
