/**
 * Every half-width mark the punctuation table converts, typed after Han text, after a closing bracket and after
 * a closing quote, at the end of a paragraph and before more Chinese text, is converted by paste cleaning and
 * by import and reported by 校对 — the three paths read one table and one normalization, so they cannot drift.
 * The two cases the issue names are checked by name.
 */
import { describe, expect, it } from 'vitest';
import { checkDocument } from '../../core/check/index.js';
import { importPlainText } from '../../core/import/plain-text.js';
import type { BulletinDocument } from '../../core/model/document.js';
import { inlineText } from '../../core/model/inline.js';
import { defaultProfile } from '../../core/model/profile.js';
import { MARKS } from '../../core/text/punctuation-table.js';
import { pastedTextToBlocks } from '../../renderer/editor/clean-text.js';
import { blockInlines } from '../../core/model/block-text.js';

const CONVERTED = MARKS.filter((m) => m.width === 'half' && m.normalize);

/** What comes before the mark: Han text, a closing bracket, a closing quote (typed full- or half-width). */
const BEFORE = [
  { name: 'after Han text', text: '推进代表联络站建设' },
  { name: 'after a closing bracket', text: '全市建成联络站（含社区站6个）' },
  { name: 'after a half-width closing bracket', text: '全市建成联络站(含社区站6个)' },
  { name: 'after a closing quote', text: '联络站是“连心桥”' },
  { name: 'after a half-width closing quote', text: '联络站是"连心桥"' },
] as const;

/** What comes after it: nothing (the paragraph ends), or more Chinese text. */
const AFTER = [
  { name: 'at the end of the paragraph', text: '' },
  { name: 'before more text', text: '群众满意' },
] as const;

function paragraphDoc(text: string): BulletinDocument {
  return {
    publication: defaultProfile(),
    issue: {
      year: 2021,
      number: 8,
      date: '2021-06-02',
      editorNote: [],
      distribution: [],
      editors: [],
      articles: [{ title: '标题', body: [{ type: 'paragraph', content: [{ text }] }], contributor: '' }],
    },
  };
}

/** The cases: the paragraph, the mark's offset, the full-width forms it may become. */
function cases(): { label: string; text: string; at: number; to: string }[] {
  const out: { label: string; text: string; at: number; to: string }[] = [];
  for (const mark of CONVERTED) {
    for (const before of BEFORE) {
      for (const after of AFTER) {
        // A period before more text is a sentence end only when Chinese follows directly; "." then "群众" is that.
        const text = `${before.text}${mark.char}${after.text}`;
        out.push({ label: `"${mark.char}" ${before.name} ${after.name}`, text, at: before.text.length, to: mark.partner! });
      }
    }
  }
  return out;
}

describe('every half-width mark after Chinese text, a closing bracket or a closing quote', () => {
  const all = cases();

  it('is converted by paste cleaning', () => {
    const wrong: string[] = [];
    for (const c of all) {
      const pasted = inlineText(blockInlines(pastedTextToBlocks(c.text)[0]!));
      if (!c.to.includes(pasted[c.at]!)) wrong.push(`${c.label}: ${pasted}`);
    }
    expect(wrong).toEqual([]);
  });

  it('is converted by import', () => {
    const wrong: string[] = [];
    for (const c of all) {
      const { document } = importPlainText(`标题在这里\n${c.text}\n`, { today: '2021-06-02' });
      const body = inlineText(blockInlines(document.issue.articles[0]!.body[0]!));
      if (!c.to.includes(body[c.at]!)) wrong.push(`${c.label}: ${body}`);
    }
    expect(wrong).toEqual([]);
  });

  it('is reported by 校对 when typed', () => {
    const missed: string[] = [];
    for (const c of all) {
      const problems = checkDocument(paragraphDoc(c.text)).filter((p) => p.code === 'halfwidth-punctuation');
      if (!problems.some((p) => p.offset === c.at)) missed.push(c.label);
    }
    expect(missed).toEqual([]);
  });

  it('covers the cases the issue names', () => {
    expect(inlineText(blockInlines(pastedTextToBlocks('全市建成联络站（含社区站6个）.')[0]!))).toBe('全市建成联络站（含社区站6个）。');
    const imported = importPlainText('标题在这里\n全市建成联络站（含社区站6个）.\n', { today: '2021-06-02' });
    expect(inlineText(blockInlines(imported.document.issue.articles[0]!.body[0]!))).toBe('全市建成联络站（含社区站6个）。');
    const text = '开展“双联系”活动,联络站成为代表联系群众的“连心桥”.';
    const problems = checkDocument(paragraphDoc(text)).filter((p) => p.code === 'halfwidth-punctuation');
    expect(problems.map((p) => p.offset)).toEqual([text.indexOf(','), text.lastIndexOf('.')]);
    expect(problems[1]!.message).toBe('第1篇文章第1段：半角句点“.”应为全角“。”');
  });

  it('leaves numbers, file names and Latin text alone', () => {
    for (const text of ['走访群众3.4万余名', '见附件报告.docx', '上午10:30开会', 'He said "ok", twice.']) {
      expect(checkDocument(paragraphDoc(text)).filter((p) => p.code === 'halfwidth-punctuation'), text).toEqual([]);
    }
  });
});
