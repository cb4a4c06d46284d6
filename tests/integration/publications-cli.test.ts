/**
 * Several publications in one library from the command line (issue 12 point 2), run as a user runs them: an old
 * library (tests/fixtures/library-v2: one profile, version 2, an issue whose meta names no publication) keeps
 * working; adding a 增刊 upgrades its profile file, keeping the original; each publication numbers on its own;
 * `list`, `import` and `new` take `--publication`; an unknown name or a duplicate is refused in Chinese;
 * `publications remove` deletes one without issues (keeping the file as it was) and refuses one with issues.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, SAMPLE_FILE } from '../helpers/sample.js';
import { bulletinSync } from '../helpers/bulletin-cli.js';

const FIXTURE = path.join(REPO_ROOT, 'tests/fixtures/library-v2');
const OLD_ID = '2021-008-old1';

const bulletin = (args: readonly string[]) => bulletinSync(['--library', lib, ...args], { timeout: 120_000, env: { BULLETIN_LIBRARY: '' } });

let tmp: string;
let lib: string;
let originalProfile: Buffer;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'publications-cli-'));
  lib = path.join(tmp, 'lib');
  fs.cpSync(FIXTURE, lib, { recursive: true });
  originalProfile = fs.readFileSync(path.join(lib, 'profile.json'));
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('bulletin publications / new / --publication', () => {
  it('an old library keeps working: its profile is the one publication, its issue listed, nothing rewritten', () => {
    const pubs = bulletin(['publications']);
    expect(pubs.code).toBe(0);
    expect(pubs.out).toEqual(['联络动态\t刊名：联络动态\t有总期号（本刊自行连续编号）\t1 期\t签发人：所有签发人']);
    const list = bulletin(['list']);
    expect(list.code).toBe(0);
    expect(list.out).toHaveLength(1);
    expect(list.out[0]!.split('\t')).toEqual([OLD_ID, '2021年', '第8期', '总第631期', '2021-06-02', expect.any(String), '草稿']);
    expect(fs.readFileSync(path.join(lib, 'profile.json')).equals(originalProfile)).toBe(true);
    expect(fs.existsSync(path.join(lib, 'backups'))).toBe(false);
  });

  it('adding a 增刊 upgrades the profile file, keeping the original bytes; a duplicate name is refused', () => {
    const add = bulletin(['publications', 'add', '联络动态增刊', '--supplement-of', '联络动态']);
    expect(add).toMatchObject({ code: 0, out: ['已添加刊物：联络动态增刊（刊名“联络动态增刊”，无总期号）'] });
    const kept = fs.readdirSync(path.join(lib, 'backups')).filter((n) => /^profile-.*-v2\.json$/.test(n));
    expect(kept).toHaveLength(1);
    expect(fs.readFileSync(path.join(lib, 'backups', kept[0]!)).equals(originalProfile)).toBe(true);
    const upgraded = JSON.parse(fs.readFileSync(path.join(lib, 'profile.json'), 'utf8'));
    expect(upgraded.version).toBe(3);
    expect(upgraded.publications.map((p: { id: string; name: string }) => [p.id, p.name])).toEqual([
      ['main', '联络动态'],
      ['p2', '联络动态增刊'],
    ]);
    // The 增刊 takes the bulletin's settings (here its 责任编辑 and 送 list).
    expect(upgraded.publications[1].profile.defaultEditors).toEqual(['李编辑']);
    expect(upgraded.publications[1].profile.defaultDistribution).toEqual(upgraded.publications[0].profile.defaultDistribution);

    const again = bulletin(['publications', 'add', '联络动态增刊', '--copy-of', '联络动态']);
    expect(again.code).toBe(2);
    expect(again.err.join('\n')).toContain('已有名为“联络动态增刊”的刊物，名称不能重复');
    const noSource = bulletin(['publications', 'add', '另一刊']);
    expect(noSource.code).toBe(2);
    expect(noSource.err.join('\n')).toContain('--template、--supplement-of 或 --copy-of');
  });

  it('numbers each publication on its own: the 增刊 第1期、第2期 without 总期号, the bulletin 第9期（总第632期）', () => {
    const first = bulletin(['new', '--publication', '联络动态增刊', '--date', '2021-06-10']);
    expect(first.code).toBe(0);
    expect(first.out[0]).toBe('已新建：《联络动态增刊》2021年第1期');
    expect(first.err).toEqual([]);
    const second = bulletin(['new', '--publication', '联络动态增刊', '--date', '2021-06-15']);
    expect(second.out[0]).toBe('已新建：《联络动态增刊》2021年第2期');
    const main = bulletin(['new', '--date', '2021-06-20']);
    expect(main.out[0]).toBe('已新建：《联络动态》2021年第9期（总第632期）');
    expect(main.err).toEqual([]);
    const issue = JSON.parse(fs.readFileSync(path.join(lib, 'issues', `${second.out.at(-1)}.json`), 'utf8'));
    expect(issue.publication.name).toBe('联络动态增刊');
    expect(issue.issue.totalNumber).toBeUndefined();
    expect(issue.issue.editors).toEqual(['李编辑']);
  });

  it('import --publication adds to that publication; list --publication filters; the list names each one', () => {
    const imported = bulletin(['import', SAMPLE_FILE, '--publication', '联络动态增刊']);
    expect(imported.code).toBe(0);
    const id = imported.out.at(-1)!;
    const supplement = bulletin(['list', '--publication', '联络动态增刊']);
    expect(supplement.code).toBe(0);
    expect(supplement.out).toHaveLength(3);
    expect(supplement.out.every((l) => l.endsWith('\t联络动态增刊'))).toBe(true);
    expect(supplement.out.some((l) => l.startsWith(id))).toBe(true);
    const bulletinOnly = bulletin(['list', '--publication', '联络动态']);
    expect(bulletinOnly.out).toHaveLength(2);
    expect(bulletinOnly.out.some((l) => l.startsWith(OLD_ID) && l.endsWith('\t联络动态'))).toBe(true);
    expect(bulletin(['list']).out).toHaveLength(5);
    expect(bulletin(['publications']).out).toEqual([
      '联络动态\t刊名：联络动态\t有总期号（本刊自行连续编号）\t2 期\t签发人：所有签发人',
      '联络动态增刊\t刊名：联络动态增刊\t无总期号\t3 期\t签发人：所有签发人',
    ]);
  });

  it('a Word file imported with --publication is an issue of that publication', () => {
    const docx = path.join(REPO_ROOT, 'tests/fixtures/word/contribution.docx');
    const run = bulletin(['import', docx, '--publication', '联络动态增刊']);
    expect(run.code).toBe(0);
    const id = run.out.at(-1)!;
    expect(bulletin(['list', '--publication', '联络动态增刊']).out.some((l) => l.startsWith(id))).toBe(true);
    const issue = JSON.parse(fs.readFileSync(path.join(lib, 'issues', `${id}.json`), 'utf8'));
    expect(issue.publication.name).toBe('联络动态增刊');
    // Out again, so the counts below stay those of the text issues.
    fs.rmSync(path.join(lib, 'issues', `${id}.json`));
    fs.rmSync(path.join(lib, 'issues', `${id}.meta.json`));
  });

  it('an unknown --publication is refused, naming the known ones; nothing is made', () => {
    const before = fs.readdirSync(path.join(lib, 'issues')).length;
    for (const args of [['list'], ['new'], ['import', SAMPLE_FILE], ['import', path.join(REPO_ROOT, 'tests/fixtures/word/contribution.docx')]]) {
      const run = bulletin([...args, '--publication', '无此刊']);
      expect(run.code).toBe(2);
      expect(run.err).toEqual(['错误：找不到刊物“无此刊”；本库的刊物：联络动态、联络动态增刊']);
    }
    expect(fs.readdirSync(path.join(lib, 'issues')).length).toBe(before);
  });

  it('publications signers limits who may sign a publication off, and --all lifts it', () => {
    const set = bulletin(['publications', 'signers', '联络动态增刊', '王主任，李主任']);
    expect(set).toMatchObject({ code: 0, out: ['《联络动态增刊》只可由以下签发人签发：王主任、李主任'] });
    expect(set.err).toEqual(['提示：王主任、李主任 还不是本库的签发人（可用 bulletin approver add 添加），添加之前不能签发']);
    expect(bulletin(['publications']).out[1]).toMatch(/\t签发人：王主任、李主任$/);
    expect(bulletin(['publications', 'signers', '联络动态增刊', '--all']).code).toBe(0);
    expect(bulletin(['publications']).out[1]).toMatch(/\t签发人：所有签发人$/);
  });

  it('publications remove refuses a publication with issues, removes one without, keeping profile.json as it was in backups/', () => {
    const refused = bulletin(['publications', 'remove', '联络动态增刊']);
    expect(refused.code).toBe(2);
    expect(refused.err).toEqual(['错误：不能删除刊物“联络动态增刊”：期刊库中还有该刊的 3 期。请先删除这些期刊，或保留该刊物']);
    expect(bulletin(['publications', 'add', '专报', '--copy-of', '联络动态']).code).toBe(0);
    const before = fs.readFileSync(path.join(lib, 'profile.json'));
    const removed = bulletin(['publications', 'remove', '专报']);
    expect(removed).toMatchObject({ code: 0, out: ['已删除刊物：专报（刊名“联络动态”；删除前的设置已备份在期刊库的 backups 文件夹中）'], err: [] });
    const kept = fs.readdirSync(path.join(lib, 'backups')).filter((n) => /^profile-.*-before-remove\.json$/.test(n));
    expect(kept).toHaveLength(1);
    expect(fs.readFileSync(path.join(lib, 'backups', kept[0]!)).equals(before)).toBe(true);
    expect(bulletin(['publications']).out.map((l) => l.split('\t')[0])).toEqual(['联络动态', '联络动态增刊']);
    const usage = bulletin(['publications', 'remove']);
    expect(usage.code).toBe(2);
    expect(usage.err.join('\n')).toContain('用法：bulletin publications remove <刊物名>');
  });
});
