/**
 * The punctuation table is the one home of what each rule knows about a mark: every consumer's set is derived
 * here from the table's rows and compared with what the consumer does, mark by mark.
 */
import { describe, expect, it } from 'vitest';
import { unpairedMarks } from '../../core/check/pairs.js';
import { checkPunctuation } from '../../core/check/punctuation.js';
import { endsParagraph, TITLE_BAD_END } from '../../core/import/body-reader.js';
import { headingPhraseEnd } from '../../core/model/heading-grammar.js';
import { defaultProfile } from '../../core/model/profile.js';
import { isFullwidthPunctuation } from '../../core/text/chars.js';
import { normalizePunctuation } from '../../core/text/punctuation.js';
import { MARKS, markOf, type Mark } from '../../core/text/punctuation-table.js';
import { canBreakBetween, NOT_AT_LINE_END, NOT_AT_LINE_START } from '../../core/typeset/rules/kinsoku.js';
import { punctuationPosition } from '../../core/typeset/rules/punctuation-width.js';
import { splitPieces } from '../../core/typeset/units.js';
import { pastedTextToBlocks } from '../../renderer/editor/clean-text.js';
import { blockInlines } from '../../core/model/block-text.js';

const FULL = MARKS.filter((m) => m.width === 'full');
const HALF = MARKS.filter((m) => m.width === 'half');
const chars = (marks: readonly Mark[]): string[] => marks.map((m) => m.char).sort();

describe('the punctuation table', () => {
  it('has one row per mark, each with a name, and partners that point back', () => {
    expect(new Set(MARKS.map((m) => m.char)).size).toBe(MARKS.length);
    for (const m of MARKS) {
      expect([...m.char], m.char).toHaveLength(1);
      expect(m.name, m.char).toMatch(/^\p{Script=Han}+$/u);
      if (m.pair) expect(markOf(m.pair)?.pair, m.char).toBe(m.char);
      if (m.partner && m.width === 'full') expect(markOf(m.partner)?.partner, m.char).toContain(m.char);
      if (m.partner && m.width === 'half') for (const p of m.partner) expect(markOf(p)?.partner, m.char).toBe(m.char);
      // Opening marks never end a line, closing ones never start one (clreq §3.1.7).
      if (m.cls === 'opening') expect([m.notAtLineEnd, m.notAtLineStart], m.char).toEqual([true, false]);
      if (['closing', 'pause', 'end'].includes(m.cls)) expect([m.notAtLineEnd, m.notAtLineStart], m.char).toEqual([false, true]);
    }
  });
});

describe('each consumer derives its set from the table', () => {
  it('kinsoku (core/typeset/rules/kinsoku.ts)', () => {
    expect([...NOT_AT_LINE_START].sort()).toEqual(chars(MARKS.filter((m) => m.notAtLineStart)));
    expect([...NOT_AT_LINE_END].sort()).toEqual(chars(MARKS.filter((m) => m.notAtLineEnd)));
    for (const m of MARKS) {
      expect(canBreakBetween('汉', m.char), `break before ${m.char}`).toBe(!m.notAtLineStart);
      expect(canBreakBetween(m.char, '汉'), `break after ${m.char}`).toBe(!m.notAtLineEnd);
    }
    expect(canBreakBetween('汉', '字')).toBe(true);
  });

  it('punctuation compression (core/typeset/rules/punctuation-width.ts)', () => {
    for (const m of MARKS) {
      const want = m.width === 'full' && m.compressible ? m.ink : undefined;
      expect(punctuationPosition(m.char), m.char).toBe(want);
    }
    expect(punctuationPosition('汉')).toBeUndefined();
  });

  it('the full-width cells of the grid (core/text/chars.ts, core/typeset/units.ts)', () => {
    for (const m of MARKS) {
      const onGrid = m.width === 'full' && m.cls !== 'symbol';
      expect(isFullwidthPunctuation(m.char), m.char).toBe(onGrid);
      expect(splitPieces(`汉${m.char}`)[1]?.cls ?? 'latin', m.char).toBe(onGrid ? 'punct' : 'latin');
    }
  });

  it('the importer: where a paragraph ends and what a title never ends with (core/import/body-reader.ts)', () => {
    for (const m of MARKS) {
      expect(endsParagraph(`正文${m.char}`), m.char).toBe(m.endsParagraph);
      expect(TITLE_BAD_END.has(m.char), m.char).toBe(m.cls === 'pause' || m.partner === '。' || m.char === '。');
    }
    expect(endsParagraph('正文')).toBe(false);
  });

  it('half-width to full-width: normalization, paste cleaning and 校对 (core/text/punctuation.ts)', () => {
    for (const m of HALF) {
      // Between Chinese text: "代表,群众"; the period at the end: "代表."; quotes and brackets around: "代表"群众"".
      const text = m.cls === 'end' && m.char === '.' ? `代表联络站${m.char}` : `代表${m.char}群众${m.cls === 'opening' ? m.pair : ''}`;
      const at = text.indexOf(m.char);
      const changed = normalizePunctuation(text).changes.find((c) => c.offset === at);
      if (m.normalize) {
        expect(m.partner, m.char).toContain(changed?.to);
        const pasted = blockInlines(pastedTextToBlocks(text)[0]!).map((r) => r.text).join('');
        expect(pasted[at], `paste ${m.char}`).toBe(changed?.to);
        const problems = checkPunctuation({
          publication: defaultProfile(),
          issue: {
            year: 2021, number: 1, date: '2021-06-02', editorNote: [], distribution: [], editors: [],
            articles: [{ title: '标题', body: [{ type: 'paragraph', content: [{ text }] }], contributor: '' }],
          },
        });
        expect(problems.find((p) => p.offset === at)?.message, `校对 ${m.char}`).toContain(`半角${m.name}“${m.char}”`);
      } else {
        expect(changed, m.char).toBeUndefined();
      }
    }
  });

  it('校对 pairs: every opening mark and its partner (core/check/pairs.ts)', () => {
    for (const m of FULL.filter((x) => x.cls === 'opening')) {
      expect(unpairedMarks(`${m.char}文`), m.char).toEqual([[0, m.char]]);
      expect(unpairedMarks(`${m.char}文${m.pair}`), m.char).toEqual([]);
      expect(unpairedMarks(`文${m.pair}`), m.pair).toEqual([[1, m.pair!]]);
    }
  });

  it('the heading phrase ends at a full-width sentence end (core/model/heading-grammar.ts)', () => {
    for (const m of MARKS) {
      const end = m.width === 'full' && m.cls === 'end';
      expect(headingPhraseEnd(`明确责任${m.char}每月`), m.char).toBe(end ? 5 : -1);
    }
  });
});
