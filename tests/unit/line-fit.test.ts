/**
 * Line breaking of whole paragraphs (core/typeset/line-fit.ts): pure Chinese lines on the 28-cell grid, a Latin
 * word or number of any length at a line's end absorbed without leaving a Chinese line short, no gap wider than a
 * quarter cell in a line with Latin or digits, every line but the last flush right, and the tightened and
 * loosened arrangements one line shorter and longer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { FaceSet } from '../../core/fonts/face-set.js';
import { DEFAULT_FONTS } from '../../core/model/profile.js';
import { fitParagraph } from '../../core/typeset/line-fit.js';
import { setLines, type Line, type LineOptions } from '../../core/typeset/lines.js';
import { BLACK, STANDARD } from '../../core/typeset/preset.js';
import { MAX_SPREAD_PER_GAP, PARAGRAPH_ADJUSTMENT } from '../../core/typeset/rules/adjustment.js';
import { NOT_AT_LINE_END, NOT_AT_LINE_START } from '../../core/typeset/rules/kinsoku.js';
import { gridTracking } from '../../core/typeset/typeset.js';
import { toUnits, type Unit } from '../../core/typeset/units.js';
import { createFontFiles } from '../../services/font-files.js';
import { LATIN_WORDS, sentences } from '../helpers/layout-issues.js';

let faces: FaceSet;
beforeAll(() => {
  faces = new FaceSet(createFontFiles());
});

const tracking = () => gridTracking(STANDARD);
const cell = () => STANDARD.bodySize * (1 + tracking());
const opts = (): LineOptions => ({
  width: STANDARD.width,
  firstIndent: 2 * cell(),
  hangIndent: 0,
  rightIndent: 0,
  align: 'justify',
  trackingEm: tracking(),
});

function units(text: string): Unit[] {
  return toUnits([{ text, style: { role: 'body', bold: false, size: 16, color: BLACK } }], {
    faces,
    fonts: DEFAULT_FONTS,
    source: 'test',
    missing: [],
  });
}

function fit(text: string) {
  const u = units(text);
  const f = fitParagraph(u, opts(), PARAGRAPH_ADJUSTMENT.maxSaveCost);
  const set = (ranges: readonly { start: number; end: number }[]) => setLines(u, ranges, opts());
  return { natural: set(f.natural.ranges), tight: f.tight && set(f.tight.ranges), loose: f.loose && set(f.loose.ranges) };
}

const lineText = (l: Line) => l.placements.map((p) => p.unit.text).join('');
/**
 * Where a line's last box ends: a glyph's advance, or for a mark at the end whose ink sits in the left half and
 * that gave up its empty half (compressed), half a cell (its box) from where it is drawn.
 */
function rightEdge(l: Line): number {
  const p = l.placements[l.placements.length - 1]!;
  const full = p.x + p.unit.advance;
  const half = p.x + p.unit.size - 0.5 * cell();
  return p.unit.punct === 'left' && Math.abs(half - STANDARD.width) < Math.abs(full - STANDARD.width) ? half : full;
}
const pure = (l: Line) => l.placements.every((p) => p.unit.cells > 0);
/** Cells a pure Chinese line takes, the first line's indent included. */
const cells = (l: Line, i: number) => l.placements.reduce((n, p) => n + p.unit.cells, 0) + (i === 0 ? 2 : 0);
/** The widest extra space between two neighbouring units of a line, in cells, over their natural spacing. */
function widestExtra(l: Line): number {
  let widest = 0;
  for (let k = 1; k < l.placements.length; k++) {
    const a = l.placements[k - 1]!;
    const b = l.placements[k]!;
    const aBox = a.unit.cells > 0 ? a.unit.size : a.unit.advance;
    const aLeft = a.unit.cells > 0 && a.unit.punct !== 'left' ? a.x - (aBox - a.unit.advance) / (a.unit.punct === 'right' ? 1 : 2) : a.x;
    const bLeft = b.unit.cells > 0 && b.unit.punct !== 'left' ? b.x - (b.unit.size - b.unit.advance) / (b.unit.punct === 'right' ? 1 : 2) : b.x;
    const natural = a.unit.cells > 0 && b.unit.cells > 0 ? tracking() * 16 : a.unit.cells > 0 || b.unit.cells > 0 ? 0.25 * 16 : 0;
    widest = Math.max(widest, (bLeft - (aLeft + aBox) - natural) / cell());
  }
  return widest;
}

describe('paragraph line breaking (line-fit)', () => {
  it('keeps pure Chinese lines at exactly 28 cells, flush right, and breaks no prohibition', () => {
    const { natural } = fit(sentences(0, 8));
    natural.slice(0, -1).forEach((l, i) => {
      expect(Math.abs(rightEdge(l) - STANDARD.width), lineText(l)).toBeLessThan(0.05);
      const t = [...lineText(l)];
      expect(NOT_AT_LINE_START.has(t[0]!)).toBe(false);
      expect(NOT_AT_LINE_END.has(t[t.length - 1]!)).toBe(false);
      if (pure(l)) expect(Math.abs(cells(l, i) - 28), lineText(l)).toBeLessThanOrEqual(1);
    });
    const exact = natural.slice(0, -1).filter((l, i) => pure(l) && cells(l, i) === 28).length;
    expect(exact / natural.slice(0, -1).filter(pure).length).toBeGreaterThanOrEqual(0.85);
  });

  it.each(LATIN_WORDS.filter((w) => w.length <= 9))('“%s” at every position near a line end leaves no Chinese line short', (word) => {
    for (let at = 20; at < 30; at++) {
      // Real sentences (with their punctuation) up to the word, which lands `at` cells into the second line.
      let lead = sentences(5, 2).slice(0, 26 + at);
      while (!/\p{Script=Han}$/u.test(lead)) lead = lead.slice(0, -1);
      const text = `${lead}${word}${sentences(3, 2)}`;
      const { natural } = fit(text);
      natural.slice(0, -1).forEach((l, i) => {
        const where = `${word} at ${at}, line ${i + 1}: ${lineText(l)}`;
        expect(Math.abs(rightEdge(l) - STANDARD.width), where).toBeLessThan(0.05);
        if (pure(l)) expect(cells(l, i), where).toBeGreaterThanOrEqual(27);
        else expect(widestExtra(l), where).toBeLessThanOrEqual(MAX_SPREAD_PER_GAP + 0.01);
      });
    }
  });

  it('gives arrangements one line shorter and one line longer where the allowances permit', () => {
    let tight = 0;
    let loose = 0;
    for (let s = 0; s < 30; s++) {
      const f = fit(sentences(s, 3));
      if (f.tight) {
        tight++;
        expect(f.tight.length).toBe(f.natural.length - 1);
        for (const l of f.tight.slice(0, -1)) expect(Math.abs(rightEdge(l) - STANDARD.width), `${s} tight: ${f.tight.map(lineText).join('|')}`).toBeLessThan(0.05);
      }
      if (f.loose) {
        loose++;
        expect(f.loose.length).toBe(f.natural.length + 1);
        for (const l of f.loose.slice(0, -1)) expect(Math.abs(rightEdge(l) - STANDARD.width), `${s} loose: ${f.loose.map(lineText).join('|')}`).toBeLessThan(0.05);
      }
    }
    expect(tight).toBeGreaterThan(0);
    expect(loose).toBeGreaterThan(0);
  });
});
