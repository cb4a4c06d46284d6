import { basename, join } from 'node:path';
import type { BulletinDocument } from '../core/model/document.js';
import {
  CURRENT_VERSION,
  documentFromUnknown,
  parseDocument,
  serializeDocument,
  type Migration,
  type ParseOptions,
} from '../core/model/format.js';
import type { Issue } from '../core/model/issue.js';
import { defaultProfile, type PublicationProfile } from '../core/model/profile.js';
import { isPlainObject } from '../core/model/validate.js';
import { importPlainText } from '../core/import/plain-text.js';
import { readInput } from '../core/io/read-input.js';
import { parseIsoDate, toIsoDate } from '../core/text/dates.js';
import { contentHash } from './content-hash.js';
import {
  LibraryError,
  NODE_FS,
  listNames,
  moveFile,
  nameStamp,
  removeFile,
  stampTime,
  sweepStaleTemps,
  writeAtomic,
  type LibraryFs,
} from './library-fs.js';
import { BACKUP_ID_PATTERN, assertBackupId, assertIssueId, isIssueId, newIssueId } from './library-ids.js';
import {
  MAX_ISSUE_BYTES,
  fileStamp,
  loadIssueFile,
  revisionOf,
  searchTextOf,
  titleOf,
  type LoadedIssue,
} from './library-issue-file.js';
import { describeProblems, metaFromUnknown, newMeta, parseMeta, serializeMeta, voidIfChanged } from './library-meta.js';
import { nextNumbers, numberingWarnings } from './library-numbering.js';
import { parseProfileFile, profileFromUnknown, serializeProfileFile, signersFromUnknown, type ProfileFile } from './library-profile.js';
import type {
  BackupInfo,
  CreatedIssue,
  DamagedFile,
  HistoryEntry,
  IssueMeta,
  IssueSummary,
  Library,
  LibraryListing,
  SaveResult,
  SignerRecord,
  StoredIssue,
} from './library-types.js';

export { numberingWarnings, nextNumbers } from './library-numbering.js';
export type { IssueNumbers } from './library-numbering.js';
export { LibraryError, type LibraryFs } from './library-fs.js';
export { isIssueId, assertIssueId } from './library-ids.js';

/**
 * The library store: a folder of issues.
 *
 *     profile.json                      the publication profile and the signers (bulletin-profile, version 1)
 *     issues/<id>.json                  an issue file, exactly as serializeDocument writes it
 *     issues/<id>.meta.json             its library facts (IssueMeta: status, history, sign-off)
 *     trash/<id>.json, <id>.meta.json   issues moved to the 回收站
 *     backups/<id>/<time>.json          the previous version before every save (the last 20 are kept)
 *     journal/<id>.json                 unsaved editor state for crash recovery ({ savedAt, document })
 *     backups/<id>/<time>-v<N>.json     the original of an issue file of an older format version N, kept when
 *                                       the file was upgraded (never pruned)
 *
 * Every write is atomic (temporary file, fsync, rename). A file that cannot be read is reported and left
 * alone, bytes intact: it is never overwritten or deleted (a damaged profile or meta file is moved aside
 * as `<name>.damaged-<time>`). Disk errors surface as {@link LibraryError}s with a Chinese message.
 */

/** Options of {@link createLibrary}. */
export interface LibraryOptions {
  /** The library folder; created (with its sub-folders) on the first write. */
  readonly dir: string;
  /** The clock (tests pin it). */
  readonly now?: () => Date;
  /** The file-system functions to use (tests inject disk faults); node:fs by default. */
  readonly fs?: LibraryFs;
  /** The format upgrades to use instead of the core's MIGRATIONS table (tests inject one). */
  readonly migrations?: Readonly<Record<number, Migration>>;
}

/** How many previous versions are kept per issue. */
export const BACKUPS_KEPT = 20;

/** Largest meta, journal or profile file read (they are a few kilobytes). */
const MAX_SIDE_FILE_BYTES = 5 * 1024 * 1024;

/** Opens the library in `options.dir`. Nothing is written until something changes. */
export function createLibrary(options: LibraryOptions): Library {
  return new FolderLibrary(options);
}

/** Today's date (local time) as YYYY-MM-DD. */
export function isoDay(date: Date): string {
  return toIsoDate({ year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() });
}

type Where = 'issues' | 'trash';

interface SummaryEntry {
  readonly ok: true;
  readonly summary: Omit<IssueSummary, 'status' | 'updatedAt'>;
  readonly search: string;
  readonly hash: string;
}
type CachedEntry = { readonly key: string; readonly entry: SummaryEntry | { readonly ok: false; readonly reason: string } };

class FolderLibrary implements Library {
  readonly dir: string;
  private readonly fs: LibraryFs;
  private readonly now: () => Date;
  /** Issue files already read, by path, valid while their size, mtime and inode are the same. */
  private readonly issueCache = new Map<string, CachedEntry>();
  private readonly metaCache = new Map<string, { key: string; meta: IssueMeta }>();
  /** Damaged side files moved aside by this instance, reported by every listing. */
  private readonly movedAside: DamagedFile[] = [];
  private readonly parseOptions: ParseOptions;
  /** Whether the leftovers of killed writes have been swept from every folder (done by the first listing). */
  private swept = false;

  constructor(options: LibraryOptions) {
    this.dir = options.dir;
    this.fs = options.fs ?? NODE_FS;
    this.now = options.now ?? (() => new Date());
    this.parseOptions = options.migrations ? { migrations: options.migrations } : {};
  }

  // -------------------------------------------------------------------------------------------------------
  // Paths

  private issuePath(id: string, where: Where = 'issues'): string {
    return join(this.dir, where, `${id}.json`);
  }

  private metaPath(id: string, where: Where = 'issues'): string {
    return join(this.dir, where, `${id}.meta.json`);
  }

  private backupDir(id: string): string {
    return join(this.dir, 'backups', id);
  }

  private journalPath(id: string): string {
    return join(this.dir, 'journal', `${id}.json`);
  }

  private get profilePath(): string {
    return join(this.dir, 'profile.json');
  }

  private exists(path: string): boolean {
    return fileStamp(this.fs, path) !== undefined;
  }

  private nowIso(): string {
    return this.now().toISOString();
  }

  // -------------------------------------------------------------------------------------------------------
  // Listing

  list(options: { query?: string; trash?: boolean } = {}): LibraryListing {
    const where: Where = options.trash ? 'trash' : 'issues';
    const folder = join(this.dir, where);
    const query = options.query?.trim().toLowerCase() ?? '';
    const issues: IssueSummary[] = [];
    const damaged: DamagedFile[] = [];
    const seen = new Set<string>();
    const names = listNames(this.fs, folder);
    this.sweepTemps(folder, names);
    for (const name of names.sort()) {
      if (name.startsWith('.') || !name.endsWith('.json') || name.endsWith('.meta.json')) continue;
      const file = join(folder, name);
      seen.add(file);
      const id = name.slice(0, -'.json'.length);
      if (!isIssueId(id)) {
        damaged.push({ file, reason: '文件名不是期刊编号，不是本程序保存的期刊' });
        continue;
      }
      const entry = this.summaryEntry(file, id, where);
      if (!entry) continue;
      if (!entry.ok) {
        damaged.push({ file, reason: entry.reason });
        continue;
      }
      if (query && !entry.search.includes(query)) continue;
      const meta = this.listedMeta(id, where, entry);
      issues.push({ ...entry.summary, status: meta.status, updatedAt: meta.updatedAt });
    }
    for (const key of this.issueCache.keys()) if (key.startsWith(folder) && !seen.has(key)) this.issueCache.delete(key);
    issues.sort(newestFirst);
    return { issues, damaged: [...damaged, ...this.movedAside] };
  }

  /**
   * Removes the temporary files that killed writes left in `folder` (those older than a minute); the first
   * call also sweeps the library's other folders (the profile's, the journal's, every issue's backups).
   */
  private sweepTemps(folder: string, names: readonly string[]): void {
    sweepStaleTemps(this.fs, folder, names);
    if (this.swept) return;
    this.swept = true;
    for (const other of [this.dir, join(this.dir, 'issues'), join(this.dir, 'trash'), join(this.dir, 'journal')]) {
      if (other !== folder) sweepStaleTemps(this.fs, other);
    }
    const backups = join(this.dir, 'backups');
    for (const id of listNamesQuietly(this.fs, backups)) sweepStaleTemps(this.fs, join(backups, id));
  }

  /** The listing facts of an issue file, from the cache while the file is unchanged; undefined if gone. */
  private summaryEntry(file: string, id: string, where: Where): CachedEntry['entry'] | undefined {
    const stamp = fileStamp(this.fs, file);
    if (!stamp) return undefined;
    const cached = this.issueCache.get(file);
    if (cached && cached.key === stamp.key) return cached.entry;
    const read = loadIssueFile(this.fs, file, this.parseOptions);
    if (!read) return undefined;
    const loaded = read.ok && where === 'issues' ? this.migrateIssue(id, read) : read;
    const entry: CachedEntry['entry'] = loaded.ok ? summarize(basename(file, '.json'), loaded) : loaded;
    this.issueCache.set(file, { key: loaded.stats.key, entry });
    return entry;
  }

  /**
   * The meta of a listed issue: recreated when missing, its sign-off voided when the content changed. When
   * that cannot be written (a read-only library), the listing still shows what it would be.
   */
  private listedMeta(id: string, where: Where, entry: SummaryEntry): IssueMeta {
    if (where === 'trash') return this.loadMeta(id, { where, repair: false });
    try {
      return this.checkSignOff(this.loadMeta(id, { where, repair: true }), entry.hash);
    } catch {
      return voidIfChanged(this.loadMeta(id, { where, repair: false }), entry.hash, this.nowIso());
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // Meta

  /**
   * The meta of an issue. A missing one is made (a draft; written when `repair`); a damaged one is moved
   * aside as `<id>.meta.json.damaged-<time>` and remade when `repair`, or only remade in memory otherwise.
   */
  private loadMeta(id: string, options: { where?: Where; repair: boolean }): IssueMeta {
    const where = options.where ?? 'issues';
    const path = this.metaPath(id, where);
    const stamp = fileStamp(this.fs, path);
    const cached = this.metaCache.get(path);
    if (stamp && cached?.key === stamp.key) return cached.meta;
    const at = fileStamp(this.fs, this.issuePath(id, where))?.mtime.toISOString() ?? this.nowIso();
    if (!stamp) return this.remadeMeta(id, at, options.repair);
    const parsed =
      stamp.size > MAX_SIDE_FILE_BYTES || !stamp.isFile
        ? { ok: false as const, reason: '文件过大或不是文件' }
        : parseMeta(this.fs.readFileSync(path, 'utf8'), id);
    if (parsed.ok) {
      this.metaCache.set(path, { key: stamp.key, meta: parsed.meta });
      return parsed.meta;
    }
    if (!options.repair) return newMeta(id, at);
    const aside = `${path}.damaged-${nameStamp(this.now())}`;
    moveFile(this.fs, path, aside);
    this.movedAside.push({ file: aside, reason: `期刊信息文件已损坏（${parsed.reason}），已另存为 ${basename(aside)}，状态重置为草稿` });
    return this.remadeMeta(id, at, true);
  }

  private remadeMeta(id: string, at: string, write: boolean): IssueMeta {
    const meta = newMeta(id, at);
    if (write) this.writeMeta(meta);
    return meta;
  }

  private writeMeta(meta: IssueMeta): void {
    writeAtomic(this.fs, this.metaPath(meta.id), serializeMeta(meta));
  }

  /** Voids (and persists the voiding of) a sign-off whose content hash no longer matches. */
  private checkSignOff(meta: IssueMeta, hash: string): IssueMeta {
    const checked = voidIfChanged(meta, hash, this.nowIso());
    if (checked !== meta) this.writeMeta(checked);
    return checked;
  }

  updateMeta(id: string, change: (meta: IssueMeta) => IssueMeta): IssueMeta {
    assertIssueId(id);
    this.requireIssue(id);
    const next = change(this.loadMeta(id, { repair: true }));
    const checked = metaFromUnknown(JSON.parse(serializeMeta(next)), id);
    if (!checked.ok) throw new LibraryError(`期刊信息有误，未保存：${checked.reason}`);
    this.writeMeta(checked.meta);
    return checked.meta;
  }

  record(id: string, entry: Omit<HistoryEntry, 'at'>): IssueMeta {
    const at = this.nowIso();
    return this.updateMeta(id, (meta) => ({ ...meta, history: [...meta.history, { at, ...entry }] }));
  }

  // -------------------------------------------------------------------------------------------------------
  // Reading and saving

  /**
   * The issue file, read and checked (and upgraded when of an older format version); throws a Chinese
   * LibraryError when missing or damaged.
   */
  private requireIssue(id: string, options: { migrate?: boolean } = {}): LoadedIssue {
    const loaded = loadIssueFile(this.fs, this.issuePath(id), this.parseOptions);
    if (!loaded) {
      const inTrash = this.exists(this.issuePath(id, 'trash'));
      throw new LibraryError(inTrash ? `期刊 ${id} 在回收站中，请先恢复` : `找不到期刊：${id}`);
    }
    if (!loaded.ok) throw new LibraryError(`期刊文件已损坏，无法打开（${loaded.reason}）：${this.issuePath(id)}`);
    return options.migrate === false ? loaded : this.migrateIssue(id, loaded);
  }

  /**
   * An issue file of an older format version, upgraded on disk: its original bytes are kept first as
   * `backups/<id>/<time>-v<N>.json` (never pruned), then the upgraded file is written atomically and the
   * history says so ('migrated'). A crash in between upgrades it again on the next read. When the library
   * cannot be written (read-only, disk full), the upgraded document is used in memory and the file is left
   * as it is (a save writes the current version, keeping the old one as an ordinary backup).
   */
  private migrateIssue(id: string, loaded: LoadedIssue): LoadedIssue {
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

  private migratedEntry(from: number, kept: string): HistoryEntry {
    const detail = `文件格式从版本 ${from} 升级到版本 ${CURRENT_VERSION}，原文件已备份为 ${kept}`;
    return { at: this.nowIso(), action: 'migrated', detail };
  }

  /**
   * Keeps the original bytes of an issue file of format version `version`; returns the backup's name. An
   * identical original kept before (by an upgrade that could not be finished) is reused.
   */
  private keepOriginal(id: string, bytes: Uint8Array, version: number): string {
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

  read(id: string): StoredIssue {
    assertIssueId(id);
    const loaded = this.requireIssue(id);
    const meta = this.checkSignOff(this.loadMeta(id, { repair: true }), contentHash(loaded.document));
    return { id, document: loaded.document, meta, revision: loaded.revision };
  }

  save(id: string, document: BulletinDocument, revision: string, options: { by?: string } = {}): SaveResult {
    assertIssueId(id);
    const text = checkedText(document);
    // Not upgraded here: when the upgrade of an older file could not be written as it was read (a full
    // disk), the editor holds the old file's revision, and this save is the upgrade.
    const current = this.requireIssue(id, { migrate: false });
    if (current.revision !== revision) return { status: 'conflict', revision: current.revision };
    const newRevision = revisionOf(text);
    if (newRevision === current.revision) return { status: 'saved', revision: newRevision, meta: this.read(id).meta };
    const from = current.migratedFrom;
    const upgrade = from === undefined ? undefined : this.migratedEntry(from, this.keepOriginal(id, current.bytes, from));
    if (!upgrade) this.backup(id, current.bytes);
    writeAtomic(this.fs, this.issuePath(id), text);
    const at = this.nowIso();
    const hash = contentHash(document);
    const meta = this.updateMeta(id, (m) =>
      voidIfChanged({ ...m, updatedAt: at, history: upgrade ? [...m.history, upgrade] : m.history }, hash, at, options.by),
    );
    return { status: 'saved', revision: newRevision, meta };
  }

  exportFile(id: string): string {
    assertIssueId(id);
    return Buffer.from(this.requireIssue(id).bytes).toString('utf8');
  }

  // -------------------------------------------------------------------------------------------------------
  // New issues

  create(options: { today?: string; by?: string } = {}): CreatedIssue {
    const today = this.today(options.today);
    const listing = this.list();
    const profile = this.profile();
    const year = Number(today.slice(0, 4));
    const issue: Issue = {
      year,
      ...nextNumbers(listing, year),
      date: today,
      editorNote: [],
      articles: [{ title: '', body: [], contributor: '' }],
      distribution: profile.defaultDistribution,
      editors: profile.defaultEditors,
    };
    const id = this.add({ publication: profile, issue }, { action: 'created', by: options.by });
    return { id, warnings: this.warnings(listing, issue) };
  }

  duplicate(id: string, options: { by?: string } = {}): CreatedIssue {
    const source = this.read(id).document;
    const today = this.today();
    const listing = this.list();
    const year = Number(today.slice(0, 4));
    const issue: Issue = { ...source.issue, year, ...nextNumbers(listing, year), date: today };
    const detail = `复制自 ${source.issue.year}年第${source.issue.number}期（${id}）`;
    const newId = this.add({ publication: source.publication, issue }, { action: 'duplicated', by: options.by, detail });
    return { id: newId, warnings: this.warnings(listing, issue) };
  }

  importBytes(
    bytes: Uint8Array,
    name: string,
    options: { today?: string; by?: string } = {},
  ): { id: string; notes: string[] } {
    const today = this.today(options.today);
    const input = readInput(bytes, { name, today });
    const document = input.kind === 'text' ? this.onProfile(bytes, today) ?? input.document : input.document;
    const listing = this.list();
    const file = name.split(/[\\/]/).pop() || name;
    const id = this.add(document, { action: 'imported', by: options.by, detail: `从 ${file} 导入` });
    return { id, notes: [...input.notes.map((n) => n.message), ...this.warnings(listing, document.issue)] };
  }

  /** Text imported again with the library's profile as the base, so fields the text lacks come from it. */
  private onProfile(bytes: Uint8Array, today: string): BulletinDocument | undefined {
    try {
      const text = decodeText(bytes);
      return importPlainText(text, { base: this.profile(), today }).document;
    } catch {
      return undefined;
    }
  }

  /** Writes a new issue (file, then meta) under a fresh id. */
  private add(document: BulletinDocument, first: Omit<HistoryEntry, 'at'>): string {
    const text = checkedText(document);
    const taken = (id: string) => this.exists(this.issuePath(id)) || this.exists(this.issuePath(id, 'trash'));
    const id = newIssueId(document.issue.year, document.issue.number, taken);
    writeAtomic(this.fs, this.issuePath(id), text);
    this.writeMeta(newMeta(id, this.nowIso(), withoutUndefined(first)));
    return id;
  }

  private warnings(listing: LibraryListing, issue: Issue): string[] {
    const warnings = numberingWarnings(listing, issue);
    const unreadable = listing.damaged.filter((d) => d.file.endsWith('.json')).length;
    if (unreadable > 0) warnings.push(`有 ${unreadable} 个期刊文件无法读取，期号可能与其中的期刊重复`);
    return warnings;
  }

  private today(given?: string): string {
    if (given === undefined) return isoDay(this.now());
    if (!parseIsoDate(given)) throw new LibraryError(`日期格式不正确：${given}（应为 YYYY-MM-DD）`);
    return given;
  }

  // -------------------------------------------------------------------------------------------------------
  // Trash

  trash(id: string): void {
    assertIssueId(id);
    const from = this.issuePath(id);
    const to = this.issuePath(id, 'trash');
    if (!this.exists(from)) throw new LibraryError(`找不到期刊：${id}`);
    if (this.exists(to)) throw new LibraryError(`回收站中已有编号为 ${id} 的期刊，未移动`);
    moveFile(this.fs, from, to);
    if (this.exists(this.metaPath(id))) moveFile(this.fs, this.metaPath(id), this.metaPath(id, 'trash'));
  }

  restore(id: string): void {
    assertIssueId(id);
    const from = this.issuePath(id, 'trash');
    const to = this.issuePath(id);
    if (this.exists(to)) throw new LibraryError(`期刊库中已有编号为 ${id} 的期刊，不能从回收站恢复`);
    if (!this.exists(from)) throw new LibraryError(`回收站中没有这一期：${id}`);
    moveFile(this.fs, from, to);
    if (this.exists(this.metaPath(id, 'trash'))) moveFile(this.fs, this.metaPath(id, 'trash'), this.metaPath(id));
  }

  // -------------------------------------------------------------------------------------------------------
  // Backups

  /** Keeps `bytes` as a backup of issue `id`, then prunes all but the newest {@link BACKUPS_KEPT}. */
  private backup(id: string, bytes: Uint8Array): void {
    const dir = this.backupDir(id);
    const stamp = nameStamp(this.now());
    let name = stamp;
    for (let n = 2; this.exists(join(dir, `${name}.json`)); n++) name = `${stamp}-${n}`;
    writeAtomic(this.fs, join(dir, `${name}.json`), bytes);
    const names = this.backupIds(id);
    for (const old of names.slice(BACKUPS_KEPT)) removeFile(this.fs, join(dir, `${old}.json`));
  }

  /** Backup ids of an issue, newest first. */
  private backupIds(id: string): string[] {
    return listNames(this.fs, this.backupDir(id))
      .filter((n) => n.endsWith('.json') && BACKUP_ID_PATTERN.test(n.slice(0, -5)))
      .map((n) => n.slice(0, -5))
      .sort(compareBackupIds)
      .reverse();
  }

  backups(id: string): BackupInfo[] {
    assertIssueId(id);
    const out: BackupInfo[] = [];
    for (const backupId of this.backupIds(id)) {
      const stamp = fileStamp(this.fs, join(this.backupDir(id), `${backupId}.json`));
      if (stamp) out.push({ id: backupId, at: stampTime(backupId) ?? stamp.mtime.toISOString(), bytes: stamp.size });
    }
    return out;
  }

  restoreBackup(id: string, backupId: string): { revision: string } {
    assertIssueId(id);
    assertBackupId(backupId);
    const loaded = loadIssueFile(this.fs, join(this.backupDir(id), `${backupId}.json`), this.parseOptions);
    if (!loaded) throw new LibraryError(`找不到备份：${backupId}`);
    if (!loaded.ok) throw new LibraryError(`备份文件已损坏，无法恢复（${loaded.reason}）`);
    // A backup of an older format version is restored upgraded.
    const bytes = loaded.migratedFrom === undefined ? loaded.bytes : Buffer.from(serializeDocument(loaded.document), 'utf8');
    const path = this.issuePath(id);
    const current = loadIssueFile(this.fs, path, this.parseOptions);
    if (!current) throw new LibraryError(this.exists(this.issuePath(id, 'trash')) ? `期刊 ${id} 在回收站中，请先恢复` : `找不到期刊：${id}`);
    if (current.ok) this.backup(id, current.bytes);
    else moveFile(this.fs, path, `${path}.damaged-${nameStamp(this.now())}`);
    writeAtomic(this.fs, path, bytes);
    const at = this.nowIso();
    const hash = contentHash(loaded.document);
    const when = stampTime(backupId) ?? backupId;
    this.updateMeta(id, (m) =>
      voidIfChanged(
        { ...m, updatedAt: at, history: [...m.history, { at, action: 'restored', detail: `恢复为 ${when} 备份的版本` }] },
        hash,
        at,
      ),
    );
    return { revision: revisionOf(bytes) };
  }

  // -------------------------------------------------------------------------------------------------------
  // Journal

  writeJournal(id: string, document: BulletinDocument): void {
    assertIssueId(id);
    const entry = { savedAt: this.nowIso(), document: JSON.parse(checkedText(document)) as unknown };
    writeAtomic(this.fs, this.journalPath(id), `${JSON.stringify(entry)}\n`);
  }

  readJournal(id: string): { document?: BulletinDocument; savedAt?: string } {
    assertIssueId(id);
    const path = this.journalPath(id);
    const stamp = fileStamp(this.fs, path);
    if (!stamp || !stamp.isFile || stamp.size > MAX_ISSUE_BYTES + 1024) return {};
    try {
      const raw: unknown = JSON.parse(this.fs.readFileSync(path, 'utf8'));
      if (!isPlainObject(raw) || typeof raw.savedAt !== 'string') return {};
      const parsed = documentFromUnknown(raw.document, this.parseOptions);
      return parsed.ok ? { document: parsed.document, savedAt: raw.savedAt } : {};
    } catch {
      return {};
    }
  }

  discardJournal(id: string): void {
    assertIssueId(id);
    removeFile(this.fs, this.journalPath(id));
  }

  // -------------------------------------------------------------------------------------------------------
  // Profile and signers

  /**
   * The profile file's content; defaults when there is none. A damaged file is moved aside (bytes intact)
   * and reported by list(); when `forWrite`, a failure to move it aside is thrown rather than ignored, so
   * the damaged file is never overwritten.
   */
  private profileFile(forWrite = false): ProfileFile {
    const path = this.profilePath;
    const stamp = fileStamp(this.fs, path);
    if (!stamp) return { profile: defaultProfile(), signers: [] };
    const parsed =
      stamp.size > MAX_SIDE_FILE_BYTES || !stamp.isFile
        ? { ok: false as const, reason: '文件过大或不是文件' }
        : parseProfileFile(this.fs.readFileSync(path, 'utf8'));
    if (parsed.ok) return parsed.file;
    const aside = `${path}.damaged-${nameStamp(this.now())}`;
    try {
      moveFile(this.fs, path, aside);
    } catch (error) {
      if (forWrite) throw error;
      return { profile: defaultProfile(), signers: [] };
    }
    this.movedAside.push({ file: aside, reason: `出版设置文件已损坏（${parsed.reason}），已另存为 ${basename(aside)}，现使用默认设置` });
    return { profile: defaultProfile(), signers: [] };
  }

  profile(): PublicationProfile {
    return this.profileFile().profile;
  }

  saveProfile(profile: PublicationProfile): void {
    const checked = profileFromUnknown(profile);
    if (!checked.ok) throw new LibraryError(`出版设置有误，未保存：${checked.reason}`);
    const current = this.profileFile(true);
    writeAtomic(this.fs, this.profilePath, serializeProfileFile({ profile: checked.profile, signers: current.signers }));
  }

  signerRecords(): SignerRecord[] {
    return [...this.profileFile().signers];
  }

  saveSignerRecords(records: readonly SignerRecord[]): void {
    const checked = signersFromUnknown(records);
    if (!checked.ok) throw new LibraryError(`签发人记录有误，未保存：${checked.reason}`);
    const current = this.profileFile(true);
    writeAtomic(this.fs, this.profilePath, serializeProfileFile({ profile: current.profile, signers: checked.signers }));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Helpers

/** The listing facts of a readable issue file. */
function summarize(id: string, loaded: LoadedIssue): SummaryEntry {
  const { issue } = loaded.document;
  const summary = {
    id,
    year: issue.year,
    number: issue.number,
    ...(issue.totalNumber === undefined ? {} : { totalNumber: issue.totalNumber }),
    date: issue.date,
    title: titleOf(loaded.document),
  };
  return { ok: true, summary, search: searchTextOf(loaded.document), hash: contentHash(loaded.document) };
}

/** Newest first: year, then 期号, descending; the id breaks ties. */
function newestFirst(a: IssueSummary, b: IssueSummary): number {
  return b.year - a.year || b.number - a.number || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
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

/** The file text of a document, after checking the document as the format would on reading it. */
function checkedText(document: BulletinDocument): string {
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

/** UTF-8, else GB18030 (as the core's readInput decodes). */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
  }
}

/** The names in a folder; none when it cannot be read. */
function listNamesQuietly(fs: LibraryFs, dir: string): string[] {
  try {
    return listNames(fs, dir);
  } catch {
    return [];
  }
}

function withoutUndefined(entry: Omit<HistoryEntry, 'at'>): Omit<HistoryEntry, 'at'> {
  return Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)) as Omit<HistoryEntry, 'at'>;
}
