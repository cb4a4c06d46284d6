/**
 * Several publications (刊物) in one library (issue 12 point 2): numbering per series (core/model/issue-numbers.ts),
 * deriving a 增刊 (core/model/publication.ts), the library's publications (services/library.ts) with the profile
 * file's upgrade from one profile (version 2) to publications (version 3) — original kept, atomic — and sign-off
 * only by the signers a publication allows (services/approval.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { nextNumbers, numberingWarnings } from '../../core/model/issue-numbers.js';
import { validateRequest } from '../../electron/ipc/contract.js';
import { defaultProfile } from '../../core/model/profile.js';
import { derivePublication, firstPublication, maySign, publicationNameProblem } from '../../core/model/publication.js';
import { createLibrary, LibraryError } from '../../services/library.js';
import type { LibraryFs } from '../../services/library-fs.js';
import { parseProfileFile } from '../../services/library-profile.js';
import { createTypesetter, type Typesetter } from '../../services/typesetter.js';
import { SAMPLE_FILE } from '../helpers/sample.js';
import { addSigner, signingServices } from '../helpers/signing.js';

const SAMPLE = fs.readFileSync(SAMPLE_FILE);

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'publications-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const open = (fsImpl?: LibraryFs) => createLibrary({ dir, now: () => new Date(Date.UTC(2021, 5, 1, 8)), ...(fsImpl ? { fs: fsImpl } : {}) });

/** A version-2 profile file (one profile), as libraries made before publications have. */
const V2 = `${JSON.stringify(
  {
    format: 'bulletin-profile',
    version: 2,
    profile: { ...defaultProfile(), contact: '0731-8888' },
    signing: { signers: [], retired: [], legacySigners: [], events: [] },
  },
  null,
  2,
)}\n`;

describe('numbering per series', () => {
  const issues = [
    { id: 'a', year: 2021, number: 7, totalNumber: 630, publication: 'main' },
    { id: 'b', year: 2021, number: 8, totalNumber: 631, publication: 'main' },
    { id: 'c', year: 2021, number: 1, publication: 'p2' },
  ];

  it('counts 第N期 and 总期号 within the publication only', () => {
    expect(nextNumbers({ issues }, 2021, { publication: 'main' })).toEqual({ number: 9, totalNumber: 632 });
    expect(nextNumbers({ issues }, 2021, { publication: 'p2', totalNumbering: 'none' })).toEqual({ number: 2 });
    expect(nextNumbers({ issues }, 2021, { publication: 'p2', totalNumbering: 'own' })).toEqual({ number: 2, totalNumber: 1 });
    expect(nextNumbers({ issues }, 2022, { publication: 'p3' })).toEqual({ number: 1, totalNumber: 1 });
    // Without a series, every issue counts (as before publications).
    expect(nextNumbers({ issues }, 2021)).toEqual({ number: 9, totalNumber: 632 });
  });

  it('warns of duplicates and gaps within the publication only', () => {
    expect(numberingWarnings({ issues }, { year: 2021, number: 1 }, { publication: 'main' })).toEqual([]);
    expect(numberingWarnings({ issues }, { year: 2021, number: 1 }, { publication: 'p2' })).toEqual(['2021年第1期已存在（期号重复）']);
    expect(numberingWarnings({ issues }, { year: 2021, number: 3 }, { publication: 'p2' })).toEqual(['期号不连续：2021年上一期为第1期']);
  });
});

describe('publications', () => {
  it('derives a 增刊 from the bulletin: its settings, 刊名 + 增刊, no 总期号; names are unique', () => {
    const main = firstPublication({ ...defaultProfile(), defaultEditors: ['李编辑'] });
    const made = derivePublication([main], { name: '联络动态增刊', source: { kind: 'supplement', of: '联络动态' } });
    expect(made).toMatchObject({ ok: true, publication: { id: 'p2', name: '联络动态增刊', totalNumbering: 'none' } });
    if (!made.ok) return;
    expect(made.publication.profile).toMatchObject({ name: '联络动态增刊', pinyin: 'LIANLUODONGTAI ZENGKAN', unit: main.profile.unit, defaultEditors: ['李编辑'] });
    expect(derivePublication([main], { name: ' 联络动态 ', source: { kind: 'copy', of: 'main' } })).toEqual({ ok: false, reason: '已有名为“联络动态”的刊物，名称不能重复' });
    expect(derivePublication([main], { name: '甲', source: { kind: 'supplement', of: '乙' } })).toEqual({ ok: false, reason: '找不到刊物“乙”；本库的刊物：联络动态' });
    expect(derivePublication([main], { name: '甲', source: { kind: 'template', templateId: 'nope' } })).toEqual({ ok: false, reason: '没有这个模板：nope' });
    expect(publicationNameProblem('  ', [main])).toBe('刊物名称不能为空');
    expect(maySign(main, '张主任')).toBe(true);
    expect(maySign({ ...main, signers: ['王主任'] }, '张主任')).toBe(false);
  });

  it('a library numbers each publication on its own and lists and filters by publication', () => {
    const lib = open();
    expect(lib.publications().map((p) => p.name)).toEqual(['联络动态']);
    lib.addPublication({ name: '联络动态增刊', source: { kind: 'supplement', of: '联络动态' } });
    const main1 = lib.create({ today: '2021-06-02' });
    const main2 = lib.create({ today: '2021-06-03' });
    const sup1 = lib.create({ today: '2021-06-04', publication: '联络动态增刊' });
    const sup2 = lib.create({ today: '2021-06-05', publication: '联络动态增刊' });
    expect(lib.read(main2.id).document.issue).toMatchObject({ number: 2, totalNumber: 2 });
    const sup = lib.read(sup2.id);
    expect(sup.document.issue.number).toBe(2);
    expect(sup.document.issue.totalNumber).toBeUndefined();
    expect(sup.document.publication.name).toBe('联络动态增刊');
    expect(sup.meta.publication).toBe('p2');
    expect(sup2.warnings).toEqual([]);
    expect(lib.list({ publication: '联络动态增刊' }).issues.map((s) => s.id).sort()).toEqual([sup1.id, sup2.id].sort());
    expect(lib.list({ publication: 'main' }).issues.map((s) => s.id).sort()).toEqual([main1.id, main2.id].sort());
    expect(lib.list().issues).toHaveLength(4);
    // An import goes to the publication named; a duplicate stays in its publication's series.
    const imported = lib.importBytes(SAMPLE, 'sample.txt', { publication: '联络动态增刊' });
    expect(lib.read(imported.id).meta.publication).toBe('p2');
    const copy = lib.duplicate(sup1.id);
    expect(lib.read(copy.id).meta.publication).toBe('p2');
    expect(() => lib.create({ publication: '没有这个刊' })).toThrow(new LibraryError('找不到刊物“没有这个刊”；本库的刊物：联络动态、联络动态增刊'));
    expect(() => lib.addPublication({ name: '联络动态增刊', source: { kind: 'copy', of: 'main' } })).toThrow('名称不能重复');
    expect(() => lib.savePublication({ ...lib.publication('联络动态增刊'), name: '联络动态' })).toThrow('名称不能重复');
  });

  it('keeps a publication profile apart from the others', () => {
    const lib = open();
    const sup = lib.addPublication({ name: '增刊', source: { kind: 'supplement', of: 'main' } });
    lib.saveProfile({ ...lib.profile(sup.id), contact: '增刊电话' }, sup.id);
    expect(lib.profile(sup.id).contact).toBe('增刊电话');
    expect(lib.profile().contact).toBe('');
  });
});

describe('删除刊物', () => {
  it('refuses the only publication and one with issues, in Chinese, changing nothing', () => {
    const lib = open();
    expect(() => lib.removePublication('联络动态')).toThrow(new LibraryError('不能删除刊物“联络动态”：这是本库唯一的刊物，期刊库至少要有一种刊物'));
    lib.addPublication({ name: '增刊', source: { kind: 'supplement', of: 'main' } });
    lib.create({ today: '2021-06-02', publication: '增刊' });
    lib.create({ today: '2021-06-03', publication: '增刊' });
    const before = fs.readFileSync(path.join(dir, 'profile.json'), 'utf8');
    expect(() => lib.removePublication('增刊')).toThrow(new LibraryError('不能删除刊物“增刊”：期刊库中还有该刊的 2 期。请先删除这些期刊，或保留该刊物'));
    // The first publication holds the issues that name no publication (made before publications): counted as its.
    const old = lib.importBytes(SAMPLE, 'sample.txt').id;
    const metaFile = path.join(dir, 'issues', `${old}.meta.json`);
    const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8'));
    delete meta.publication;
    fs.writeFileSync(metaFile, JSON.stringify(meta));
    expect(() => open().removePublication('联络动态')).toThrow('期刊库中还有该刊的 1 期');
    expect(() => lib.removePublication('没有这个刊')).toThrow('找不到刊物“没有这个刊”');
    expect(fs.readFileSync(path.join(dir, 'profile.json'), 'utf8')).toBe(before);
    expect(fs.existsSync(path.join(dir, 'backups')) ? fs.readdirSync(path.join(dir, 'backups')).filter((n) => n.startsWith('profile-')) : []).toEqual([]);
  });

  it('removes a publication without issues from profile.json, keeping the file as it was in backups/; its issues in the 回收站 go to the first when restored', () => {
    const lib = open();
    lib.addPublication({ name: '增刊', source: { kind: 'supplement', of: 'main' } });
    lib.addPublication({ name: '专报', source: { kind: 'copy', of: 'main' } });
    const gone = lib.create({ today: '2021-06-02', publication: '增刊' }).id;
    lib.trash(gone);
    const before = fs.readFileSync(path.join(dir, 'profile.json'), 'utf8');
    const result = lib.removePublication('增刊');
    expect(result.removed.name).toBe('增刊');
    expect(result.trashed).toBe(1);
    expect(lib.publications().map((p) => p.name)).toEqual(['联络动态', '专报']);
    const parsed = parseProfileFile(fs.readFileSync(path.join(dir, 'profile.json'), 'utf8'));
    expect(parsed.ok && parsed.file.publications.map((p) => p.name)).toEqual(['联络动态', '专报']);
    const kept = fs.readdirSync(path.join(dir, 'backups')).filter((n) => /^profile-.*-before-remove\.json$/.test(n));
    expect(kept).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, 'backups', kept[0]!), 'utf8')).toBe(before);
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // Restored, the issue is listed under the first publication and keeps its own masthead.
    lib.restore(gone);
    expect(lib.list({ publication: 'main' }).issues.map((s) => s.id)).toEqual([gone]);
    expect(lib.read(gone).document.publication.name).toBe('联络动态增刊');
    // A name freed can be used again.
    expect(lib.addPublication({ name: '增刊', source: { kind: 'supplement', of: 'main' } }).name).toBe('增刊');
  });

  it('is atomic: when the new file cannot be written, the publication stays', () => {
    const lib = open();
    lib.addPublication({ name: '增刊', source: { kind: 'supplement', of: 'main' } });
    const before = fs.readFileSync(path.join(dir, 'profile.json'), 'utf8');
    const failing: LibraryFs = {
      ...fs,
      renameSync: ((from: fs.PathLike, to: fs.PathLike) => {
        if (String(to) === path.join(dir, 'profile.json')) {
          const error: NodeJS.ErrnoException = new Error('ENOSPC: injected');
          error.code = 'ENOSPC';
          throw error;
        }
        fs.renameSync(from, to);
      }) as typeof fs.renameSync,
    };
    expect(() => open(failing).removePublication('增刊')).toThrow();
    expect(fs.readFileSync(path.join(dir, 'profile.json'), 'utf8')).toBe(before);
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(open().publications().map((p) => p.name)).toEqual(['联络动态', '增刊']);
  });

  it('checks the IPC request', () => {
    expect(validateRequest('publications:remove', { publication: 'p2' }).ok).toBe(true);
    expect(validateRequest('publications:remove', { publication: '../x' }).ok).toBe(false);
    expect(validateRequest('publications:remove', {}).ok).toBe(false);
  });
});

describe('upgrading a library of one profile', () => {
  it('reads a version-2 profile as the first publication; its issues belong to it; the first write keeps the original', () => {
    fs.mkdirSync(path.join(dir, 'issues'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'profile.json'), V2);
    const old = open().importBytes(SAMPLE, 'sample.txt').id;
    // An issue made before publications: its meta names none.
    const metaFile = path.join(dir, 'issues', `${old}.meta.json`);
    const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8'));
    delete meta.publication;
    fs.writeFileSync(metaFile, JSON.stringify(meta));
    const lib = open();
    expect(lib.publications()).toEqual([expect.objectContaining({ id: 'main', name: '联络动态', totalNumbering: 'own' })]);
    expect(lib.profile().contact).toBe('0731-8888');
    expect(fs.readFileSync(path.join(dir, 'profile.json'), 'utf8')).toBe(V2); // reading writes nothing
    lib.addPublication({ name: '联络动态增刊', source: { kind: 'supplement', of: '联络动态' } });
    const kept = fs.readdirSync(path.join(dir, 'backups')).filter((n) => /^profile-.*-v2\.json$/.test(n));
    expect(kept).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, 'backups', kept[0]!), 'utf8')).toBe(V2);
    const upgraded = parseProfileFile(fs.readFileSync(path.join(dir, 'profile.json'), 'utf8'));
    expect(upgraded.ok && upgraded.file.publications.map((p) => p.name)).toEqual(['联络动态', '联络动态增刊']);
    expect(upgraded.ok && upgraded.file.profile.contact).toBe('0731-8888');
    expect(lib.list({ publication: '联络动态' }).issues.map((s) => s.id)).toEqual([old]);
    expect(lib.create({ today: '2021-06-10' }).warnings).toEqual([]);
    lib.saveProfile({ ...lib.profile(), contact: '0731-9999' });
    expect(fs.readdirSync(path.join(dir, 'backups')).filter((n) => n.startsWith('profile-'))).toHaveLength(1);
  });

  it('is atomic: when the new file cannot be written, the old one stays, and the next write upgrades it', () => {
    fs.writeFileSync(path.join(dir, 'profile.json'), V2);
    const failing: LibraryFs = {
      ...fs,
      renameSync: ((from: fs.PathLike, to: fs.PathLike) => {
        if (String(to) === path.join(dir, 'profile.json')) {
          const error: NodeJS.ErrnoException = new Error('ENOSPC: injected');
          error.code = 'ENOSPC';
          throw error;
        }
        fs.renameSync(from, to);
      }) as typeof fs.renameSync,
    };
    expect(() => open(failing).addPublication({ name: '增刊', source: { kind: 'supplement', of: 'main' } })).toThrow();
    expect(fs.readFileSync(path.join(dir, 'profile.json'), 'utf8')).toBe(V2);
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const lib = open();
    expect(lib.publications()).toHaveLength(1);
    lib.addPublication({ name: '增刊', source: { kind: 'supplement', of: 'main' } });
    expect(lib.publications().map((p) => p.name)).toEqual(['联络动态', '增刊']);
    // The copy kept by the failed attempt is the same bytes: kept once.
    const kept = fs.readdirSync(path.join(dir, 'backups')).filter((n) => n.startsWith('profile-'));
    expect(kept).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, 'backups', kept[0]!), 'utf8')).toBe(V2);
  });

  it('refuses a version-3 file with two publications of one name, moving it aside', () => {
    const main = firstPublication(defaultProfile());
    const bad = { format: 'bulletin-profile', version: 3, publications: [main, { ...main, id: 'p2' }], signing: { signers: [], retired: [], legacySigners: [], events: [] } };
    const parsed = parseProfileFile(JSON.stringify(bad));
    expect(parsed).toEqual({ ok: false, reason: 'publications[1].name：已有名为“联络动态”的刊物，名称不能重复' });
  });
});

describe('who may sign a publication off', () => {
  let typesetter: Typesetter;
  beforeAll(() => {
    typesetter = createTypesetter();
  });

  it('only the signers the publication allows; every signer when it names none', async () => {
    const lib = open();
    const { approval } = signingServices({ library: lib, typesetter, now: () => new Date(Date.UTC(2021, 5, 1, 8)) });
    await addSigner(approval, '张主任', '135790');
    await addSigner(approval, '王主任', '246810');
    const sup = lib.addPublication({ name: '联络动态增刊', source: { kind: 'supplement', of: 'main' } });
    lib.savePublication({ ...lib.publication(sup.id), signers: ['王主任'] });
    const id = lib.importBytes(SAMPLE, 'sample.txt', { publication: sup.id }).id;
    const refused = await approval.signOff(id, { signer: '张主任', pin: '135790' });
    expect(refused).toEqual({ ok: false, reason: '签发人“张主任”无权签发《联络动态增刊》；本刊可签发的签发人：王主任' });
    expect(lib.read(id).meta.status).toBe('draft');
    expect(await approval.signOff(id, { signer: '王主任', pin: '246810' })).toMatchObject({ ok: true });
    const main = lib.importBytes(SAMPLE, 'sample.txt').id;
    expect(await approval.signOff(main, { signer: '张主任', pin: '135790' })).toMatchObject({ ok: true });
  }, 60_000);
});

describe('the IPC requests of publications', () => {
  it('checks a new publication\'s source and a saved publication in full', () => {
    expect(validateRequest('publications:add', { name: '增刊', source: { kind: 'supplement', of: 'main' } }).ok).toBe(true);
    expect(validateRequest('publications:add', { name: '增刊', source: { kind: 'template', templateId: 'lianluo-dongtai' } }).ok).toBe(true);
    expect(validateRequest('publications:add', { name: '增刊', source: { kind: 'steal', of: 'main' } })).toEqual({
      ok: false,
      problems: [{ path: 'request.source.kind', reason: '应为 template、supplement 或 copy' }],
    });
    expect(validateRequest('publications:add', { name: '', source: { kind: 'copy', of: 'main' } }).ok).toBe(false);
    const good = { ...firstPublication(defaultProfile()), signers: ['王主任'] };
    expect(validateRequest('publications:save', { publication: good }).ok).toBe(true);
    expect(validateRequest('publications:save', { publication: { ...good, totalNumbering: 'shared' } }).ok).toBe(false);
    expect(validateRequest('publications:save', { publication: { ...good, profile: { ...good.profile, preset: 'huge' } } }).ok).toBe(false);
    expect(validateRequest('publications:save', { publication: { ...good, id: '../x' } }).ok).toBe(false);
    expect(validateRequest('library:create', { publication: 'p2' }).ok).toBe(true);
    expect(validateRequest('library:list', { publication: '../p2' }).ok).toBe(false);
  });
});
