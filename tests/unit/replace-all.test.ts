/** 全部替换 over an issue (core/model/replace-all.ts): every field the editor types, runs and emphasis kept. */
import { describe, expect, it } from 'vitest';
import type { BulletinDocument } from '../../core/model/document.js';
import { replaceAllInIssue, replaceInInlines } from '../../core/model/replace-all.js';
import { defaultProfile } from '../../core/model/profile.js';
import { blockInlines } from '../../core/model/block-text.js';

const doc: BulletinDocument = {
  publication: defaultProfile(),
  issue: {
    year: 2021,
    number: 9,
    date: '2021-06-02',
    editorNote: [[{ text: '现将长沙市的做法刊发。' }]],
    articles: [
      {
        title: '长沙市开展活动月',
        contributor: '长沙市人大常委会',
        body: [
          { type: 'heading', level: 1, content: [{ text: '长沙市' }, { text: '做法', bold: true }], body: [{ text: '长沙市代表走访。' }] },
          { type: 'paragraph', content: [{ text: 'PDF 与 pdf，长沙' }, { text: '市', bold: true }] },
        ],
      },
    ],
    distribution: [{ text: '长沙市人大常委会', copies: 2 }],
    editors: ['长沙市'],
  },
};

describe('replaceAllInIssue', () => {
  it('replaces in the note, titles, headings and run-in text, bodies, 供稿 and 送 lines, and counts', () => {
    const { document, count } = replaceAllInIssue(doc, { find: '长沙市', replace: '株洲市' });
    expect(count).toBe(7);
    const issue = document.issue;
    expect(issue.editorNote[0]).toEqual([{ text: '现将株洲市的做法刊发。' }]);
    expect(issue.articles[0]!.title).toBe('株洲市开展活动月');
    expect(issue.articles[0]!.contributor).toBe('株洲市人大常委会');
    expect(issue.articles[0]!.body[0]).toEqual({ type: 'heading', level: 1, content: [{ text: '株洲市' }, { text: '做法', bold: true }], body: [{ text: '株洲市代表走访。' }] });
    // A match across runs takes the first character's emphasis.
    expect(blockInlines(issue.articles[0]!.body[1]!)).toEqual([{ text: 'PDF 与 pdf，株洲市' }]);
    expect(issue.distribution[0]!.text).toBe('株洲市人大常委会');
    // 责任编辑 are names, not text of the issue: untouched. The input is not changed.
    expect(issue.editors).toEqual(['长沙市']);
    expect(doc.issue.articles[0]!.title).toBe('长沙市开展活动月');
  });

  it('matches Latin letters regardless of case unless asked; nothing found gives the same document', () => {
    expect(replaceAllInIssue(doc, { find: 'pdf', replace: 'PDF' }).count).toBe(2);
    expect(replaceAllInIssue(doc, { find: 'pdf', replace: 'PDF', caseSensitive: true }).count).toBe(1);
    const none = replaceAllInIssue(doc, { find: '岳阳', replace: '常德' });
    expect(none).toEqual({ document: doc, count: 0 });
    expect(none.document).toBe(doc);
  });

  it('keeps emphasis around a replacement and merges equal runs', () => {
    const r = replaceInInlines([{ text: '甲乙' }, { text: '丙丁', bold: true }], { find: '乙丙', replace: '戊' });
    expect(r).toEqual({ inlines: [{ text: '甲戊' }, { text: '丁', bold: true }], count: 1 });
  });
});
