/**
 * `bulletin` with Word files, as a user runs it (node bin/bulletin.mjs in a child process): import a .docx as a
 * new issue (printed, -o, --library), --into to append it as an article, export an issue as .docx, and bad
 * Word files refused with one Chinese line and exit code 2, the library untouched.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { parseDocument } from '../../core/model/format.js';
import { contributionDocx, makeDocx, p } from '../helpers/docx-fixtures.js';
import { SAMPLE_FILE } from '../helpers/sample.js';
import { runBulletin } from '../helpers/bulletin-cli.js';


const bulletin = (args: readonly string[]) => runBulletin(args, { timeout: 120_000, env: { NO_COLOR: '1' } });

let dir: string;
const at = (name: string) => join(dir, name);
/** Every file of the library with its bytes, to show nothing changed. */
const snapshot = (lib: string) => {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, e.name);
      if (e.isDirectory()) walk(path);
      else out[path] = readFileSync(path, 'latin1');
    }
  };
  walk(lib);
  return out;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'word-cli-'));
  writeFileSync(at('稿件.docx'), contributionDocx());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bulletin import x.docx', () => {
  it('writes the issue file with -o and prints the import report on stderr', async () => {
    const r = await bulletin(['import', at('稿件.docx'), '-o', at('稿件.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/已导入：.*1 篇文章/);
    expect(r.stderr).toMatch(/导入报告：已将 5 个 Word 自动编号转为文字/);
    const parsed = parseDocument(readFileSync(at('稿件.json'), 'utf8'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const article = parsed.document.issue.articles[0]!;
    expect(article.title).toBe('岳阳市推进代表联络站提质增效');
    expect(article.body.filter((b) => b.type === 'heading').map((b) => (b.type === 'heading' ? b.level : 0))).toEqual([1, 2, 3, 4, 1]);
    expect(article.contributor).toBe('岳阳市人大常委会');
  });
});

describe('the library: import, --into, export .docx', () => {
  const lib = () => at('lib');
  let id = '';

  it('adds the sample, then appends the Word file as its last article with --into', async () => {
    const added = await bulletin(['--library', lib(), 'import', SAMPLE_FILE]);
    expect(added.code).toBe(0);
    id = added.stdout.trim().split('\n').pop()!;
    const r = await bulletin(['--library', lib(), 'import', at('稿件.docx'), '--into', id]);
    expect(r.stderr).toMatch(/导入报告/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已加入文章：“岳阳市推进代表联络站提质增效”');
    const file = JSON.parse(readFileSync(join(lib(), 'issues', `${id}.json`), 'utf8'));
    expect(file.issue.articles).toHaveLength(2);
    expect(file.issue.articles[0].title).toMatch(/^长沙市落实举措/);
    expect(file.issue.articles[1].title).toBe('岳阳市推进代表联络站提质增效');
    expect(file.issue.articles[1].contributor).toBe('岳阳市人大常委会');
  });

  it('appends the articles of a text file with --into too', async () => {
    writeFileSync(at('短稿.txt'), '益阳市开展代表接待日活动\n今年以来，益阳市人大代表接待群众3000余人次。\n（益阳市人大常委会供稿）\n');
    const r = await bulletin(['--library', lib(), 'import', at('短稿.txt'), '--into', id]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('已加入文章：“益阳市开展代表接待日活动”');
    const file = JSON.parse(readFileSync(join(lib(), 'issues', `${id}.json`), 'utf8'));
    expect(file.issue.articles).toHaveLength(3);
    expect(file.issue.articles[2].contributor).toBe('益阳市人大常委会');
  });

  it('adds a Word file as a new issue with --library', async () => {
    const r = await bulletin(['--library', lib(), 'import', at('稿件.docx')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/已加入期刊库：.*1 篇文章/);
  });

  it('exports an issue of the library as .docx (format by extension, or --format)', async () => {
    const r = await bulletin(['--library', lib(), 'export', id, '-o', at('out.docx')]);
    expect(r.code, r.stderr).toBe(0);
    const parts = unzipSync(new Uint8Array(readFileSync(at('out.docx'))));
    const xml = new TextDecoder().decode(parts['word/document.xml']);
    expect(xml).toContain('岳阳市推进代表联络站提质增效');
    expect(xml).toContain('一、');
    const forced = await bulletin(['export', SAMPLE_FILE, '-o', at('forced.bin'), '--format', 'docx']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(at('forced.bin')).subarray(0, 2).toString('latin1')).toBe('PK');
    const bad = await bulletin(['export', SAMPLE_FILE, '-o', at('x.odt'), '--format', 'odt']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/未知的格式：odt/);
  });

  it('refuses bad Word files with one Chinese line and exit 2, leaving the library as it was', async () => {
    const bad: Record<string, Uint8Array> = {
      '空.docx': new Uint8Array(),
      '损坏.docx': strToU8('PK\u0003\u0004 not really a zip'),
      '改名.docx': strToU8('%PDF-1.7\n1 0 obj\n'),
      '表格.docx': zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook/>') }),
      '宏.docm': makeDocx({ body: p('正文。'), contentType: 'application/vnd.ms-word.document.macroEnabled.main+xml' }),
    };
    const before = snapshot(lib());
    for (const [name, bytes] of Object.entries(bad)) {
      writeFileSync(at(name), bytes);
      const runs = [['--library', lib(), 'import', at(name)]];
      if (name === '损坏.docx') runs.push(['--library', lib(), 'import', at(name), '--into', id]);
      for (const args of runs) {
        const r = await bulletin(args);
        expect(r.code, name).toBe(2);
        const lines = r.stderr.trim().split('\n');
        expect(lines, name).toHaveLength(1);
        expect(lines[0]).toMatch(/^错误：\p{Script=Han}/u);
        expect(r.stderr).not.toMatch(/at .*\.ts|Error:/);
      }
    }
    expect(snapshot(lib())).toEqual(before);
  });
});

