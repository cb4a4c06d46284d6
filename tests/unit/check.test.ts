import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDocument } from '../../core/check/index.js';
import { unpairedMarks } from '../../core/check/pairs.js';
import { importPlainText } from '../../core/import/plain-text.js';
import type { BulletinDocument } from '../../core/model/document.js';
import type { Article, Block, Issue } from '../../core/model/issue.js';
import { defaultProfile } from '../../core/model/profile.js';
import { SAMPLE_FILE } from '../helpers/sample.js';

const SAMPLE = readFileSync(SAMPLE_FILE, 'utf8');

const p = (text: string): Block => ({ type: 'paragraph', content: [{ text }] });
const h = (level: 1 | 2 | 3 | 4, text: string, body?: string): Block => ({
  type: 'heading',
  level,
  content: [{ text }],
  ...(body === undefined ? {} : { body: [{ text: body }] }),
});

/** A clean document, with the first article's body replaced and other issue fields overridden. */
function doc(body: Block[], issue: Partial<Issue> = {}, article: Partial<Article> = {}): BulletinDocument {
  return {
    publication: defaultProfile(),
    issue: {
      year: 2021,
      number: 8,
      date: '2021-06-02',
      editorNote: [[{ text: '这是按语。' }]],
      articles: [{ title: '标题', body, contributor: '某单位', ...article }],
      distribution: [{ text: '各市州人大常委会', copies: 1 }],
      editors: ['石韧'],
      ...issue,
    },
  };
}

/** Freezes a value deeply, so that any mutation by a check throws. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('checkDocument', () => {
  it('finds nothing in the imported sample', () => {
    const { document } = importPlainText(SAMPLE);
    expect(checkDocument(document, { hasGlyph: () => true })).toEqual([]);
  });

  it('finds nothing in a clean document and does not modify it', () => {
    const d = deepFreeze(doc([h(1, '深化活动主题。', '这次活动……'), p('正文。')]));
    expect(checkDocument(d, { hasGlyph: () => true })).toEqual([]);
  });

  it('reports characters the fonts lack, with the code point and where', () => {
    const d = doc([p('第一段。'), p('第二段。'), p('吉𠮷祥，𠮷。')]);
    const problems = checkDocument(d, { hasGlyph: (cp) => cp !== 0x20bb7 });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ severity: 'error', code: 'missing-glyph', path: 'articles[0].body[2].content', offset: 1 });
    expect(problems[0]!.message).toContain('第1篇文章第3段');
    expect(problems[0]!.message).toContain('缺字“𠮷”（U+20BB7）');
    expect(problems[0]!.message).toContain('共 2 处');
  });

  it('skips whitespace and does not check glyphs without hasGlyph', () => {
    const d = doc([p('甲　乙 丙。')]);
    expect(checkDocument(d, { hasGlyph: (cp) => cp !== 0x3000 && cp !== 0x20 })).toEqual([]);
    expect(checkDocument(doc([p('𠮷。')]))).toEqual([]);
  });

  it('checks the masthead, title and back matter for glyphs too', () => {
    const d = doc([p('正文。')], { editors: ['石韧'] }, { title: '𠮷的标题' });
    const paths = checkDocument(d, { hasGlyph: (cp) => cp !== 0x20bb7 && cp !== 0x97e7 }).map((x) => x.path);
    expect(paths).toEqual(['articles[0].title', 'editors[0]']);
  });

  it('reports half-width punctuation in Chinese text', () => {
    const d = doc([p('第一段。'), p('第二段。'), p('甲,乙。')]);
    const problems = checkDocument(d);
    expect(problems).toEqual([
      {
        severity: 'warning',
        code: 'halfwidth-punctuation',
        message: '第1篇文章第3段：半角逗号“,”应为全角“，”',
        path: 'articles[0].body[2].content',
        offset: 1,
      },
    ]);
  });

  it('reports half-width punctuation in the editor’s note and a heading', () => {
    const d = doc([h(1, '主题(一)。', '正文:如下。')], { editorNote: [[{ text: '按语;说明。' }]] });
    const problems = checkDocument(d);
    expect(problems.map((x) => [x.path, x.offset])).toEqual([
      ['editorNote[0]', 2],
      ['articles[0].body[0].content', 2],
      ['articles[0].body[0].content', 4],
      ['articles[0].body[0].body', 2],
    ]);
    expect(problems[0]!.message).toBe('编者按第1段：半角分号“;”应为全角“；”');
  });

  it('reports unpaired quotes and brackets within a paragraph', () => {
    const d = doc([p('他说“好。'), p('见《报告。'), p('（甲）乙）丙。'), p('don’t 中文。'), p('“引号‘嵌套’正确”。')]);
    const problems = checkDocument(d);
    expect(problems.map((x) => [x.code, x.path, x.offset])).toEqual([
      ['unpaired-quote', 'articles[0].body[0].content', 2],
      ['unpaired-bracket', 'articles[0].body[1].content', 1],
      ['unpaired-bracket', 'articles[0].body[2].content', 4],
    ]);
    expect(problems.every((x) => x.severity === 'error')).toBe(true);
    expect(problems[0]!.message).toBe('第1篇文章第1段：““”没有配对的“””');
    expect(problems[2]!.message).toBe('第1篇文章第3段：“）”前面没有配对的“（”');
  });

  it('unpairedMarks reports openers left inside a closed pair', () => {
    expect(unpairedMarks('（“甲）')).toEqual([[1, '“']]);
    expect(unpairedMarks('〔2000〕【甲】')).toEqual([]);
  });

  it('warns about a skipped heading level and typed-in numbers', () => {
    const d = doc([h(1, '总体情况'), h(4, '细节'), h(2, '组织'), h(3, '方案'), p('二、这一段应是小标题。'), h(1, '一、重复的序号')]);
    const problems = checkDocument(d);
    expect(problems.map((x) => [x.severity, x.code, x.path])).toEqual([
      ['warning', 'numbering-gap', 'articles[0].body[1]'],
      ['warning', 'numbering-gap', 'articles[0].body[4].content'],
      ['warning', 'numbering-gap', 'articles[0].body[5].content'],
    ]);
    expect(problems[0]!.message).toBe('第1篇文章第2段：小标题从“一、”级直接跳到了“（1）”级，中间缺少“（一）”级');
    expect(problems[1]!.message).toContain('“二、”');
    expect(problems[2]!.message).toContain('“一、”');
  });

  it('does not warn for a first heading below level 1 or for numbers inside text', () => {
    expect(checkDocument(doc([h(2, '组织'), p('3.4万名代表参加。'), p('2021年工作。')]))).toEqual([]);
  });

  it('reports missing and invalid fields as errors', () => {
    const bad = doc([p('正文。')], { number: 0, date: '2021-02-30', totalNumber: -1 });
    expect(checkDocument(bad).map((x) => [x.severity, x.code, x.path])).toEqual([
      ['error', 'missing-field', 'number'],
      ['error', 'missing-field', 'totalNumber'],
      ['error', 'missing-field', 'date'],
    ]);
    expect(checkDocument(doc([], { articles: [] })).map((x) => x.path)).toEqual(['articles']);
    const emptyArticle = doc([p('  ')], {}, { title: '' });
    expect(checkDocument(emptyArticle).map((x) => [x.code, x.path])).toEqual([
      ['missing-field', 'articles[0].title'],
      ['empty-article', 'articles[0].body'],
    ]);
    expect(checkDocument(emptyArticle)[0]!.message).toBe('第1篇文章没有标题');
  });

  it('warns about a missing unit, editors and distribution, after the errors', () => {
    const d: BulletinDocument = {
      ...doc([p('正文。')], { editors: [], distribution: [], number: 0 }),
      publication: { ...defaultProfile(), unit: '' },
    };
    expect(checkDocument(d).map((x) => [x.severity, x.path])).toEqual([
      ['error', 'number'],
      ['warning', 'publication.unit'],
      ['warning', 'editors'],
      ['warning', 'distribution'],
    ]);
  });

  it('writes every message in Chinese', () => {
    const d = doc([h(1, '甲'), h(3, '乙,丙'), p('“丁'), p('')], { number: 0, date: 'x' }, { title: '' });
    for (const problem of checkDocument(d, { hasGlyph: () => false })) {
      expect(problem.message).toMatch(/\p{Script=Han}/u);
    }
  });
});
