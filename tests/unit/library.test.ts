import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BulletinDocument } from '../../core/model/document.js';
import { parseDocument, serializeDocument } from '../../core/model/format.js';
import type { Issue } from '../../core/model/issue.js';
import { defaultProfile, type PublicationProfile } from '../../core/model/profile.js';
import { contentHash } from '../../services/content-hash.js';
import { numberingWarnings } from '../../core/model/issue-numbers.js';
import { BACKUPS_KEPT, createLibrary, LibraryError } from '../../services/library.js';
import { NO_SIGNING } from '../../services/signing-types.js';
import type { Library } from '../../services/library-types.js';
import { SAMPLE_FILE } from '../helpers/sample.js';

const SAMPLE_PATH = SAMPLE_FILE;
const SAMPLE = fs.readFileSync(SAMPLE_PATH);

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'library-test-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A clock that moves one second per call, from 2024-03-01 10:00 UTC. */
function ticking(start = Date.UTC(2024, 2, 1, 10)): () => Date {
  let t = start;
  return () => new Date((t += 1000));
}

function open(options: { now?: () => Date } = {}): Library {
  return createLibrary({ dir, now: options.now ?? ticking() });
}

/** Adds an issue with the given numbers (the sample's content) through an issue file. */
function addIssue(lib: Library, issue: Partial<Issue>, changes: (doc: BulletinDocument) => BulletinDocument = (d) => d): string {
  const doc = changes(withIssue(sampleDoc(), issue));
  const { id } = lib.importBytes(Buffer.from(serializeDocument(doc)), 'issue.json');
  return id;
}

function sampleDoc(): BulletinDocument {
  const lib = createLibrary({ dir: fs.mkdtempSync(path.join(os.tmpdir(), 'library-sample-')) });
  const doc = lib.read(lib.importBytes(SAMPLE, 'sample.txt').id).document;
  fs.rmSync(lib.dir, { recursive: true, force: true });
  return doc;
}

function withIssue(doc: BulletinDocument, issue: Partial<Issue>): BulletinDocument {
  return { ...doc, issue: { ...doc.issue, ...issue } };
}

function retitle(doc: BulletinDocument, title: string): BulletinDocument {
  const [first, ...rest] = doc.issue.articles;
  return withIssue(doc, { articles: [{ ...first!, title }, ...rest] });
}

describe('library: create, list, read, save', () => {
  it('round-trips an imported issue through the folder layout', () => {
    const lib = open();
    const { id, notes } = lib.importBytes(SAMPLE, SAMPLE_PATH);
    expect(id).toMatch(/^2021-008-[a-z0-9]{4}$/);
    expect(notes.length).toBeGreaterThan(0);
    const file = path.join(dir, 'issues', `${id}.json`);
    const stored = lib.read(id);
    expect(fs.readFileSync(file, 'utf8')).toBe(serializeDocument(stored.document));
    expect(stored.meta.status).toBe('draft');
    expect(stored.meta.history.map((h) => h.action)).toEqual(['imported']);
    expect(stored.meta.history[0]!.detail).toContain('联络动态2021年第8期.txt');
    expect(stored.revision).toMatch(/^[0-9a-f]{64}$/);
    expect(lib.exportFile(id)).toBe(fs.readFileSync(file, 'utf8'));

    const listing = lib.list();
    expect(listing.damaged).toEqual([]);
    expect(listing.issues).toEqual([
      expect.objectContaining({ id, year: 2021, number: 8, totalNumber: 631, date: '2021-06-02', status: 'draft' }),
    ]);
    expect(listing.issues[0]!.title).toContain('联系群众办实事');

    const changed = retitle(stored.document, '新的标题');
    const saved = lib.save(id, changed, stored.revision);
    expect(saved.status).toBe('saved');
    if (saved.status !== 'saved') return;
    expect(saved.revision).not.toBe(stored.revision);
    expect(saved.meta.updatedAt > stored.meta.updatedAt).toBe(true);
    const again = lib.read(id);
    expect(again.document).toEqual(changed);
    expect(again.revision).toBe(saved.revision);
    expect(lib.list().issues[0]!.title).toBe('新的标题');
    // A fresh instance (no cache) sees the same.
    expect(createLibrary({ dir }).list().issues[0]!.title).toBe('新的标题');
  });

  it('creates a new issue from the profile with an empty first article', () => {
    const lib = open();
    const profile: PublicationProfile = {
      ...defaultProfile(),
      name: '测试动态',
      defaultDistribution: [{ text: '各市州人大常委会', copies: 3 }],
      defaultEditors: ['石韧'],
    };
    lib.saveProfile(profile);
    const created = lib.create({ today: '2024-03-05', by: '编辑甲' });
    expect(created.warnings).toEqual([]);
    const { document, meta } = lib.read(created.id);
    expect(created.id).toMatch(/^2024-001-[a-z0-9]{4}$/);
    expect(document.publication.name).toBe('测试动态');
    expect(document.issue).toEqual({
      year: 2024,
      number: 1,
      totalNumber: 1,
      date: '2024-03-05',
      editorNote: [],
      articles: [{ title: '', body: [], contributor: '' }],
      distribution: [{ text: '各市州人大常委会', copies: 3 }],
      editors: ['石韧'],
    });
    expect(meta.history).toEqual([{ at: expect.any(String), action: 'created', by: '编辑甲' }]);
    // Today comes from the clock when not given.
    const clocked = createLibrary({ dir, now: () => new Date(2025, 0, 2, 9) }).create();
    expect(clocked.id).toMatch(/^2025-001-/);
  });

  it('sorts newest first: year, then 期号', () => {
    const lib = open();
    addIssue(lib, { year: 2020, number: 30 });
    addIssue(lib, { year: 2022, number: 2 });
    addIssue(lib, { year: 2022, number: 11 });
    const order = lib.list().issues.map((s) => `${s.year}-${s.number}`);
    expect(order).toEqual(['2022-11', '2022-2', '2020-30']);
  });

  it('recreates a missing meta file as a draft', () => {
    const lib = open();
    const { id } = lib.importBytes(SAMPLE, 'sample.txt');
    fs.unlinkSync(path.join(dir, 'issues', `${id}.meta.json`));
    expect(lib.list().issues[0]!.status).toBe('draft');
    expect(fs.existsSync(path.join(dir, 'issues', `${id}.meta.json`))).toBe(true);
    expect(lib.read(id).meta.status).toBe('draft');
  });

  it('updates meta and records history', () => {
    const lib = open();
    const { id } = lib.importBytes(SAMPLE, 'sample.txt');
    const meta = lib.updateMeta(id, (m) => ({ ...m, status: 'submitted' }));
    expect(meta.status).toBe('submitted');
    const recorded = lib.record(id, { action: 'submitted', by: '编辑甲', detail: '送审' });
    expect(recorded.history.at(-1)).toEqual({ at: expect.any(String), action: 'submitted', by: '编辑甲', detail: '送审' });
    expect(lib.read(id).meta.status).toBe('submitted');
    expect(lib.list().issues[0]!.status).toBe('submitted');
    expect(() => lib.updateMeta(id, (m) => ({ ...m, id: '2021-001-zzzz' }))).toThrow(/期刊信息有误/);
    expect(() => lib.updateMeta(id, (m) => ({ ...m, status: 'lost' as never }))).toThrow(LibraryError);
  });

  it('refuses an invalid document without writing', () => {
    const lib = open();
    const { id } = lib.importBytes(SAMPLE, 'sample.txt');
    const stored = lib.read(id);
    const before = fs.readFileSync(path.join(dir, 'issues', `${id}.json`));
    const bad = withIssue(stored.document, { articles: [] });
    expect(() => lib.save(id, bad, stored.revision)).toThrow(/内容有误，未保存/);
    expect(fs.readFileSync(path.join(dir, 'issues', `${id}.json`))).toEqual(before);
  });
});

describe('library: numbering', () => {
  it('continues 第N期 within the year and restarts in a new year; 总期号 runs on', () => {
    const lib = open();
    lib.importBytes(SAMPLE, 'sample.txt'); // 2021 第8期 总第631期
    const july = lib.create({ today: '2021-07-01' });
    expect(lib.read(july.id).document.issue).toMatchObject({ year: 2021, number: 9, totalNumber: 632 });
    expect(july.warnings).toEqual([]);
    const january = lib.create({ today: '2022-01-05' });
    expect(lib.read(january.id).document.issue).toMatchObject({ year: 2022, number: 1, totalNumber: 633 });
    expect(january.id).toMatch(/^2022-001-/);
  });

  it('warns about duplicates and gaps', () => {
    const lib = open();
    const first = lib.importBytes(SAMPLE, 'sample.txt');
    expect(first.notes.some((n) => /已存在|不连续/.test(n))).toBe(false);
    const second = lib.importBytes(SAMPLE, 'sample.txt');
    expect(second.id).not.toBe(first.id);
    expect(second.notes).toContain('2021年第8期已存在（期号重复）');
    expect(second.notes).toContain('总第631期已存在（总期号重复）');

    const listing = lib.list();
    expect(numberingWarnings(listing, { year: 2021, number: 10, totalNumber: 640 })).toEqual([
      '期号不连续：2021年上一期为第8期',
      '总期号不连续：上一期为总第631期',
    ]);
    expect(numberingWarnings(listing, { year: 2021, number: 9, totalNumber: 632 })).toEqual([]);
    // An issue is not compared with itself.
    expect(numberingWarnings(lib.list(), { id: first.id, year: 2021, number: 8, totalNumber: 631 })).toEqual([
      '2021年第8期已存在（期号重复）',
      '总第631期已存在（总期号重复）',
    ]);
    lib.trash(second.id);
    expect(numberingWarnings(lib.list(), { id: first.id, year: 2021, number: 8, totalNumber: 631 })).toEqual([]);
  });

  it('starts 总期号 at 1 when no issue has one, and duplicates with the next numbers', () => {
    const lib = open();
    const created = lib.create({ today: '2023-05-01' });
    expect(lib.read(created.id).document.issue.totalNumber).toBe(1);
    const source = lib.importBytes(SAMPLE, 'sample.txt').id;
    const copy = lib.duplicate(source, { by: '编辑乙' });
    const { document, meta } = lib.read(copy.id);
    const original = lib.read(source).document;
    expect(meta.status).toBe('draft');
    expect(meta.history).toEqual([
      { at: expect.any(String), action: 'duplicated', by: '编辑乙', detail: `复制自 2021年第8期（${source}）` },
    ]);
    expect(document.issue.articles).toEqual(original.issue.articles);
    expect(document.issue.year).toBe(2024); // the clock's year
    expect(document.issue.number).toBe(1);
    expect(document.issue.totalNumber).toBe(632);
  });
});

describe('library: conflicts', () => {
  it('refuses a save with a stale revision and writes nothing', () => {
    const lib = open();
    const { id } = lib.importBytes(SAMPLE, 'sample.txt');
    const first = lib.read(id);
    const saved = lib.save(id, retitle(first.document, '第一次修改'), first.revision);
    expect(saved.status).toBe('saved');
    const file = path.join(dir, 'issues', `${id}.json`);
    const bytes = fs.readFileSync(file);
    const backups = lib.backups(id).length;
    const stale = lib.save(id, retitle(first.document, '另一个窗口的修改'), first.revision);
    expect(stale).toEqual({ status: 'conflict', revision: saved.status === 'saved' ? saved.revision : '' });
    expect(fs.readFileSync(file)).toEqual(bytes);
    expect(lib.backups(id).length).toBe(backups);
  });

  it('notices an edit made outside the app', () => {
    const lib = open();
    const { id } = lib.importBytes(SAMPLE, 'sample.txt');
    const stored = lib.read(id);
    const file = path.join(dir, 'issues', `${id}.json`);
    const outside = serializeDocument(retitle(stored.document, '在别处改的标题')).replace(/\n/g, '\r\n');
    fs.writeFileSync(file, outside);
    const result = lib.save(id, retitle(stored.document, '编辑器里的标题'), stored.revision);
    expect(result.status).toBe('conflict');
    expect(result.revision).toBe(lib.read(id).revision);
    expect(fs.readFileSync(file, 'utf8')).toBe(outside);
    // Saving on top of the current revision works.
    expect(lib.save(id, retitle(stored.document, '编辑器里的标题'), result.revision).status).toBe('saved');
  });
});

describe('library: backups', () => {
  it(`keeps the last ${BACKUPS_KEPT} versions, newest first, and restores one`, () => {
    const lib = open();
    const { id } = lib.importBytes(SAMPLE, 'sample.txt');
    let stored = lib.read(id);
    const versions: string[] = [fs.readFileSync(path.join(dir, 'issues', `${id}.json`), 'utf8')];
    for (let i = 1; i <= 25; i++) {
      const result = lib.save(id, retitle(stored.document, `第${i}版`), stored.revision);
      expect(result.status).toBe('saved');
      stored = lib.read(id);
      versions.push(fs.readFileSync(path.join(dir, 'issues', `${id}.json`), 'utf8'));
    }
    const backups = lib.backups(id);
    expect(backups).toHaveLength(BACKUPS_KEPT);
    expect(fs.readdirSync(path.join(dir, 'backups', id))).toHaveLength(BACKUPS_KEPT);
    // Newest first: the version before the last save is the first backup.
    const newest = fs.readFileSync(path.join(dir, 'backups', id, `${backups[0]!.id}.json`), 'utf8');
    expect(newest).toBe(versions[24]);
    expect(backups[0]!.bytes).toBe(Buffer.byteLength(versions[24]!));
    expect(Date.parse(backups[0]!.at)).toBeGreaterThan(Date.parse(backups[1]!.at));

    const oldest = backups.at(-1)!;
    const restored = lib.restoreBackup(id, oldest.id);
    const now = lib.read(id);
    expect(now.revision).toBe(restored.revision);
    expect(now.document.issue.articles[0]!.title).toBe('第5版');
    expect(now.meta.history.at(-1)).toMatchObject({ action: 'restored' });
    // The version replaced by the restore was backed up first.
    const after = lib.backups(id);
    expect(after).toHaveLength(BACKUPS_KEPT);
    expect(fs.readFileSync(path.join(dir, 'backups', id, `${after[0]!.id}.json`), 'utf8')).toBe(versions[25]);
  });

  it('orders backups made in the same millisecond', () => {
    const fixed = new Date(Date.UTC(2024, 0, 1));
    const lib = open({ now: () => fixed });
    const { id } = lib.importBytes(SAMPLE, 'sample.txt');
    for (let i = 1; i <= 12; i++) {
      const stored = lib.read(id);
      lib.save(id, retitle(stored.document, `第${i}版`), stored.revision);
    }
    const backups = lib.backups(id);
    expect(backups[0]!.id).toMatch(/Z-12$/);
    expect(backups.at(-1)!.id).toMatch(/Z$/);
    lib.restoreBackup(id, backups[0]!.id);
    expect(lib.read(id).document.issue.articles[0]!.title).toBe('第11版');
  });

  it('refuses bad and unknown backup ids', () => {
    const lib = open();
    const { id } = lib.importBytes(SAMPLE, 'sample.txt');
    expect(() => lib.restoreBackup(id, '../../profile')).toThrow(/无效的备份编号/);
    expect(() => lib.restoreBackup(id, '2024-01-01T00-00-00-000Z')).toThrow(/找不到备份/);
    expect(lib.backups(id)).toEqual([]);
  });

  it('does not back up or write a save that changes nothing', () => {
    const lib = open();
    const { id } = lib.importBytes(SAMPLE, 'sample.txt');
    const stored = lib.read(id);
    const result = lib.save(id, stored.document, stored.revision);
    expect(result).toMatchObject({ status: 'saved', revision: stored.revision });
    expect(lib.backups(id)).toEqual([]);
  });
});

describe('library: trash', () => {
  it('moves an issue to the trash and back', () => {
    const lib = open();
    const { id } = lib.importBytes(SAMPLE, 'sample.txt');
    lib.record(id, { action: 'submitted' });
    lib.trash(id);
    expect(lib.list().issues).toEqual([]);
    expect(lib.list({ trash: true }).issues.map((s) => s.id)).toEqual([id]);
    expect(fs.existsSync(path.join(dir, 'trash', `${id}.json`))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'trash', `${id}.meta.json`))).toBe(true);
    expect(() => lib.read(id)).toThrow(/回收站/);
    lib.restore(id);
    expect(lib.list().issues.map((s) => s.id)).toEqual([id]);
    expect(lib.list({ trash: true }).issues).toEqual([]);
    expect(lib.read(id).meta.history.map((h) => h.action)).toEqual(['imported', 'submitted']);
  });

  it('refuses to restore over an existing issue', () => {
    const lib = open();
    const { id } = lib.importBytes(SAMPLE, 'sample.txt');
    lib.trash(id);
    fs.copyFileSync(path.join(dir, 'trash', `${id}.json`), path.join(dir, 'issues', `${id}.json`));
    expect(() => lib.restore(id)).toThrow(/已有编号为 .* 的期刊/);
    expect(fs.existsSync(path.join(dir, 'trash', `${id}.json`))).toBe(true);
    expect(() => lib.restore('2021-008-zzzz')).toThrow(/回收站中没有/);
    expect(() => lib.trash('2021-008-zzzz')).toThrow(/找不到期刊/);
  });
});

describe('library: search', () => {
  it('finds issues by title, 编者按 and body text, case-insensitively', () => {
    const lib = open();
    const sample = lib.importBytes(SAMPLE, 'sample.txt').id;
    const other = addIssue(lib, { number: 9, editorNote: [[{ text: '关于 Rural Revitalization 的按语' }]] }, (d) =>
      retitle(d, '乡村振兴 ABC 专题'),
    );
    const ids = (query: string) => lib.list({ query }).issues.map((s) => s.id).sort();
    expect(ids('abc')).toEqual([other]);
    expect(ids('rural revitalization')).toEqual([other]);
    expect(ids('活动月')).toEqual([other, sample].sort()); // body text of both
    expect(ids('常委会组成人员走访代表')).toContain(sample);
    expect(ids('不存在的词语')).toEqual([]);
    expect(ids('  ')).toHaveLength(2); // a blank query lists everything
  });
});

describe('library: sign-off', () => {
  function signedOff(lib: Library): { id: string; doc: BulletinDocument; revision: string } {
    const { id } = lib.importBytes(SAMPLE, 'sample.txt');
    const { document: doc, revision } = lib.read(id);
    lib.updateMeta(id, (m) => ({
      ...m,
      status: 'approved',
      signOff: { signer: '签发人甲', opinion: '同意印发', at: '2024-03-01T10:00:00.000Z', contentHash: contentHash(doc) },
    }));
    return { id, doc, revision };
  }

  it('an old-format (unsigned) sign-off of unchanged content becomes 旧版签发 (back to 送审), the original meta kept', () => {
    const lib = open();
    const { id, doc } = signedOff(lib);
    const original = fs.readFileSync(path.join(dir, 'issues', `${id}.meta.json`));
    const file = path.join(dir, 'issues', `${id}.json`);
    fs.writeFileSync(file, JSON.stringify(JSON.parse(serializeDocument(doc)))); // an outside reformatting changes nothing
    const meta = lib.read(id).meta;
    expect(meta).toMatchObject({ status: 'submitted', legacySignOff: { signer: '签发人甲', opinion: '同意印发' } });
    expect(meta.signOff).toBeUndefined();
    expect(meta.history.at(-1)).toMatchObject({ action: 'migrated' });
    expect(meta.history.at(-1)!.detail).toMatch(/^旧版签发（无数字签名）：签发人甲于 2024-03-01T10:00:00.000Z 签发/);
    const kept = fs.readdirSync(path.join(dir, 'backups', id)).filter((n) => n.endsWith('-meta.json'));
    expect(kept).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, 'backups', id, kept[0]!))).toEqual(original);
    // Read again: nothing more happens; the backups of the issue do not list the kept meta.
    expect(lib.read(id).meta.history).toEqual(meta.history);
    expect(lib.backups(id).every((b) => !b.id.includes('meta'))).toBe(true);
  });

  it('is voided by a save that changes the content', () => {
    const lib = open();
    const { id, doc, revision } = signedOff(lib);
    const result = lib.save(id, retitle(doc, '签发后改了标题'), revision, { by: '编辑甲' });
    expect(result.status).toBe('saved');
    if (result.status !== 'saved') return;
    expect(result.meta.status).toBe('draft');
    expect(result.meta.signOff).toBeUndefined();
    expect(result.meta.history.at(-1)).toMatchObject({ action: 'voided', by: '编辑甲', detail: '签发后内容被修改，签发已作废' });
    const onDisk = JSON.parse(fs.readFileSync(path.join(dir, 'issues', `${id}.meta.json`), 'utf8'));
    expect(onDisk.status).toBe('draft');
    expect(onDisk.signOff).toBeUndefined();
  });

  it('is voided when the file is edited outside the app, and that is persisted', () => {
    const lib = open();
    const { id, doc } = signedOff(lib);
    fs.writeFileSync(path.join(dir, 'issues', `${id}.json`), serializeDocument(retitle(doc, '外部修改')));
    const fresh = createLibrary({ dir });
    expect(fresh.list().issues[0]!.status).toBe('draft');
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'issues', `${id}.meta.json`), 'utf8'));
    expect(meta.status).toBe('draft');
    expect(meta.signOff).toBeUndefined();
    expect(meta.history.at(-1)).toMatchObject({ action: 'voided', detail: '签发后内容被修改，签发已作废' });
    const read = fresh.read(id).meta;
    expect(read.history.filter((h) => h.action === 'voided')).toHaveLength(1);
  });

  it('is voided by read() as well', () => {
    const lib = open();
    const { id, doc } = signedOff(lib);
    fs.writeFileSync(path.join(dir, 'issues', `${id}.json`), serializeDocument(retitle(doc, '外部修改')));
    expect(lib.read(id).meta).toMatchObject({ status: 'draft' });
    expect(lib.read(id).meta.signOff).toBeUndefined();
  });
});

describe('library: journal', () => {
  it('keeps, returns and discards unsaved editor state', () => {
    const lib = open();
    const { id } = lib.importBytes(SAMPLE, 'sample.txt');
    expect(lib.readJournal(id)).toEqual({});
    const edited = retitle(lib.read(id).document, '尚未保存的标题');
    lib.writeJournal(id, edited);
    const journal = lib.readJournal(id);
    expect(journal.document).toEqual(edited);
    expect(journal.savedAt).toMatch(/^2024-03-01T10:00:\d\d/);
    lib.discardJournal(id);
    expect(lib.readJournal(id)).toEqual({});
    expect(fs.existsSync(path.join(dir, 'journal', `${id}.json`))).toBe(false);
    lib.discardJournal(id); // nothing to discard is fine
  });

  it('treats a damaged journal as none, leaving it in place', () => {
    const lib = open();
    const { id } = lib.importBytes(SAMPLE, 'sample.txt');
    fs.mkdirSync(path.join(dir, 'journal'), { recursive: true });
    const file = path.join(dir, 'journal', `${id}.json`);
    for (const junk of ['{"savedAt": "x", "document": {"format": "bulletin-issue"', '{"savedAt": 1}', '\u0000\u0001\u00ff', '[]']) {
      fs.writeFileSync(file, junk);
      expect(lib.readJournal(id)).toEqual({});
      expect(fs.readFileSync(file, 'utf8')).toBe(junk);
    }
  });
});

describe('library: profile and signers', () => {
  const legacy = { name: '签发人甲', salt: 'ab12', hash: 'cd34', scrypt: { N: 16384, r: 8, p: 1, keylen: 32 } };

  it('uses the default profile until one is saved, and keeps profile and signing data apart', () => {
    const lib = open();
    expect(lib.profile()).toEqual(defaultProfile());
    expect(lib.signingData()).toEqual(NO_SIGNING);
    const profile = { ...defaultProfile(), name: '测试动态', approvalNumber: '测准字1号' };
    lib.saveProfile(profile);
    const signing = { ...NO_SIGNING, legacySigners: [legacy], events: [{ at: '2021-06-01T00:00:00.000Z', action: 'added' as const, signer: '签发人甲' }] };
    lib.saveSigningData(signing);
    expect(lib.profile()).toEqual(profile);
    expect(lib.signingData()).toEqual(signing);
    lib.saveProfile({ ...profile, contact: '0731-1234' });
    expect(lib.signingData()).toEqual(signing);
    const file = JSON.parse(fs.readFileSync(path.join(dir, 'profile.json'), 'utf8'));
    expect(file).toMatchObject({
      format: 'bulletin-profile',
      version: 3,
      publications: [{ id: 'main', name: '联络动态', totalNumbering: 'own', profile: { contact: '0731-1234' } }],
      signing: { legacySigners: [legacy] },
    });
    expect(Object.keys(file.signing)).toEqual(['signers', 'retired', 'legacySigners', 'events']);
  });

  it('reads a version-1 profile: its signers become old-format signers, and the original is kept on the first write', () => {
    const v1 = `${JSON.stringify({ format: 'bulletin-profile', version: 1, profile: { ...defaultProfile(), name: '旧动态' }, signers: [legacy] }, null, 2)}\n`;
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'profile.json'), v1);
    const lib = open();
    expect(lib.profile().name).toBe('旧动态');
    expect(lib.signingData().legacySigners).toEqual([legacy]);
    lib.saveProfile({ ...lib.profile(), contact: '0731' });
    const kept = fs.readdirSync(path.join(dir, 'backups')).filter((n) => /^profile-.*-v1\.json$/.test(n));
    expect(kept).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, 'backups', kept[0]!), 'utf8')).toBe(v1);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'profile.json'), 'utf8')).version).toBe(3);
    expect(lib.signingData().legacySigners).toEqual([legacy]);
  });

  it('refuses an invalid profile or signing data', () => {
    const lib = open();
    expect(() => lib.saveProfile({ ...defaultProfile(), preset: 'huge' as never })).toThrow(/出版设置有误/);
    expect(() => lib.saveSigningData({ ...NO_SIGNING, legacySigners: [{ ...legacy, salt: 'not hex' }] })).toThrow(/签发人记录有误/);
    expect(fs.existsSync(path.join(dir, 'profile.json'))).toBe(false);
  });

  it('fills in what imported text lacks from the profile', () => {
    const lib = open();
    lib.saveProfile({ ...defaultProfile(), name: '测试动态', preset: 'compact', approvalNumber: '不会用到' });
    const { document } = lib.read(lib.importBytes(SAMPLE, 'sample.txt').id);
    expect(document.publication.name).toBe('测试动态');
    expect(document.publication.preset).toBe('compact');
    expect(document.publication.approvalNumber).toContain('湘党简准字'); // the text has one
    expect(document.issue.totalNumber).toBe(631);
  });

  it('moves a damaged profile aside, bytes intact, and reports it', () => {
    const junk = '{"format": "bulletin-profile", "version": 1, "profile": {"name": 5}, "signers": []}';
    fs.writeFileSync(path.join(dir, 'profile.json'), junk);
    const lib = open();
    expect(lib.profile()).toEqual(defaultProfile());
    const aside = fs.readdirSync(dir).filter((n) => n.startsWith('profile.json.damaged-'));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, aside[0]!), 'utf8')).toBe(junk);
    expect(lib.list().damaged).toEqual([expect.objectContaining({ reason: expect.stringContaining('出版设置文件已损坏') })]);
    lib.saveProfile({ ...defaultProfile(), name: '新刊名' });
    expect(lib.profile().name).toBe('新刊名');
    expect(fs.readFileSync(path.join(dir, aside[0]!), 'utf8')).toBe(junk);
  });
});

describe('library: ids', () => {
  const bad = ['../profile', '2021-008-ABCD', '2021-008-abcd/../../x', '2021-8-abcd', '', '2021-008-abcd\n', '..\\..\\x'];

  it.each(bad)('refuses the id %j everywhere with 无效的期刊编号', (id) => {
    const lib = open();
    const doc = sampleDoc();
    const calls: (() => unknown)[] = [
      () => lib.read(id),
      () => lib.save(id, doc, 'x'),
      () => lib.duplicate(id),
      () => lib.trash(id),
      () => lib.restore(id),
      () => lib.exportFile(id),
      () => lib.backups(id),
      () => lib.restoreBackup(id, '2024-01-01T00-00-00-000Z'),
      () => lib.writeJournal(id, doc),
      () => lib.readJournal(id),
      () => lib.discardJournal(id),
      () => lib.updateMeta(id, (m) => m),
      () => lib.record(id, { action: 'exported' }),
    ];
    for (const call of calls) expect(call).toThrow(/^无效的期刊编号/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('says when an issue does not exist', () => {
    const lib = open();
    expect(() => lib.read('2021-008-abcd')).toThrow(/找不到期刊：2021-008-abcd/);
  });
});

describe('library: speed', () => {
  it('lists 500 issues, and lists them again from the cache without reading any file', () => {
    const doc = sampleDoc();
    fs.mkdirSync(path.join(dir, 'issues'));
    for (let i = 0; i < 500; i++) {
      const year = 2000 + Math.floor(i / 25);
      const number = (i % 25) + 1;
      const id = `${year}-${String(number).padStart(3, '0')}-${i.toString(36).padStart(4, '0')}`;
      const text = serializeDocument(withIssue(doc, { year, number, totalNumber: i + 1 }));
      fs.writeFileSync(path.join(dir, 'issues', `${id}.json`), text);
      const at = '2024-01-01T00:00:00.000Z';
      fs.writeFileSync(
        path.join(dir, 'issues', `${id}.meta.json`),
        JSON.stringify({ id, status: 'draft', createdAt: at, updatedAt: at, history: [] }),
      );
    }
    let reads = 0;
    const counting = { ...fs, readFileSync: ((...args: Parameters<typeof fs.readFileSync>) => (reads++, fs.readFileSync(...args))) as typeof fs.readFileSync };
    const lib = createLibrary({ dir, fs: counting });
    const first = lib.list();
    expect(first.issues).toHaveLength(500);
    expect(first.issues[0]).toMatchObject({ year: 2019, number: 25, totalNumber: 500 });
    reads = 0;
    const started = performance.now();
    const second = lib.list({ query: '活动月' });
    const ms = performance.now() - started;
    expect(second.issues).toHaveLength(500);
    expect(reads).toBe(0);
    expect(ms).toBeLessThan(1000);
    expect(parseDocument(fs.readFileSync(path.join(dir, 'issues', `${second.issues[0]!.id}.json`), 'utf8')).ok).toBe(true);
  });
});


describe('two library instances on one folder (the main process and the export worker’s thread)', () => {
  it('a meta written by the other instance is never served stale from the cache, even at the same size', () => {
    const main = createLibrary({ dir });
    const thread = createLibrary({ dir });
    const { id } = main.importBytes(new Uint8Array(SAMPLE), 'lianluo-2021-08.txt');
    const cachedBefore = main.read(id).meta; // cached by this instance
    expect(main.read(id).meta).toBe(cachedBefore);
    thread.record(id, { action: 'exported', detail: '样稿：A.pdf' });
    expect(main.read(id).meta.history.at(-1)).toMatchObject({ action: 'exported', detail: '样稿：A.pdf' });
    // Same length, written at once: the file's size (and perhaps its mtime) are unchanged; its inode is not.
    const size = fs.statSync(path.join(dir, 'issues', `${id}.meta.json`)).size;
    thread.updateMeta(id, (m) => ({ ...m, history: m.history.map((h, i) => (i === m.history.length - 1 ? { ...h, detail: '样稿：B.pdf' } : h)) }));
    expect(fs.statSync(path.join(dir, 'issues', `${id}.meta.json`)).size).toBe(size);
    expect(main.read(id).meta.history.at(-1)!.detail).toBe('样稿：B.pdf');
    expect(main.list({}).issues.find((i) => i.id === id)).toBeDefined();
  });
});
