import { describe, expect, it } from 'vitest';
import type { BulletinDocument } from '../../core/model/document.js';
import { fieldMatches, replaceNextInFields } from '../../core/model/replace-in-fields.js';

function doc(): BulletinDocument {
  return {
    issue: {
      editorNote: [[{ text: '长沙' }]],
      articles: [
        { title: '长沙长沙', contributor: '长沙市', body: [] },
        { title: '株洲', contributor: '', body: [] },
      ],
      distribution: [{ text: '长沙各区' }],
    },
  } as unknown as BulletinDocument;
}

describe('replaceNextInFields', () => {
  it('steps through titles, 供稿 and 送 lines in order, one match a call, not touching the editors’ text', () => {
    const original = doc();
    expect(fieldMatches(original, { find: '长沙', replace: '' }).map((m) => m.label)).toEqual([
      '第1篇文章标题',
      '第1篇文章标题',
      '第1篇文章供稿单位',
      '第1组受文单位',
    ]);
    // A replacement holding the query is not found again.
    let r = replaceNextInFields(original, { find: '长沙', replace: '大长沙' });
    expect(r!.document.issue.articles[0]!.title).toBe('大长沙长沙');
    r = replaceNextInFields(r!.document, { find: '长沙', replace: '大长沙', from: r!.cursor });
    expect(r!.document.issue.articles[0]!.title).toBe('大长沙大长沙');
    r = replaceNextInFields(r!.document, { find: '长沙', replace: '大长沙', from: r!.cursor });
    expect(r!.match.label).toBe('第1篇文章供稿单位');
    r = replaceNextInFields(r!.document, { find: '长沙', replace: '大长沙', from: r!.cursor });
    expect(r!.document.issue.distribution[0]!.text).toBe('大长沙各区');
    expect(r!.document.issue.editorNote).toEqual(original.issue.editorNote);
    expect(replaceNextInFields(r!.document, { find: '长沙', replace: '大长沙', from: r!.cursor })).toBeUndefined();
    expect(original.issue.articles[0]!.title).toBe('长沙长沙');
  });
});
