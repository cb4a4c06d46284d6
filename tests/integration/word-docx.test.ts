/**
 * .docx export read back by LibreOffice (a program we did not write): the exported sample converted to PDF by
 * `soffice --headless` and read with pdf.js — every Han character of the issue in order, headings numbered,
 * full pages of 22 lines — a round trip issue → .docx → import giving the same structure, and the LibreOffice-made
 * fixtures made again and read as the committed ones.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDocx } from '../../core/import/word/docx-reader.js';
import { wordToArticle } from '../../core/import/word/word-article.js';
import { readWordFile } from '../../services/word-file.js';
import { importWordIssue } from '../../core/import/word/word-issue.js';
import { readInput } from '../../core/io/read-input.js';
import { inlineText } from '../../core/model/inline.js';
import type { Block, Issue } from '../../core/model/issue.js';
import { exportDocx } from '../../core/render/docx-export.js';
import { groupLines, lineText, readPdf } from '../helpers/pdf-readback.js';
import { REPO_ROOT, sampleBytes } from '../helpers/sample.js';
import { convertWith, findSoffice } from '../helpers/soffice.js';
import { blockInlines } from '../../core/model/block-text.js';

const soffice = findSoffice();
const sample = readInput(sampleBytes(), { name: 'sample.txt', today: '2021-06-02' }).document;
const dir = mkdtempSync(join(tmpdir(), 'word-docx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const han = (text: string) => [...text].filter((c) => /\p{Script=Han}/u.test(c));
const shape = (b: Block) =>
  b.type === 'heading' ? `${b.level}:${inlineText(b.content)}${b.body ? `|${inlineText(b.body)}` : ''}` : `p:${inlineText(blockInlines(b))}`;

/** The issue's words in print order: masthead, note, articles (titles, blocks, contributor), back matter. */
function issueText(issue: Issue): string {
  return [
    ...issue.editorNote.map(inlineText),
    ...issue.articles.flatMap((a) => [a.title, ...a.body.map((b) => inlineText(blockInlines(b)) + (b.type === 'heading' ? inlineText(b.body ?? []) : '')), a.contributor]),
    ...issue.distribution.map((d) => d.text),
  ].join('');
}

/** How many of `wanted`, in order, appear in `found` in the same order (a greedy subsequence match). */
function inOrder(wanted: readonly string[], found: readonly string[]): number {
  let j = 0;
  let hits = 0;
  for (const ch of wanted) {
    const k = found.indexOf(ch, j);
    // The first character may be anywhere (after the masthead); then no more than a line's worth is skipped.
    if (k >= 0 && (hits === 0 || k - j < 40)) {
      hits++;
      j = k + 1;
    }
  }
  return hits;
}

function missed(wanted: readonly string[], found: readonly string[]): string[] {
  let j = 0;
  const out: string[] = [];
  wanted.forEach((ch, i) => {
    const k = found.indexOf(ch, j);
    if (k >= 0 && (j === 0 || k - j < 40)) j = k + 1;
    else out.push(wanted.slice(Math.max(0, i - 5), i + 5).join(''));
  });
  return out;
}

describe.skipIf(soffice === undefined)('the sample exported as .docx, laid out by LibreOffice', async () => {
  const docx = await exportDocx(sample);
  const file = join(dir, 'sample.docx');
  writeFileSync(file, docx);
  const pdf = convertWith(soffice!, file, 'pdf');
  const pages = await readPdf(pdf);
  const lines = pages.map((p) => groupLines(p.items, 2).map(lineText));
  const text = lines.flat().join('\n');

  it('holds every Han character of the issue in order (≥ 99.9%)', () => {
    const wanted = han(issueText(sample.issue));
    const hits = inOrder(wanted, han(text));
    if (hits / wanted.length < 0.999) console.log(missed(wanted, han(text)));
    expect(wanted.length).toBeGreaterThan(1500);
    expect(hits / wanted.length).toBeGreaterThanOrEqual(0.999);
  });

  it('prints the masthead and numbered headings as text', () => {
    expect(text).toContain('联络动态');
    expect(text).toMatch(/第\s*8\s*期/);
    expect(text).toContain('（总第六百三十一期）');
    expect(text.replace(/\s/g, '')).toContain('一、深化活动主题。');
    expect(text.replace(/\s/g, '')).toContain('（长沙市人大常委会供稿）');
    expect(text.replace(/\s/g, '')).toMatch(/—\d+—/);
  });

  it('fills full pages of body text with 22 lines (± 1) of 28 characters (a closing mark may be compressed in)', () => {
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const titles = sample.issue.articles.map((a) => a.title.replace(/\s/g, ''));
    const isTitle = (l: string) => titles.some((t) => l.replace(/\s/g, '').length > 1 && t.includes(l.replace(/\s/g, '')));
    // Pages between the first (masthead) and the last (版记), without an article title on them.
    const full = lines
      .slice(1, -1)
      .map((ls) => ls.filter((l) => !/^[\s—\d]+$/u.test(l)))
      .filter((ls) => !ls.some(isTitle));
    expect(full.length).toBeGreaterThan(0);
    for (const page of full) expect(Math.abs(page.length - 22)).toBeLessThanOrEqual(1);
    const cells = (l: string) => [...l.replace(/\s/g, '')].filter((c) => /[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’]/u.test(c)).length;
    const hanOnly = (l: string) => han(l).length;
    const body = full.flat();
    expect(Math.max(...body.map(hanOnly))).toBeLessThanOrEqual(28);
    expect(Math.max(...body.map(cells))).toBeLessThanOrEqual(29);
    // Most lines are full: 27–29 cells (a line ending a paragraph is shorter).
    expect(body.filter((l) => cells(l) >= 26).length / body.length).toBeGreaterThan(0.7);
  });
});

describe('round trip: issue → .docx → import', async () => {
  const docx = await exportDocx(sample);
  const back = importWordIssue(readDocx(docx), { today: '2000-01-01' }).document.issue;

  it('gives the same structure: masthead numbers, date, note, articles, contributor, 送 list, editors', () => {
    expect(back.number).toBe(sample.issue.number);
    expect(back.totalNumber).toBe(sample.issue.totalNumber);
    expect(back.date).toBe(sample.issue.date);
    expect(back.editorNote.map(inlineText)).toEqual(sample.issue.editorNote.map(inlineText));
    expect(back.articles.map((a) => a.title)).toEqual(sample.issue.articles.map((a) => a.title));
    expect(back.articles.map((a) => a.body.map(shape))).toEqual(sample.issue.articles.map((a) => a.body.map(shape)));
    expect(back.articles.map((a) => a.contributor)).toEqual(sample.issue.articles.map((a) => a.contributor));
    expect(back.distribution.map((d) => d.text)).toEqual(sample.issue.distribution.map((d) => d.text));
    expect(back.editors).toEqual(sample.issue.editors);
  });
});

describe.skipIf(soffice === undefined)('Word files made by LibreOffice now read as the committed fixtures do', () => {
  const fixtures = join(REPO_ROOT, 'tests', 'fixtures', 'word');
  for (const [source, format] of [
    ['contribution.fodt', 'docx'],
    ['contribution.fodt', 'doc'],
    ['typed-numbers.html', 'docx'],
    ['typed-numbers.html', 'doc'],
  ] as const) {
    it(`${source} → .${format}`, async () => {
      const made = convertWith(soffice!, join(fixtures, source), format === 'docx' ? 'docx:MS Word 2007 XML' : 'doc:MS Word 97');
      const committed = new Uint8Array(readFileSync(join(fixtures, source.replace(/\.[^.]+$/u, `.${format}`))));
      const now = wordToArticle(await readWordFile(made, `made.${format}`)).article;
      const then = wordToArticle(await readWordFile(committed, `committed.${format}`)).article;
      expect(now.body.map(shape)).toEqual(then.body.map(shape));
      expect(now.title).toBe(then.title);
      expect(now.contributor).toBe(then.contributor);
      expect(now.body.length).toBeGreaterThan(4);
    });
  }
});
