/**
 * Article titles break between words — Intl.Segmenter's words, with the set phrases of
 * core/typeset/rules/set-phrases.ts kept whole — never inside a quotation, with balanced lines
 * (docs/layout-rules.md, Titles).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { FaceSet } from '../../core/fonts/face-set.js';
import { DEFAULT_FONTS } from '../../core/model/profile.js';
import { MARKS } from '../../core/text/punctuation-table.js';
import { BLACK, STANDARD } from '../../core/typeset/preset.js';
import { insideSetPhrases, SET_PHRASES } from '../../core/typeset/rules/set-phrases.js';
import { breakTitle, titleBreaks } from '../../core/typeset/title-break.js';
import { toUnits, type Unit } from '../../core/typeset/units.js';
import { createFontFiles } from '../../services/font-files.js';

let faces: FaceSet;
beforeAll(() => {
  faces = new FaceSet(createFontFiles());
});

function titleUnits(text: string): Unit[] {
  return toUnits([{ text, style: { role: 'title', bold: false, size: STANDARD.titleSize, color: BLACK } }], {
    faces,
    fonts: DEFAULT_FONTS,
    source: 'title',
    missing: [],
  });
}

function lines(text: string): string[] {
  const u = titleUnits(text);
  const starts = breakTitle(u, STANDARD.width);
  return starts.map((s, i) => u.slice(s, starts[i + 1] ?? u.length).map((x) => x.text).join('').trim());
}

/** Titles of the shape the bulletin prints, long enough to take two lines. */
const TITLES = [
  '岳阳市推进代表联络站提质增效打通联系群众最后一公里',
  '长沙市落实举措推进代表“联系群众办实事”活动',
  '常德市人大常委会扎实开展“我为群众办实事”实践活动',
  '株洲市坚持守正创新推动代表联络站建设走深走实取得实效',
  '湘潭市人大常委会聚焦高质量发展开展代表主题活动',
  '怀化市推动闭会期间代表活动常态化制度化规范化',
];

describe('title breaks', () => {
  it('never splits 提质增效 (the title of issue 19)', () => {
    expect(lines('岳阳市推进代表联络站提质增效打通联系群众最后一公里')).toEqual([
      '岳阳市推进代表联络站提质增效',
      '打通联系群众最后一公里',
    ]);
  });

  it.each(TITLES)('%s: between words, outside quotations, balanced', (title) => {
    const got = lines(title);
    expect(got.length).toBeGreaterThanOrEqual(2);
    expect(got.join('')).toBe(title);
    const words = new Set([...new Intl.Segmenter('zh', { granularity: 'word' }).segment(title)].map((s) => s.index));
    const phrases = insideSetPhrases(title);
    let at = 0;
    for (const line of got.slice(0, -1)) {
      at += line.length;
      expect(words.has(at), `${title}: break at ${at} inside a word`).toBe(true);
      expect(phrases.has(at), `${title}: break at ${at} inside a set phrase`).toBe(false);
      const before = title.slice(0, at);
      const opened = [...before].filter((c) => c === '“' || c === '《').length;
      const closed = [...before].filter((c) => c === '”' || c === '》').length;
      expect(opened, `${title}: break inside a quotation`).toBe(closed);
    }
    // Balanced: an upper line is never more than one character shorter than the line below it.
    for (let i = 1; i < got.length; i++) expect([...got[i - 1]!].length + 1, got.join(' / ')).toBeGreaterThanOrEqual([...got[i]!].length);
  });

  it('knows a break inside each quotation mark and bracket of the punctuation table', () => {
    for (const open of MARKS.filter((m) => m.width === 'full' && m.cls === 'opening')) {
      const breaks = titleBreaks(titleUnits(`代表${open.char}联系群众${open.pair}活动`));
      const inside = breaks.filter((b) => b.insideQuote).map((b) => b.index);
      expect(inside.length, open.char).toBeGreaterThan(0);
      expect(Math.min(...inside), open.char).toBeGreaterThanOrEqual(3);
      expect(Math.max(...inside), open.char).toBeLessThanOrEqual(7);
    }
  });

  it('breaks inside a quotation, then inside a word, only when nothing else fits', () => {
    // Every break of this title is inside the quotation: it breaks there, still between words.
    const quoted = '“坚持以人民为中心的发展思想扎实推进代表联系群众工作提质增效”';
    const got = lines(quoted);
    expect(got.length).toBeGreaterThanOrEqual(2);
    expect(got.join('')).toBe(quoted);
    const at = got[0]!.length;
    expect(new Set([...new Intl.Segmenter('zh', { granularity: 'word' }).segment(quoted)].map((x) => x.index)).has(at)).toBe(true);
    expect(insideSetPhrases(quoted).has(at)).toBe(false);
    // One long word and nothing else: it must break inside it.
    const word = '中华人民共和国全国人民代表大会常务委员会办公厅联络局';
    expect(lines(word).join('')).toBe(word);
  });

  it('keeps every set phrase of the list whole in a title built around it', () => {
    for (const phrase of SET_PHRASES) {
      const title = `湖南省人大常委会推动各地${phrase}工作扎实开展并取得良好成效`;
      const got = lines(title);
      let at = 0;
      const inside = insideSetPhrases(title);
      for (const line of got.slice(0, -1)) {
        at += line.length;
        expect(inside.has(at), `${title} → ${got.join(' / ')}`).toBe(false);
      }
    }
  });
});
