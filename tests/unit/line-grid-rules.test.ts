/**
 * The rules that keep lines on the grid (issue 11 point 3; docs/layout-rules.md, Punctuation and Line breaking):
 * which marks a too-full line compresses (core/typeset/rules/punctuation-width.ts `compressionPlan`: adjacent
 * pairs first, clreq #adjustment_of_adjacent_punctuation_marks), which marks may hang past a line's end
 * (core/typeset/rules/hanging.ts, clreq #hanging_punctuation_marks_at_line_end), and how a line is set with them
 * (core/typeset/lines.ts `settleLine`, `setLines`). Named test issues: the sample (联络动态2021年第8期) and the
 * generated issues of tests/helpers/layout-issues.ts, measured in tests/integration/line-grid.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { FaceSet } from '../../core/fonts/face-set.js';
import { DEFAULT_FONTS } from '../../core/model/profile.js';
import { fitParagraph } from '../../core/typeset/line-fit.js';
import { setLines, settleLine, type LineOptions } from '../../core/typeset/lines.js';
import { BLACK, COMPACT, STANDARD } from '../../core/typeset/preset.js';
import { HANGING_MARKS, mayHang } from '../../core/typeset/rules/hanging.js';
import { compressionPlan } from '../../core/typeset/rules/punctuation-width.js';
import { gridTracking } from '../../core/typeset/typeset.js';
import { toUnits, type Unit } from '../../core/typeset/units.js';
import { createFontFiles } from '../../services/font-files.js';

let faces: FaceSet;
beforeAll(() => {
  faces = new FaceSet(createFontFiles());
});

const tracking = gridTracking(STANDARD);
/** The grid's pitch: 28 em boxes and 27 gaps of the grid's tracking fill the width. */
const cell = (STANDARD.width - STANDARD.bodySize) / (STANDARD.charsPerLine - 1);
const opts = (hangingPunctuation: boolean): LineOptions => ({
  width: STANDARD.width,
  firstIndent: 0,
  hangIndent: 0,
  rightIndent: 0,
  align: 'justify',
  trackingEm: tracking,
  hangingPunctuation,
});
function units(text: string): Unit[] {
  return toUnits([{ text, style: { role: 'body', bold: false, size: 16, color: BLACK } }], { faces, fonts: DEFAULT_FONTS, source: 'test', missing: [] });
}
/** Whether every Han character of a placed line starts a whole number of cells from the left edge. */
const onGrid = (xs: readonly { unit: Unit; x: number }[]) =>
  xs.filter((p) => p.unit.cls === 'han').every((p) => Math.abs(p.x / cell - Math.round(p.x / cell)) * cell < 0.05);

describe('compressionPlan (rules/punctuation-width.ts)', () => {
  it('takes two adjacent marks first: nothing leaves the grid', () => {
    expect(compressionPlan([3, 10, 11, 20], 29, 2)).toEqual({ picked: [10, 11], offGrid: 0 });
  });

  it('else the two marks closest together, the units between them half a cell off', () => {
    expect(compressionPlan([3, 10, 14, 27], 29, 2)).toEqual({ picked: [10, 14], offGrid: 3 });
  });

  it('takes two pairs for two cells, and the last mark for an odd half', () => {
    expect(compressionPlan([1, 2, 8, 15, 16], 30, 4)).toEqual({ picked: [1, 2, 15, 16], offGrid: 0 });
    expect(compressionPlan([4, 20], 25, 1)).toEqual({ picked: [20], offGrid: 4 });
  });

  it('is undefined when the line has too few marks', () => {
    expect(compressionPlan([5], 29, 2)).toBeUndefined();
    expect(compressionPlan([], 29, 1)).toBeUndefined();
  });
});

describe('hanging punctuation (rules/hanging.ts)', () => {
  it('hangs only the full-width pause and stop marks (点号)', () => {
    expect([...HANGING_MARKS].sort()).toEqual([...'、。！，：；？'].sort());
    for (const mark of ['”', '）', '》', '“', '——', '…', '·', ',']) expect(mayHang(mark), mark).toBe(false);
    expect(STANDARD.hangingPunctuation).toBe(true);
    expect(COMPACT.hangingPunctuation).toBe(true);
  });

  it('a line of 28 characters and a comma: the comma hangs, every character in its cell', () => {
    const text = `${'一二三四五六七八九十'.repeat(2)}甲乙丙丁戊己庚辛，下一行`;
    const u = units(text);
    const [line] = setLines(u, [{ start: 0, end: 29 }, { start: 29, end: u.length }], opts(true));
    const comma = line!.placements[28]!;
    expect(comma.unit.text).toBe('，');
    expect(comma.x).toBeGreaterThanOrEqual(STANDARD.width - 0.5);
    expect(comma.x).toBeLessThan(STANDARD.width + 0.5);
    const last = line!.placements[27]!;
    expect(last.x + last.unit.advance).toBeCloseTo(STANDARD.width, 1);
    expect(onGrid(line!.placements)).toBe(true);
    expect(settleLine(u, { start: 0, end: 29 }, cell, { trackingEm: tracking, hangingPunctuation: true, pure: true })?.hang).toBe(true);
  });

  it('without hanging, the same line compresses two marks and some characters leave the grid', () => {
    const text = `一二三、四五六七八九十${'一二三四五六七八九十'}甲乙丙丁戊己庚，下一行`;
    const u = units(text);
    const [line] = setLines(u, [{ start: 0, end: 29 }, { start: 29, end: u.length }], opts(false));
    const last = line!.placements[28]!;
    expect(last.unit.text).toBe('，');
    expect(last.x).toBeLessThan(STANDARD.width);
    expect(onGrid(line!.placements)).toBe(false);
  });

  it('adjacent marks compressed together keep every character in its cell, before any hanging', () => {
    const text = `一二三四五六七八九十一二“三四”，五六七八九十甲乙丙丁戊己庚辛下一行`;
    const u = units(text);
    const settled = settleLine(u, { start: 0, end: 29 }, cell, { trackingEm: tracking, hangingPunctuation: true, pure: true });
    expect(settled?.hang).toBe(false);
    expect(settled?.plan.offGrid).toBe(0);
    const [line] = setLines(u, [{ start: 0, end: 29 }, { start: 29, end: u.length }], opts(true));
    expect(onGrid(line!.placements)).toBe(true);
  });

  it('a paragraph whose lines would start with a comma keeps them all on the grid by hanging', () => {
    // Every 28th character is followed by a comma: each line takes the comma as a hanging mark.
    const clause = `${'代表联系群众工作机制'.repeat(2)}健全完善扎实推进`;
    const text = `${clause.slice(2)}，${clause}，${clause}，${clause}。`;
    const u = units(text);
    const lines = setLines(u, fitParagraph(u, { ...opts(true), firstIndent: 2 * cell }, 1500).natural.ranges, { ...opts(true), firstIndent: 2 * cell });
    for (const l of lines.slice(0, -1)) {
      const chars = l.placements.map((p) => p.unit.text).join('');
      expect(onGrid(l.placements), chars).toBe(true);
      expect(mayHang(chars.at(-1)!), chars).toBe(true);
    }
  });
});
