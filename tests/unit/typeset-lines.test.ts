import { beforeAll, describe, expect, it } from 'vitest';
import { FaceSet } from '../../core/fonts/face-set.js';
import { DEFAULT_FONTS } from '../../core/model/profile.js';
import { breakLines, type Line } from '../../core/typeset/lines.js';
import { flowLines } from '../../core/typeset/pages.js';
import { BLACK, STANDARD } from '../../core/typeset/preset.js';
import { NOT_AT_LINE_END, NOT_AT_LINE_START } from '../../core/typeset/rules/kinsoku.js';
import type { StyledBlock } from '../../core/typeset/styled.js';
import { breakTitle } from '../../core/typeset/title-break.js';
import { gridTracking } from '../../core/typeset/typeset.js';
import { toUnits, type Unit } from '../../core/typeset/units.js';
import { createFontFiles } from '../../services/font-files.js';

let faces: FaceSet;
beforeAll(() => {
  faces = new FaceSet(createFontFiles());
});

const tracking = () => gridTracking(STANDARD);
const cell = () => STANDARD.bodySize * (1 + tracking());

function units(text: string, size = 16): Unit[] {
  return toUnits([{ text, style: { role: 'body', bold: false, size, color: BLACK } }], {
    faces,
    fonts: DEFAULT_FONTS,
    source: 'test',
    missing: [],
  });
}

function body(text: string): Line[] {
  return breakLines(units(text), {
    width: STANDARD.width,
    firstIndent: 2 * cell(),
    hangIndent: 0,
    rightIndent: 0,
    align: 'justify',
    trackingEm: tracking(),
  });
}

const lineText = (l: Line) => l.placements.map((p) => p.unit.text).join('');
const rightEdge = (l: Line) => Math.max(...l.placements.map((p) => p.x + p.unit.advance));

describe('body lines on the GB/T 9704 grid', () => {
  it('fills 28 characters a line (26 after the first-line indent), flush right', () => {
    const lines = body('人'.repeat(26 + 28 * 3 + 5));
    expect(lines.map((l) => [...lineText(l)].length)).toEqual([26, 28, 28, 28, 5]);
    for (const l of lines.slice(0, -1)) expect(Math.abs(rightEdge(l) - STANDARD.width)).toBeLessThan(0.01);
    expect(lines[0]!.placements[0]!.x).toBeCloseTo(2 * cell(), 5);
    expect(lines[1]!.placements[0]!.x).toBe(0);
  });

  it('never starts a line with a closing mark nor ends one with an opening mark', () => {
    for (let shift = 0; shift < 30; shift++) {
      const text = '人'.repeat(shift) + '代表，“联系群众”。（长沙）《条例》、办实事！' + '人'.repeat(60);
      for (const l of body(text)) {
        const t = [...lineText(l)];
        expect(NOT_AT_LINE_START.has(t[0]!), `line starts with ${t[0]} (shift ${shift})`).toBe(false);
        expect(NOT_AT_LINE_END.has(t[t.length - 1]!), `line ends with ${t[t.length - 1]} (shift ${shift})`).toBe(false);
      }
    }
  });

  it('settles a comma at the start of a line by compression (29) or by pushing a character out (27)', () => {
    // No other mark on the line to compress: the last character goes down with the comma (推出).
    const pushed = body('人'.repeat(26) + '人'.repeat(28) + '，' + '人'.repeat(40));
    expect([...lineText(pushed[1]!)]).toHaveLength(27);
    expect(lineText(pushed[2]!).startsWith('人，')).toBe(true);
    // Two commas earlier on the line give up half an em each: the comma comes up (推入), 29 characters.
    const pulled = body('人'.repeat(26) + '人人，人人人，' + '人'.repeat(21) + '，' + '人'.repeat(40));
    expect([...lineText(pulled[1]!)]).toHaveLength(29);
    expect(lineText(pulled[1]!).endsWith('，')).toBe(true);
    for (const l of [pushed[1]!, pulled[1]!]) expect(Math.abs(rightEdge(l) - STANDARD.width)).toBeLessThan(0.01);
  });

  it('keeps —— and …… whole', () => {
    for (let shift = 0; shift < 4; shift++) {
      const lines = body('人'.repeat(24 + shift) + '——' + '人'.repeat(30) + '……' + '人'.repeat(10));
      for (const l of lines) {
        expect(lineText(l)).not.toMatch(/^—[^—]|[^—]—$/);
        expect(lineText(l)).not.toMatch(/^…[^…]|[^…]…$/);
      }
    }
  });

  it('puts a quarter em between Han characters and Latin letters or digits', () => {
    const [line] = breakLines(units('截至2021年'), {
      width: STANDARD.width, firstIndent: 0, hangIndent: 0, rightIndent: 0, align: 'justify', trackingEm: tracking(),
    });
    const [zhi, year, nian] = [line!.placements[1]!, line!.placements[2]!, line!.placements[3]!];
    expect(year.unit.text).toBe('2021');
    expect(year.x - (zhi.x + zhi.unit.advance)).toBeCloseTo(4, 5);
    expect(nian.x - (year.x + year.unit.advance)).toBeCloseTo(4, 5);
  });

  it('never leaves a single character on a paragraph\'s last line', () => {
    const lines = body('人'.repeat(26 + 28) + '完');
    const last = lines[lines.length - 1]!;
    expect([...lineText(last)].length).toBeGreaterThanOrEqual(2);
  });
});

describe('titles', () => {
  it('breaks between words, outside quotations, with balanced lines', () => {
    const title = '长沙市落实举措推进代表“联系群众办实事”活动';
    const u = units(title, 22);
    const starts = breakTitle(u, STANDARD.width);
    const lines = starts.map((s, i) => u.slice(s, starts[i + 1] ?? u.length).map((x) => x.text).join(''));
    expect(lines).toEqual(['长沙市落实举措推进代表', '“联系群众办实事”活动']);
  });

  it('keeps a short title on one line', () => {
    expect(breakTitle(units('代表工作简讯', 22), STANDARD.width)).toEqual([0]);
  });

  it('prefers a space the editor typed between two phrases', () => {
    const u = units('坚持以人民为中心的发展思想 扎实推进代表联系群众工作', 22);
    const starts = breakTitle(u, STANDARD.width);
    expect(starts).toHaveLength(2);
    expect(u.slice(0, starts[1]).map((x) => x.text).join('').trim()).toBe('坚持以人民为中心的发展思想');
  });
});

describe('page breaks', () => {
  const block = (kind: StyledBlock['kind'], extra: Partial<StyledBlock> = {}): StyledBlock => ({
    kind, runs: [], align: 'justify', firstIndent: 2, rightIndent: 0, spaceBefore: 0, spaceAfter: 0,
    keepWithNext: kind === 'heading' || kind === 'title', source: kind, ...extra,
  });
  const lines = (n: number): Line[] => Array.from({ length: n }, (_, i) => ({ placements: [], last: i === n - 1 }));

  it('moves a paragraph whose first line would stand alone at the foot', () => {
    const preset = { ...STANDARD, mastheadLines: 0 };
    const slots = flowLines([{ block: block('paragraph'), lines: lines(21) }, { block: block('paragraph', { source: 'b' }), lines: lines(5) }], preset);
    const b = slots.filter((s) => s.block.source === 'b');
    expect(b.every((s) => s.page === 1)).toBe(true);
  });

  it('never leaves a last line alone at the head of a page', () => {
    const preset = { ...STANDARD, mastheadLines: 0 };
    const slots = flowLines([{ block: block('paragraph'), lines: lines(10) }, { block: block('paragraph', { source: 'b' }), lines: lines(13) }], preset);
    const b = slots.filter((s) => s.block.source === 'b');
    expect(b.filter((s) => s.page === 1).length).toBeGreaterThanOrEqual(2);
    expect(b.filter((s) => s.page === 0).length).toBeGreaterThanOrEqual(2);
  });

  it('keeps a heading with the first two lines of what follows', () => {
    const preset = { ...STANDARD, mastheadLines: 0 };
    const slots = flowLines(
      [{ block: block('paragraph'), lines: lines(20) }, { block: block('heading', { source: 'h' }), lines: lines(1) }, { block: block('paragraph', { source: 'p' }), lines: lines(6) }],
      preset,
    );
    expect(slots.find((s) => s.block.source === 'h')!.page).toBe(1);
    expect(slots.filter((s) => s.page === 0)).toHaveLength(20);
  });
});
