import { basename, join, resolve } from 'node:path';
import type { BulletinDocument } from '../core/model/document.js';
import type { Issue } from '../core/model/issue.js';
import { nextNumbers, numberingWarnings } from '../core/model/issue-numbers.js';
import { defaultProfile, type PublicationProfile } from '../core/model/profile.js';
import {
  derivePublication,
  findPublication,
  firstPublication,
  publicationNameProblem,
  publicationOf,
  unknownPublicationMessage,
  type Publication,
  type PublicationSource,
} from '../core/model/publication.js';
import { importPlainText } from '../core/import/plain-text.js';
import { readInput } from '../core/io/read-input.js';
import { parseIsoDate, toIsoDate } from '../core/text/dates.js';
import { contentHash } from './content-hash.js';
import { listBackups, keepBackup, restoreBackup } from './library-backups.js';
import { carriedLists, lastIssue } from './library-carry-over.js';
import { LibraryError, listNames, moveFile, nameStamp, writeAtomic } from './library-fs.js';
import { assertIssueId, isIssueId, newIssueId } from './library-ids.js';
import { LibraryIndex, newestFirst } from './library-index.js';
import { ListingCache } from './listing-cache.js';
import { fileStamp, revisionOf } from './library-issue-file.js';
import { discardJournal, readJournal, writeJournal } from './library-journal.js';
import { newMeta, voidIfChanged } from './library-meta.js';
import {
  PROFILE_VERSION,
  parseProfileFile,
  profileFileOf,
  profileFromUnknown,
  publicationsFromUnknown,
  serializeProfileFile,
  signingFromUnknown,
  type ProfileFile,
} from './library-profile.js';
import { trustOf } from './signoff-record.js';
import { NO_SIGNING, type SigningData } from './signing-types.js';
import { LibraryStore, MAX_SIDE_FILE_BYTES, checkedText, type LibraryStoreOptions, type Where } from './library-store.js';
import { restoreFromTrash, trashIssue } from './library-trash.js';
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
  StoredIssue,
} from './library-types.js';

export { LibraryError, type LibraryFs } from './library-fs.js';
export { isIssueId, assertIssueId } from './library-ids.js';
export { BACKUPS_KEPT } from './library-backups.js';

/**
 * The library store: a folder of issues.
 *
 *     profile.json                      the publications (刊物: profile, numbering, allowed signers) and the signing
 *                                       authority, signers' certificates and sealed keys (bulletin-profile, version 3;
 *                                       an older original is kept as backups/profile-<time>-v<N>.json)
 *     finals/<id>.pdf                   the digitally signed final PDF made at sign-off (services/final-store.ts)
 *     signing-lockout.json              wrong-PIN counts and lockouts (services/pin-lockout.ts)
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

/** Options of {@link createLibrary}: the folder, and the clock, disk and upgrades tests inject. */
export type LibraryOptions = Omit<LibraryStoreOptions, 'trust'> & {
  /**
   * The folder of listing caches (services/listing-cache.ts; `userCacheDir()` in the app and the command line),
   * so a fresh process lists a large library without reading every issue file. None: no cache on disk.
   */
  readonly listingCacheDir?: string;
};

/** Opens the library in `options.dir`. Nothing is written until something changes. */
export function createLibrary(options: LibraryOptions): Library {
  return new FolderLibrary(options);
}

/** Today's date (local time) as YYYY-MM-DD. */
export function isoDay(date: Date): string {
  return toIsoDate({ year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() });
}

class FolderLibrary implements Library {
  readonly dir: string;
  private readonly store: LibraryStore;
  private readonly index: LibraryIndex;

  constructor(options: LibraryOptions) {
    this.store = new LibraryStore({ ...options, trust: () => trustOf(this.profileFile().signing) });
    const { listingCacheDir } = options;
    const diskCache = listingCacheDir
      ? new ListingCache({ dir: listingCacheDir, library: resolve(options.dir), fs: this.store.fs })
      : undefined;
    this.index = new LibraryIndex(this.store, diskCache);
    this.dir = this.store.dir;
  }

  // -------------------------------------------------------------------------------------------------------
  // Listing

  list(options: { query?: string; trash?: boolean; publication?: string } = {}): LibraryListing {
    const where: Where = options.trash ? 'trash' : 'issues';
    const publications = this.publications();
    const only = options.publication === undefined ? undefined : this.publication(options.publication).id;
    const folder = join(this.dir, where);
    const query = options.query?.trim().toLowerCase() ?? '';
    const issues: IssueSummary[] = [];
    const damaged: DamagedFile[] = [];
    const seen = new Set<string>();
    const names = listNames(this.store.fs, folder);
    this.index.sweepTemps(folder, names);
    for (const name of names.sort()) {
      if (name.startsWith('.') || !name.endsWith('.json') || name.endsWith('.meta.json')) continue;
      const file = join(folder, name);
      seen.add(file);
      const id = name.slice(0, -'.json'.length);
      if (!isIssueId(id)) {
        damaged.push({ file, reason: '文件名不是期刊编号，不是本程序保存的期刊' });
        continue;
      }
      const entry = this.index.entry(file, id, where);
      if (!entry) continue;
      if (!entry.ok) {
        damaged.push({ file, reason: entry.reason });
        continue;
      }
      if (query && !entry.search.includes(query)) continue;
      const meta = this.index.listedMeta(id, where, entry);
      const publication = publicationOf(publications, meta.publication)?.id ?? meta.publication ?? '';
      if (only !== undefined && publication !== only) continue;
      issues.push({ ...entry.summary, status: meta.status, updatedAt: meta.updatedAt, publication });
    }
    this.index.forgetMissing(folder, seen);
    this.index.saveCache();
    issues.sort(newestFirst);
    return { issues, damaged: [...damaged, ...this.store.movedAside] };
  }

  // -------------------------------------------------------------------------------------------------------
  // Meta

  updateMeta(id: string, change: (meta: IssueMeta) => IssueMeta): IssueMeta {
    return this.store.updateMeta(id, change);
  }

  record(id: string, entry: Omit<HistoryEntry, 'at'>): IssueMeta {
    const at = this.store.nowIso();
    return this.updateMeta(id, (meta) => ({ ...meta, history: [...meta.history, { at, ...entry }] }));
  }

  // -------------------------------------------------------------------------------------------------------
  // Reading and saving

  read(id: string): StoredIssue {
    assertIssueId(id);
    const loaded = this.store.requireIssue(id);
    const meta = this.store.checkSignOff(this.store.loadMeta(id, { repair: true }), contentHash(loaded.document));
    return { id, document: loaded.document, meta, revision: loaded.revision };
  }

  save(id: string, document: BulletinDocument, revision: string, options: { by?: string } = {}): SaveResult {
    assertIssueId(id);
    const store = this.store;
    const text = checkedText(document);
    // Not upgraded here: when the upgrade of an older file could not be written as it was read (a full
    // disk), the editor holds the old file's revision, and this save is the upgrade.
    const current = store.requireIssue(id, { migrate: false });
    if (current.revision !== revision) return { status: 'conflict', revision: current.revision };
    const newRevision = revisionOf(text);
    if (newRevision === current.revision) return { status: 'saved', revision: newRevision, meta: this.read(id).meta };
    const from = current.migratedFrom;
    const upgrade = from === undefined ? undefined : store.migratedEntry(from, store.keepOriginal(id, current.bytes, from));
    if (!upgrade) keepBackup(store, id, current.bytes);
    writeAtomic(store.fs, store.issuePath(id), text);
    const at = store.nowIso();
    const hash = contentHash(document);
    const meta = this.updateMeta(id, (m) =>
      voidIfChanged({ ...m, updatedAt: at, history: upgrade ? [...m.history, upgrade] : m.history }, hash, at, options.by),
    );
    return { status: 'saved', revision: newRevision, meta };
  }

  exportFile(id: string): string {
    assertIssueId(id);
    return Buffer.from(this.store.requireIssue(id).bytes).toString('utf8');
  }

  // -------------------------------------------------------------------------------------------------------
  // New issues

  create(options: { today?: string; by?: string; publication?: string } = {}): CreatedIssue {
    const today = this.today(options.today);
    const publication = this.publication(options.publication);
    const listing = this.list({ publication: publication.id });
    const { profile } = publication;
    const year = Number(today.slice(0, 4));
    const last = lastIssue(listing.issues);
    let lastLists: Pick<Issue, 'distribution' | 'editors'> | undefined;
    try {
      lastLists = last ? this.read(last.id).document.issue : undefined;
    } catch {
      lastLists = undefined; // a damaged last issue: start from the defaults
    }
    const issue: Issue = {
      year,
      ...nextNumbers(listing, year, seriesOf(publication)),
      date: today,
      editorNote: [],
      articles: [{ title: '', body: [], contributor: '' }],
      ...carriedLists(profile, lastLists),
    };
    const id = this.add({ publication: profile, issue }, { action: 'created', by: options.by }, publication);
    return { id, warnings: this.warnings(listing, issue, publication) };
  }

  duplicate(id: string, options: { by?: string } = {}): CreatedIssue {
    const stored = this.read(id);
    const source = stored.document;
    const publication = publicationOf(this.publications(), stored.meta.publication)!;
    const today = this.today();
    const listing = this.list({ publication: publication.id });
    const year = Number(today.slice(0, 4));
    const { totalNumber: _old, ...rest } = source.issue;
    const issue: Issue = { ...rest, year, ...nextNumbers(listing, year, seriesOf(publication)), date: today };
    const detail = `复制自 ${source.issue.year}年第${source.issue.number}期（${id}）`;
    const newId = this.add({ publication: source.publication, issue }, { action: 'duplicated', by: options.by, detail }, publication);
    return { id: newId, warnings: this.warnings(listing, issue, publication) };
  }

  importBytes(
    bytes: Uint8Array,
    name: string,
    options: { today?: string; by?: string; publication?: string } = {},
  ): { id: string; notes: string[] } {
    const today = this.today(options.today);
    const publication = this.publication(options.publication);
    const input = readInput(bytes, { name, today });
    const document = input.kind === 'text' ? this.onProfile(bytes, today, publication.profile) ?? input.document : input.document;
    const listing = this.list({ publication: publication.id });
    const file = name.split(/[\\/]/).pop() || name;
    const id = this.add(document, { action: 'imported', by: options.by, detail: `从 ${file} 导入` }, publication);
    return { id, notes: [...input.notes.map((n) => n.message), ...this.warnings(listing, document.issue, publication)] };
  }

  importDocument(document: BulletinDocument, name: string, options: { by?: string; publication?: string } = {}): { id: string; warnings: string[] } {
    const publication = this.publication(options.publication);
    const listing = this.list({ publication: publication.id });
    const file = name.split(/[\\/]/).pop() || name;
    const id = this.add(document, { action: 'imported', by: options.by, detail: `从 ${file} 导入` }, publication);
    return { id, warnings: this.warnings(listing, document.issue, publication) };
  }

  /** Text imported again with the publication's profile as the base, so fields the text lacks come from it. */
  private onProfile(bytes: Uint8Array, today: string, base: PublicationProfile): BulletinDocument | undefined {
    try {
      const text = decodeText(bytes);
      return importPlainText(text, { base, today }).document;
    } catch {
      return undefined;
    }
  }

  /** Writes a new issue of `publication` (file, then meta) under a fresh id. */
  private add(document: BulletinDocument, first: Omit<HistoryEntry, 'at'>, publication: Publication): string {
    const store = this.store;
    const text = checkedText(document);
    const taken = (id: string) => store.exists(store.issuePath(id)) || store.exists(store.issuePath(id, 'trash'));
    const id = newIssueId(document.issue.year, document.issue.number, taken);
    writeAtomic(store.fs, store.issuePath(id), text);
    store.writeMeta(newMeta(id, store.nowIso(), withoutUndefined(first), publication.id));
    return id;
  }

  private warnings(listing: LibraryListing, issue: Issue, publication: Publication): string[] {
    const warnings = numberingWarnings(listing, issue, seriesOf(publication));
    const unreadable = listing.damaged.filter((d) => d.file.endsWith('.json')).length;
    if (unreadable > 0) warnings.push(`有 ${unreadable} 个期刊文件无法读取，期号可能与其中的期刊重复`);
    return warnings;
  }

  private today(given?: string): string {
    if (given === undefined) return isoDay(this.store.now());
    if (!parseIsoDate(given)) throw new LibraryError(`日期格式不正确：${given}（应为 YYYY-MM-DD）`);
    return given;
  }

  // -------------------------------------------------------------------------------------------------------
  // Trash, backups, journal (./library-trash.ts, ./library-backups.ts, ./library-journal.ts)

  trash(id: string): void {
    trashIssue(this.store, id);
  }

  restore(id: string): void {
    restoreFromTrash(this.store, id);
  }

  backups(id: string): BackupInfo[] {
    return listBackups(this.store, id);
  }

  restoreBackup(id: string, backupId: string): { revision: string } {
    return restoreBackup(this.store, id, backupId);
  }

  writeJournal(id: string, document: BulletinDocument): void {
    writeJournal(this.store, id, document);
  }

  readJournal(id: string): { document?: BulletinDocument; savedAt?: string } {
    return readJournal(this.store, id);
  }

  discardJournal(id: string): void {
    discardJournal(this.store, id);
  }

  // -------------------------------------------------------------------------------------------------------
  // Profile and signers

  /**
   * The profile file's content; defaults when there is none. A damaged file is moved aside (bytes intact)
   * and reported by list(); when `forWrite`, a failure to move it aside is thrown rather than ignored, so
   * the damaged file is never overwritten.
   */
  private profileFile(forWrite = false): ProfileFile {
    const { fs, profilePath: path } = this.store;
    const stamp = fileStamp(fs, path);
    if (!stamp) return defaultProfileFile();
    const parsed =
      stamp.size > MAX_SIDE_FILE_BYTES || !stamp.isFile
        ? { ok: false as const, reason: '文件过大或不是文件' }
        : parseProfileFile(fs.readFileSync(path, 'utf8'));
    if (parsed.ok) return parsed.file;
    const aside = `${path}.damaged-${nameStamp(this.store.now())}`;
    try {
      moveFile(fs, path, aside);
    } catch (error) {
      if (forWrite) throw error;
      return defaultProfileFile();
    }
    this.store.movedAside.push({ file: aside, reason: `出版设置文件已损坏（${parsed.reason}），已另存为 ${basename(aside)}，现使用默认设置` });
    return defaultProfileFile();
  }

  profile(publication?: string): PublicationProfile {
    return this.publication(publication).profile;
  }

  saveProfile(profile: PublicationProfile, publication?: string): void {
    const checked = profileFromUnknown(profile);
    if (!checked.ok) throw new LibraryError(`出版设置有误，未保存：${checked.reason}`);
    const current = this.profileFile(true);
    const target = publication === undefined ? current.publications[0]! : requirePublication(current.publications, publication);
    const publications = current.publications.map((p) => (p.id === target.id ? { ...p, profile: checked.profile } : p));
    this.writeProfile(current, profileFileOf(publications, current.signing));
  }

  publications(): readonly Publication[] {
    return this.profileFile().publications;
  }

  publication(nameOrId?: string): Publication {
    const publications = this.publications();
    return nameOrId === undefined ? publications[0]! : requirePublication(publications, nameOrId);
  }

  addPublication(request: { name: string; source: PublicationSource }): Publication {
    const current = this.profileFile(true);
    const made = derivePublication(current.publications, request);
    if (!made.ok) throw new LibraryError(`未添加刊物：${made.reason}`);
    this.writePublications(current, [...current.publications, made.publication]);
    return made.publication;
  }

  savePublication(publication: Publication): void {
    const current = this.profileFile(true);
    if (!current.publications.some((p) => p.id === publication.id)) throw new LibraryError(`找不到要保存的刊物（编号 ${publication.id}）`);
    const others = current.publications.filter((p) => p.id !== publication.id);
    const problem = publicationNameProblem(publication.name, others);
    if (problem) throw new LibraryError(`刊物设置未保存：${problem}`);
    const next = current.publications.map((p) => (p.id === publication.id ? { ...publication, name: publication.name.trim() } : p));
    this.writePublications(current, next);
  }

  removePublication(nameOrId: string): { removed: Publication; trashed: number } {
    const current = this.profileFile(true);
    const target = requirePublication(current.publications, nameOrId);
    if (current.publications.length === 1) {
      throw new LibraryError(`不能删除刊物“${target.name}”：这是本库唯一的刊物，期刊库至少要有一种刊物`);
    }
    // Issues are counted as the listing counts them: an issue naming no (or an unknown) publication is the first's.
    const issues = this.list({ publication: target.id }).issues.length;
    if (issues > 0) {
      throw new LibraryError(`不能删除刊物“${target.name}”：期刊库中还有该刊的 ${issues} 期。请先删除这些期刊，或保留该刊物`);
    }
    const trashed = this.list({ publication: target.id, trash: true }).issues.length;
    // The file as it was, kept in backups/ (as a format upgrade keeps the original), then the new one atomically.
    const { fs, profilePath } = this.store;
    if (this.store.exists(profilePath)) {
      writeAtomic(fs, join(this.dir, 'backups', `profile-${nameStamp(this.store.now())}-before-remove.json`), fs.readFileSync(profilePath));
    }
    this.writePublications(current, current.publications.filter((p) => p.id !== target.id));
    return { removed: target, trashed };
  }

  /** Writes a changed list of publications after checking it as the profile file's reader would. */
  private writePublications(current: ProfileFile, publications: readonly Publication[]): void {
    const checked = publicationsFromUnknown(JSON.parse(JSON.stringify(publications)));
    if (!checked.ok) throw new LibraryError(`刊物设置有误，未保存：${checked.reason}`);
    this.writeProfile(current, profileFileOf(checked.publications, current.signing));
  }

  signingData(): SigningData {
    return this.profileFile().signing;
  }

  saveSigningData(data: SigningData): void {
    const checked = signingFromUnknown(JSON.parse(JSON.stringify(data)));
    if (!checked.ok) throw new LibraryError(`签发人记录有误，未保存：${checked.reason}`);
    const current = this.profileFile(true);
    this.writeProfile(current, profileFileOf(current.publications, checked.signing));
  }

  /**
   * Writes the profile file. A file of an older format version (a single profile, version 2; or version 1) is
   * kept first, bytes intact, as backups/profile-<time>-v<N>.json (an identical copy kept by an upgrade that
   * could not finish is reused), then the new file replaces it atomically: a crash in between leaves the old
   * file in place, and the next write upgrades it again.
   */
  private writeProfile(current: ProfileFile, next: ProfileFile): void {
    const { fs, profilePath } = this.store;
    if (current.version !== undefined && current.version < PROFILE_VERSION && this.store.exists(profilePath)) {
      this.keepProfileOriginal(fs.readFileSync(profilePath), current.version);
    }
    writeAtomic(fs, profilePath, serializeProfileFile(next));
  }

  private keepProfileOriginal(bytes: Uint8Array, version: number): void {
    const { fs } = this.store;
    const dir = join(this.dir, 'backups');
    const suffix = `-v${version}.json`;
    for (const name of listNames(fs, dir)) {
      if (!name.startsWith('profile-') || !name.endsWith(suffix)) continue;
      if (Buffer.from(bytes).equals(fs.readFileSync(join(dir, name)))) return;
    }
    writeAtomic(fs, join(dir, `profile-${nameStamp(this.store.now())}${suffix}`), bytes);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Helpers

/** A library without a profile file: one publication, from the default template. */
function defaultProfileFile(): ProfileFile {
  return profileFileOf([firstPublication(defaultProfile())], NO_SIGNING);
}

/** The publication of a name or id; a Chinese LibraryError listing the known ones when there is none. */
function requirePublication(publications: readonly Publication[], nameOrId: string): Publication {
  const found = findPublication(publications, nameOrId);
  if (!found) throw new LibraryError(unknownPublicationMessage(nameOrId, publications));
  return found;
}

/** The numbering series of a publication (core/model/issue-numbers.ts). */
function seriesOf(publication: Publication) {
  return { publication: publication.id, totalNumbering: publication.totalNumbering };
}

/** UTF-8, else GB18030 (as the core's readInput decodes). */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
  }
}

function withoutUndefined(entry: Omit<HistoryEntry, 'at'>): Omit<HistoryEntry, 'at'> {
  return Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)) as Omit<HistoryEntry, 'at'>;
}
