/**
 * The listing cache (services/listing-cache.ts): a fresh library instance lists from it without reading issue files,
 * and it is never trusted over the files — a changed, removed or added file, a damaged or foreign cache, a cache
 * folder that cannot be written: the listing is always what the files say.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDocument, serializeDocument } from '../../core/model/format.js';
import { createLibrary } from '../../services/library.js';
import { NODE_FS, type LibraryFs } from '../../services/library-fs.js';
import type { LibraryListing } from '../../services/library-types.js';
import { generateLibrary } from '../helpers/generated-library.js';

let tmp: string;
let dir: string;
let cacheDir: string;
let ids: string[];

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'listing-cache-'));
  dir = path.join(tmp, 'library');
  cacheDir = path.join(tmp, 'cache');
  ids = generateLibrary({ dir, count: 6 });
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** node:fs, counting the issue files (not meta files) read. */
function countingFs(): { fs: LibraryFs; issueReads: () => number } {
  let reads = 0;
  const wrapped: LibraryFs = {
    ...NODE_FS,
    readFileSync: ((file: fs.PathOrFileDescriptor, options?: unknown) => {
      if (typeof file === 'string' && /[/\\]issues[/\\][^/\\]+(?<!\.meta)\.json$/.test(file)) reads++;
      return (NODE_FS.readFileSync as (f: fs.PathOrFileDescriptor, o?: unknown) => unknown)(file, options);
    }) as LibraryFs['readFileSync'],
  };
  return { fs: wrapped, issueReads: () => reads };
}

/** A fresh library instance (as a new process makes) over the same folder and cache. */
function fresh(options: { cache?: string | undefined } = {}) {
  const counting = countingFs();
  const library = createLibrary({ dir, fs: counting.fs, listingCacheDir: 'cache' in options ? options.cache : cacheDir });
  return { library, issueReads: counting.issueReads };
}

/** What a listing shows, for comparing listings. */
function shown(listing: LibraryListing) {
  return { issues: listing.issues, damaged: listing.damaged.map((d) => [path.basename(d.file), d.reason]) };
}

function issueFile(id: string): string {
  return path.join(dir, 'issues', `${id}.json`);
}

function retitle(id: string, title: string): void {
  const parsed = parseDocument(fs.readFileSync(issueFile(id), 'utf8'));
  if (!parsed.ok) throw new Error('sample issue does not parse');
  const doc = parsed.document;
  const [first, ...rest] = doc.issue.articles;
  const changed = { ...doc, issue: { ...doc.issue, articles: [{ ...first!, title }, ...rest] } };
  fs.writeFileSync(issueFile(id), serializeDocument(changed));
}

describe('listing cache', () => {
  it('lets a fresh instance list without reading any issue file, the same listing as without it', () => {
    const truth = shown(fresh({ cache: undefined }).library.list());
    const first = fresh();
    expect(shown(first.library.list())).toEqual(truth);
    expect(first.issueReads()).toBe(ids.length); // the first listing reads every file and writes the cache
    const second = fresh();
    expect(shown(second.library.list())).toEqual(truth);
    expect(second.issueReads()).toBe(0);
  });

  it('searches from the cached search text, and from the files when that text is gone', () => {
    fresh().library.list();
    const wanted = shown(fresh({ cache: undefined }).library.list({ query: '第 3 篇' }));
    expect(wanted.issues.map((i) => i.id)).toEqual([ids[2]]);
    const cached = fresh();
    expect(shown(cached.library.list({ query: '第 3 篇' }))).toEqual(wanted);
    expect(cached.issueReads()).toBe(0);
    for (const name of fs.readdirSync(cacheDir)) if (name.endsWith('.search.json')) fs.rmSync(path.join(cacheDir, name));
    const reread = fresh();
    expect(shown(reread.library.list({ query: '第 3 篇' }))).toEqual(wanted);
    expect(reread.issueReads()).toBe(ids.length);
  });

  it('reads again a file changed since the cache was written (never trusted over the file)', () => {
    fresh().library.list();
    retitle(ids[1]!, '改过的标题');
    const after = fresh();
    const listing = after.library.list();
    expect(listing.issues.find((i) => i.id === ids[1])?.title).toBe('改过的标题');
    expect(after.issueReads()).toBe(1);
    expect(fresh().library.list({ query: '改过的标题' }).issues.map((i) => i.id)).toEqual([ids[1]]);
  });

  it('drops removed files, shows added and newly damaged ones', () => {
    fresh().library.list();
    fs.rmSync(issueFile(ids[0]!));
    fs.rmSync(path.join(dir, 'issues', `${ids[0]}.meta.json`));
    fs.copyFileSync(issueFile(ids[2]!), path.join(dir, 'issues', '2030-001-abcd.json'));
    fs.writeFileSync(issueFile(ids[3]!), '{"format": "bulletin-issue", "version": 1, "issue": ');
    const listing = fresh().library.list();
    expect(listing.issues.map((i) => i.id)).not.toContain(ids[0]);
    expect(listing.issues.map((i) => i.id)).toContain('2030-001-abcd');
    expect(listing.damaged.map((d) => path.basename(d.file))).toEqual([`${ids[3]}.json`]);
    expect(shown(fresh().library.list())).toEqual(shown(fresh({ cache: undefined }).library.list()));
  });

  it('ignores a damaged, truncated, foreign or forged cache and writes a good one again', () => {
    fresh().library.list();
    const truth = shown(fresh({ cache: undefined }).library.list());
    const [cacheFile] = fs.readdirSync(cacheDir).filter((n) => !n.endsWith('.search.json'));
    const file = path.join(cacheDir, cacheFile!);
    const good = fs.readFileSync(file, 'utf8');
    const forged = JSON.parse(good) as { entries: Record<string, { key: string; entry: { summary: { title: string } } }> };
    for (const e of Object.values(forged.entries)) {
      e.entry.summary.title = '伪造的标题';
      e.key = '1:2:3'; // a stamp no file has
    }
    const otherLibrary = JSON.parse(good) as { library: string };
    otherLibrary.library = '/elsewhere';
    for (const bad of ['', '\u0000\u0001garbage', good.slice(0, good.length / 2), '[]', JSON.stringify(forged), JSON.stringify(otherLibrary)]) {
      fs.writeFileSync(file, bad);
      const run = fresh();
      expect(shown(run.library.list())).toEqual(truth);
      expect(run.issueReads()).toBe(ids.length);
      expect(JSON.parse(fs.readFileSync(file, 'utf8')).entries).toEqual(JSON.parse(good).entries);
    }
  });

  it('lists correctly when the cache folder cannot be written', () => {
    fs.writeFileSync(cacheDir, 'a file where the cache folder should be');
    const run = fresh();
    expect(shown(run.library.list())).toEqual(shown(fresh({ cache: undefined }).library.list()));
    expect(fs.readFileSync(cacheDir, 'utf8')).toBe('a file where the cache folder should be');
  });
});
