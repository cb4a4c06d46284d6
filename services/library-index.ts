import { basename, join } from 'node:path';
import { contentHash } from './content-hash.js';
import { listNames, sweepStaleTemps, type LibraryFs } from './library-fs.js';
import { fileStamp, loadIssueFile, searchTextOf, titleOf, type LoadedIssue } from './library-issue-file.js';
import type { LibraryStore, Where } from './library-store.js';
import type { ListingCache } from './listing-cache.js';
import type { IssueMeta, IssueSummary } from './library-types.js';

/**
 * The library's index: the listing facts of each issue file (numbers, date, title, search text, content hash),
 * read once and kept while the file's size, mtime and inode stay the same, and the meta shown beside them.
 * FolderLibrary.list() (./library.ts) walks the folder and asks this index for each file. With a listing cache
 * (./listing-cache.ts), facts a previous process found are used while the file's stamp is unchanged.
 */

/** The listing facts of a readable issue file. */
export interface SummaryEntry {
  readonly ok: true;
  readonly summary: Omit<IssueSummary, 'status' | 'updatedAt' | 'publication'>;
  readonly search: string;
  readonly hash: string;
}

/** A readable issue file's listing facts, or why the file cannot be read. */
export type IndexEntry = SummaryEntry | { readonly ok: false; readonly reason: string };

type CachedEntry = { readonly key: string; readonly entry: IndexEntry };

/** Listing facts of a library's issue files, cached per file. */
export class LibraryIndex {
  /** Issue files already read, by path, valid while their size, mtime and inode are the same. */
  private readonly issueCache = new Map<string, CachedEntry>();
  /** Whether the leftovers of killed writes have been swept from every folder (done by the first listing). */
  private swept = false;

  constructor(
    private readonly store: LibraryStore,
    private readonly diskCache?: ListingCache,
  ) {}

  /** The listing facts of an issue file, from the caches while the file is unchanged; undefined if gone. */
  entry(file: string, id: string, where: Where): IndexEntry | undefined {
    const stamp = fileStamp(this.store.fs, file);
    if (!stamp) return undefined;
    const cached = this.issueCache.get(file);
    if (cached && cached.key === stamp.key) return cached.entry;
    const fromDisk = this.diskCache?.lookup(file, stamp.key, () => this.searchOf(file, id, where));
    if (fromDisk) {
      this.issueCache.set(file, { key: stamp.key, entry: fromDisk });
      return fromDisk;
    }
    const read = this.read(file, id, where);
    if (read) this.diskCache?.remember(file, read.key, read.entry);
    return read?.entry;
  }

  /** Forgets the files of `folder` that a listing no longer saw. */
  forgetMissing(folder: string, seen: ReadonlySet<string>): void {
    for (const key of this.issueCache.keys()) if (key.startsWith(folder) && !seen.has(key)) this.issueCache.delete(key);
    this.diskCache?.forgetMissing(folder, seen);
  }

  /** Writes the listing cache if this listing changed it (never throws). */
  saveCache(): void {
    this.diskCache?.save();
  }

  /** Reads an issue file (upgrading an old format in the issues folder) and keeps its facts in memory. */
  private read(file: string, id: string, where: Where): CachedEntry | undefined {
    const read = loadIssueFile(this.store.fs, file, this.store.parseOptions);
    if (!read) return undefined;
    const loaded = read.ok && where === 'issues' ? this.store.migrateIssue(id, read) : read;
    const entry: IndexEntry = loaded.ok ? summarize(basename(file, '.json'), loaded) : loaded;
    const cached = { key: loaded.stats.key, entry };
    this.issueCache.set(file, cached);
    return cached;
  }

  /** The search text of a file whose other facts came from the listing cache (read again when asked for). */
  private searchOf(file: string, id: string, where: Where): string {
    const entry = this.read(file, id, where)?.entry;
    return entry?.ok ? entry.search : '';
  }

  /**
   * The meta of a listed issue: recreated when missing, its sign-off voided when the content changed. When
   * that cannot be written (a read-only library), the listing still shows what it would be.
   */
  listedMeta(id: string, where: Where, entry: SummaryEntry): IssueMeta {
    const store = this.store;
    if (where === 'trash') return store.loadMeta(id, { where, repair: false });
    try {
      return store.checkSignOff(store.loadMeta(id, { where, repair: true }), entry.hash);
    } catch {
      return store.checkedSignOff(store.loadMeta(id, { where, repair: false }), entry.hash);
    }
  }

  /**
   * Removes the temporary files that killed writes left in `folder` (those older than a minute); the first
   * call also sweeps the library's other folders (the profile's, the journal's, every issue's backups).
   */
  sweepTemps(folder: string, names: readonly string[]): void {
    const { fs, dir } = this.store;
    sweepStaleTemps(fs, folder, names);
    if (this.swept) return;
    this.swept = true;
    for (const other of [dir, join(dir, 'issues'), join(dir, 'trash'), join(dir, 'journal')]) {
      if (other !== folder) sweepStaleTemps(fs, other);
    }
    const backups = join(dir, 'backups');
    for (const id of listNamesQuietly(fs, backups)) sweepStaleTemps(fs, join(backups, id));
  }
}

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
export function newestFirst(a: IssueSummary, b: IssueSummary): number {
  return b.year - a.year || b.number - a.number || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** The names in a folder; none when it cannot be read. */
function listNamesQuietly(fs: LibraryFs, dir: string): string[] {
  try {
    return listNames(fs, dir);
  } catch {
    return [];
  }
}
