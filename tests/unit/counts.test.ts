/** 字数 (core/model/counts.ts): characters without whitespace, labels and back matter not counted. */
import { describe, expect, it } from 'vitest';
import { articleCharCount, charCount, issueCharCount } from '../../core/model/counts.js';
import type { Issue } from '../../core/model/issue.js';
import { pageOfText, lineAt, type PreviewPageText } from '../../renderer/app/preview/preview-text.js';
import { pageWidth } from '../../renderer/app/preview/preview-zoom.js';

describe('counts', () => {
  it('counts characters as Word does without spaces; a supplementary character once', () => {
    expect(charCount('人大 代表\n联络')).toBe(6);
    expect(charCount('𠮷野家 PDF')).toBe(6);
    // Every kind of whitespace \s knows (no-break, ideographic, en/em spaces, separators, BOM) is left out.
    expect(charCount('\u00a0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\t\v\f\r 字')).toBe(1);
    // Zero-width space (not \s) and a lone surrogate count as characters, as Word's count and for…of do.
    expect(charCount('\u200b\ud800a\udc00')).toBe(4);
  });

  it('an article is its title and body (heading sentence and run-in text), the issue adds the 编者按', () => {
    const issue: Issue = {
      year: 2021,
      number: 9,
      date: '2021-06-02',
      editorNote: [[{ text: '按语' }, { text: '两段', bold: true }]],
      articles: [
        { title: '标题', contributor: '长沙市人大常委会', body: [{ type: 'heading', level: 1, content: [{ text: '主题。' }], body: [{ text: '正文' }] }] },
        { title: '', contributor: '', body: [{ type: 'paragraph', content: [{ text: 'a b' }] }] },
      ],
      distribution: [{ text: '各单位', copies: 3 }],
      editors: ['石韧'],
    };
    expect(articleCharCount(issue.articles[0]!)).toBe(7);
    expect(articleCharCount(issue.articles[1]!)).toBe(2);
    expect(issueCharCount(issue)).toBe(13);
    // The status bar's counter (remembering each article's count) gives the same total.
    const asked: string[] = [];
    expect(issueCharCount(issue, (a) => (asked.push(a.title), articleCharCount(a)))).toBe(13);
    expect(asked).toEqual(['标题', '']);
  });
});

describe('preview text and zoom', () => {
  const pages: PreviewPageText[] = [
    { page: 1, height: 842, lines: [{ y: 700, text: '甲乙丙' }, { y: 600, text: '丁戊' }], text: '甲乙丙丁戊' },
    { page: 2, height: 842, lines: [{ y: 700, text: '己庚' }], text: '己庚' },
  ];
  it('finds the page of a text, across a page break by the character asked for', () => {
    expect(pageOfText(pages, '乙丙')).toBe(1);
    expect(pageOfText(pages, '戊己庚')).toBe(2);
    expect(pageOfText(pages, '戊己庚', 0)).toBe(1);
    expect(pageOfText(pages, '辛')).toBeUndefined();
  });
  it('finds the line nearest a point', () => {
    // y from the page's top: the line at 600 pt is the lower one.
    expect(lineAt(pages[0]!, 610 / 842)?.text).toBe('丁戊');
    expect(lineAt(pages[0]!, 690 / 842)?.text).toBe('甲乙丙');
  });
  it('sizes pages for 整页, percentages and 适合宽度', () => {
    expect(pageWidth('width', { width: 500, height: 700 })).toBeUndefined();
    expect(pageWidth('page', { width: 500, height: 800 })).toBe(500);
    expect(pageWidth('page', { width: 500, height: 297 })).toBe(210);
    expect(pageWidth(100, { width: 500, height: 700 })).toBe(794);
  });
});
