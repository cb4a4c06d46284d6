import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { errorCode, type LibraryFs } from './library-fs.js';
import { writeFileAtomic } from './atomic-file.js';
import type { IndexEntry } from './library-index.js';

/**
 * The listing cache on disk: the listing facts of each issue file (numbers, date, title, content hash, or why it
 * cannot be read) as a previous process found them, so a fresh process (the `bulletin` command, the app at start)
 * lists a large library without reading and parsing every issue file.
 *
 * Never trusted over the files: an entry is used only while its file's stamp (size, modification time, inode)
 * is the one recorded with it; the folder is still walked and every file still stat'ed. A cache that is missing,
 * unreadable, damaged, of another version or of another library is ignored and rebuilt by the next listing; a
 * cache that cannot be written is simply not written. It lives outside the library (the user's cache folder,
 * services/paths.ts `userCacheDir`), one file per library folder, so whoever can write the library cannot plant
 * listing facts, and a read-only or shared library still gets one per user. Search text is kept in a second file,
 * read only when a listing searches.
 */

/** Marks a listing cache file. */
const FORMAT = 'bulletin-listing-cache';
/** Bumped whenever what an entry holds changes; an older cache is ignored. */
const VERSION = 1;
/** Listing caches kept in the cache folder (one per library folder, most recently written kept). */
const MAX_CACHES = 32;

/** A cached entry: the file's stamp key and its listing facts without the search text. */
interface CachedFacts {
  readonly key: string;
  readonly entry: StoredEntry;
}

/** An IndexEntry as stored: a summary entry's search text lives in the search file. */
type StoredEntry =
  | { readonly ok: true; readonly summary: Extract<IndexEntry, { ok: true }>['summary']; readonly hash: string }
  | { readonly ok: false; readonly reason: string };

/** Options of {@link ListingCache}. */
export interface ListingCacheOptions {
  /** The folder holding listing caches (created when first written). */
  readonly dir: string;
  /** The library folder the cache is for (its path names the cache file and is recorded in it). */
  readonly library: string;
  /** The file-system functions (tests inject faults). */
  readonly fs: LibraryFs;
}

/** One library's listing cache: read once, written after a listing that changed it. */
export class ListingCache {
  private readonly file: string;
  private readonly searchFile: string;
  private facts: Map<string, CachedFacts> | undefined;
  private searches: Map<string, { key: string; text: string }> | undefined;
  /** Entries learnt (or forgotten) since the cache was read: whether the facts and search files need writing. */
  private factsChanged = false;
  private searchChanged = false;

  constructor(private readonly options: ListingCacheOptions) {
    const name = createHash('sha256').update(options.library).digest('hex').slice(0, 32);
    this.file = join(options.dir, `listing-${name}.json`);
    this.searchFile = join(options.dir, `listing-${name}.search.json`);
  }

  /**
   * The cached entry of `file` (a path in the library) if its stamp is still `key`. Its search text is read from
   * the search file when first asked for; when that file does not have it, `readSearch` (reading the issue file)
   * gives it.
   */
  lookup(file: string, key: string, readSearch: () => string): IndexEntry | undefined {
    const cached = this.loadFacts().get(file);
    if (!cached || cached.key !== key) return undefined;
    if (!cached.entry.ok) return cached.entry;
    const facts = cached.entry;
    let text: string | undefined;
    const search = () => (text ??= this.searchText(file, key) ?? this.learnSearch(file, key, readSearch()));
    return {
      ok: true,
      summary: facts.summary,
      hash: facts.hash,
      get search() {
        return search();
      },
    };
  }

  /** Records what a file read gave (an entry just made, with its search text). */
  remember(file: string, key: string, entry: IndexEntry): void {
    const facts: StoredEntry = entry.ok ? { ok: true, summary: entry.summary, hash: entry.hash } : entry;
    this.loadFacts().set(file, { key, entry: facts });
    this.factsChanged = true;
    if (entry.ok) {
      this.loadSearches().set(file, { key, text: entry.search });
      this.searchChanged = true;
    }
  }

  /** Forgets the cached files of `folder` that are not in `seen` (removed or renamed). */
  forgetMissing(folder: string, seen: ReadonlySet<string>): void {
    for (const file of this.loadFacts().keys()) {
      if (file.startsWith(folder) && !seen.has(file)) {
        this.facts!.delete(file);
        this.factsChanged = true;
      }
    }
  }

  /** Writes the cache when a listing changed it. Never throws: a cache that cannot be written is not written. */
  save(): void {
    if (!this.factsChanged && !this.searchChanged) return;
    const { fs, dir, library } = this.options;
    try {
      fs.mkdirSync(dir, { recursive: true });
      const facts = this.loadFacts();
      // The search file holds the search text of the files the facts file holds, no others.
      const searches = this.loadSearches();
      const texts: Record<string, { key: string; text: string }> = {};
      for (const [file, cached] of facts) {
        const s = searches.get(file);
        if (cached.entry.ok && s && s.key === cached.key) texts[file] = s;
      }
      writeFileAtomic(this.searchFile, JSON.stringify({ format: FORMAT, version: VERSION, library, entries: texts }), fs);
      const entries: Record<string, CachedFacts> = Object.fromEntries(facts);
      writeFileAtomic(this.file, JSON.stringify({ format: FORMAT, version: VERSION, library, entries }), fs);
      this.factsChanged = false;
      this.searchChanged = false;
      this.prune();
    } catch {
      // A cache is only a shortcut: a read-only or full disk leaves the listing as correct, and slower.
    }
  }

  private learnSearch(file: string, key: string, text: string): string {
    this.loadSearches().set(file, { key, text });
    this.searchChanged = true;
    return text;
  }

  private searchText(file: string, key: string): string | undefined {
    const s = this.loadSearches().get(file);
    return s && s.key === key ? s.text : undefined;
  }

  private loadFacts(): Map<string, CachedFacts> {
    this.facts ??= new Map(Object.entries(this.readCache(this.file)).filter(([, v]) => isFacts(v)) as [string, CachedFacts][]);
    return this.facts;
  }

  private loadSearches(): Map<string, { key: string; text: string }> {
    this.searches ??= new Map(
      Object.entries(this.readCache(this.searchFile)).filter(
        ([, v]) => isRecord(v) && typeof v.key === 'string' && typeof v.text === 'string',
      ) as [string, { key: string; text: string }][],
    );
    return this.searches;
  }

  /** The entries of a cache file, or none when it is missing, damaged, of another version or another library. */
  private readCache(path: string): Record<string, unknown> {
    try {
      const value: unknown = JSON.parse(this.options.fs.readFileSync(path, 'utf8'));
      if (!isRecord(value) || value.format !== FORMAT || value.version !== VERSION) return {};
      if (value.library !== this.options.library || !isRecord(value.entries)) return {};
      return value.entries;
    } catch {
      return {};
    }
  }

  /** Keeps the most recently written {@link MAX_CACHES} libraries' caches (temporary libraries come and go). */
  private prune(): void {
    const { fs, dir } = this.options;
    const caches = fs
      .readdirSync(dir)
      .filter((name) => /^listing-[0-9a-f]{32}\.json$/.test(name))
      .map((name) => ({ name, mtimeMs: statMtime(fs, join(dir, name)) }))
      .sort((a, b) => b.mtimeMs - a.mtimeMs);
    for (const { name } of caches.slice(MAX_CACHES)) {
      for (const victim of [name, name.replace(/\.json$/, '.search.json')]) {
        try {
          fs.unlinkSync(join(dir, victim));
        } catch (error) {
          if (errorCode(error) !== 'ENOENT') throw error;
        }
      }
    }
  }
}

function statMtime(fs: LibraryFs, path: string): number {
  try {
    return fs.statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a stored value has the shape of cached facts (anything else in the file is ignored). */
function isFacts(value: unknown): value is CachedFacts {
  if (!isRecord(value) || typeof value.key !== 'string' || !isRecord(value.entry)) return false;
  const entry = value.entry;
  if (entry.ok === false) return typeof entry.reason === 'string';
  if (entry.ok !== true || typeof entry.hash !== 'string' || !isRecord(entry.summary)) return false;
  const s = entry.summary;
  return (
    typeof s.id === 'string' &&
    Number.isInteger(s.year) &&
    Number.isInteger(s.number) &&
    (s.totalNumber === undefined || Number.isInteger(s.totalNumber)) &&
    typeof s.date === 'string' &&
    typeof s.title === 'string'
  );
}
