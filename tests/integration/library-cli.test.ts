/**
 * The library commands of `bulletin`, run as a user runs them: `node bin/bulletin.mjs --library DIR …`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLibrary } from '../../services/library.js';
import { SAMPLE_FILE } from '../helpers/sample.js';
import { bulletinSync } from '../helpers/bulletin-cli.js';

const SAMPLE = SAMPLE_FILE;


const bulletin = (args: readonly string[], env: Record<string, string> = {}) =>
  bulletinSync(args, { timeout: 120_000, env: { BULLETIN_LIBRARY: '', ...env } });

let tmp: string;
let lib: string;
let id: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'library-cli-'));
  lib = path.join(tmp, 'lib');
  fs.mkdirSync(lib);
  const run = bulletin(['--library', lib, 'import', SAMPLE]);
  expect(run.code).toBe(0);
  id = run.out.at(-1)!;
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('bulletin --library DIR …', () => {
  it('import adds the issue and prints its id as the last line', () => {
    expect(id).toMatch(/^2021-008-[a-z0-9]{4}$/);
    expect(fs.existsSync(path.join(lib, 'issues', `${id}.json`))).toBe(true);
  });

  it('list prints one line per issue', () => {
    const run = bulletin(['--library', lib, 'list']);
    expect(run.code).toBe(0);
    expect(run.out).toHaveLength(1);
    const line = run.out[0]!;
    expect(line.startsWith(id)).toBe(true);
    for (const part of ['2021', '第8期', '总第631期', '2021-06-02', '长沙市落实举措推进代表“联系群众办实事”活动', '草稿']) {
      expect(line).toContain(part);
    }
    expect(bulletin(['--library', lib, 'list', '活动月']).out).toEqual([line]);
    const none = bulletin(['--library', lib, 'list', '没有这个词']);
    expect(none).toMatchObject({ code: 0, out: [] });
    expect(none.err).toHaveLength(1);
  });

  it('export <id> -o out.pdf writes a PDF and records it in the history', () => {
    const out = path.join(tmp, 'out.pdf');
    const run = bulletin(['--library', lib, 'export', id, '-o', out]);
    expect(run.code).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    const meta = createLibrary({ dir: lib }).read(id).meta;
    expect(meta.history.at(-1)).toMatchObject({ action: 'exported', detail: expect.stringContaining(out) });
  });

  it('uses $BULLETIN_LIBRARY (the app library) without --library', () => {
    const run = bulletin(['list'], { BULLETIN_LIBRARY: lib });
    expect(run.code).toBe(0);
    expect(run.out[0]).toContain(id);
  });

  it('backups and restore <id> <backupId> bring back a version', () => {
    const library = createLibrary({ dir: lib });
    const stored = library.read(id);
    const [article, ...rest] = stored.document.issue.articles;
    const changed = { ...stored.document, issue: { ...stored.document.issue, articles: [{ ...article!, title: '改过的标题' }, ...rest] } };
    expect(library.save(id, changed, stored.revision).status).toBe('saved');

    const backups = bulletin(['--library', lib, 'backups', id]);
    expect(backups.code).toBe(0);
    expect(backups.out).toHaveLength(1);
    const backupId = backups.out[0]!.split('\t')[0]!;
    const restore = bulletin(['--library', lib, 'restore', id, backupId]);
    expect(restore.code).toBe(0);
    expect(createLibrary({ dir: lib }).read(id).document).toEqual(stored.document);
    expect(bulletin(['--library', lib, 'backups', id]).out).toHaveLength(2);
  });

  it('trash and untrash', () => {
    expect(bulletin(['--library', lib, 'trash', id]).code).toBe(0);
    expect(bulletin(['--library', lib, 'list']).out).toEqual([]);
    expect(bulletin(['--library', lib, 'list', '--trash']).out[0]).toContain(id);
    expect(bulletin(['--library', lib, 'untrash', id]).code).toBe(0);
    expect(bulletin(['--library', lib, 'list']).out[0]).toContain(id);
  });

  it('a bad id exits 2 with one Chinese line', () => {
    for (const args of [
      ['export', '../no-such/2021-008-abcd', '-o', path.join(tmp, 'x.pdf')],
      ['backups', '2021-8'],
      ['trash', 'ABC'],
      ['restore', '../x', '2024-01-01T00-00-00-000Z'],
    ]) {
      const run = bulletin(['--library', lib, ...args]);
      expect(run.code).toBe(2);
      expect(run.err).toHaveLength(1);
      expect(run.err[0]).toMatch(/无效的期刊编号/);
      expect(run.out).toEqual([]);
    }
    const unknown = bulletin(['--library', lib, 'export', '2021-008-zzzz', '-o', path.join(tmp, 'x.pdf')]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toEqual(['错误：找不到期刊：2021-008-zzzz']);
    expect(fs.existsSync(path.join(tmp, 'x.pdf'))).toBe(false);
  });

  it('a missing library exits 2 with one Chinese line', () => {
    const run = bulletin(['--library', path.join(tmp, 'nope'), 'list']);
    expect(run.code).toBe(2);
    expect(run.err).toEqual([`错误：找不到期刊库：${path.join(tmp, 'nope')}`]);
  });

  it('keeps the file commands: an existing file is exported as a file, import -o writes a file', () => {
    const json = path.join(tmp, 'issue.json');
    const imported = bulletin(['--library', lib, 'import', SAMPLE, '-o', json]);
    expect(imported.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(json, 'utf8')).format).toBe('bulletin-issue');
    const pdf = path.join(tmp, 'file.pdf');
    const exported = bulletin(['--library', lib, 'export', json, '-o', pdf]);
    expect(exported.code).toBe(0);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    // Neither touched the library.
    expect(bulletin(['--library', lib, 'list']).out).toHaveLength(1);
  });
});
