/** Tables in articles (issue 12 point 4): column widths, rows on the grid, page breaks between rows with the header repeated. */
import { describe, expect, it } from 'vitest';
import { tableOf } from '../../core/model/table.js';
import { linePitch, STANDARD } from '../../core/typeset/preset.js';
import { fitRows, TABLE_RULES, tableTextSize } from '../../core/typeset/table-block.js';
import { columnWidths, toFractions } from '../../core/typeset/table-widths.js';
import { planPages } from '../../core/typeset/page-plan.js';
import { typeset } from '../../core/typeset/typeset.js';
import { createTypesetter } from '../../services/typesetter.js';
import { figuresTable, sampleWithTable, TABLE_HEADER } from '../helpers/table-issue.js';

describe('column widths', () => {
  it('shares the room left in proportion to the natural widths when they fit', () => {
    const w = columnWidths([{ min: 20, natural: 40 }, { min: 20, natural: 120 }], 320);
    expect(w[0]).toBeCloseTo(80);
    expect(w[1]).toBeCloseTo(240);
  });
  it('keeps a narrow column on one line and gives the long ones the rest by how much more than their minimum they want', () => {
    const w = columnWidths([{ min: 30, natural: 40 }, { min: 20, natural: 420 }, { min: 20, natural: 220 }], 300);
    expect(w[0]).toBe(40);
    expect(w[0]! + w[1]! + w[2]!).toBeCloseTo(300);
    expect(w[1]).toBeCloseTo(20 + (400 / 600) * 220);
  });
  it('shares by minimums when even they do not fit', () => {
    expect(columnWidths([{ min: 100, natural: 200 }, { min: 300, natural: 400 }], 200)).toEqual([50, 150]);
  });
  it('uses dragged fractions as they are', () => {
    expect(columnWidths([{ min: 1, natural: 500 }, { min: 1, natural: 1 }], 400, [0.25, 0.75])).toEqual([100, 300]);
  });
  it('turns widths into fractions that sum to exactly 1', () => {
    const f = toFractions([1, 1, 1]);
    expect(f.reduce((a, b) => a + b, 0)).toBe(1);
    expect(f[0]).toBe(0.3333);
  });
});

describe('fitRows', () => {
  const table = { header: [], breaks: [3, 5, 8] };
  it('breaks at the last row boundary that fits', () => {
    expect(fitRows(table, { from: 0, room: 6, atTop: false })).toBe(5);
    expect(fitRows(table, { from: 5, room: 2, atTop: false })).toBe(0);
  });
  it('never leaves the header with the first row alone (no break before the first body row)', () => {
    expect(fitRows(table, { from: 0, room: 2, atTop: false })).toBe(0);
  });
  it('cuts a row taller than a page at the top of a page', () => {
    expect(fitRows(table, { from: 5, room: 2, atTop: true })).toBe(2);
  });
});

describe('a table in the layout', () => {
  const { faces } = createTypesetter();
  const pitch = linePitch(STANDARD);
  const top = STANDARD.top;

  it('draws the cells in 小四, rows on whole grid lines, and the text after it back on the grid', () => {
    const doc = sampleWithTable(tableOf([TABLE_HEADER, ['1', '一组', '12', '无']]));
    const { layout } = typeset(doc, { faces });
    const page = layout.pages.find((p) => p.texts.some((t) => t.source === 'articles[0].body[1]'))!;
    const cells = page.texts.filter((t) => t.source === 'articles[0].body[1]');
    expect(cells.map((t) => t.text).join('|')).toContain('序号');
    expect(new Set(cells.map((t) => t.size))).toEqual(new Set([tableTextSize(STANDARD)]));
    expect(tableTextSize(STANDARD)).toBe(12);
    const verticals = page.rules.filter((r) => r.y2 !== undefined);
    expect(verticals.length).toBe(2 * 5); // two rows × five edges
    for (const r of page.rules.filter((r) => r.thickness === TABLE_RULES.inner || r.y2 !== undefined)) {
      const y = r.y2 ?? r.y;
      expect(((y - top) / pitch) % 1).toBeCloseTo(0, 5);
    }
    const after = page.lines.filter((l) => l.source === 'articles[0].body[2]');
    const tableBottom = Math.max(...verticals.map((r) => r.y2!));
    const first = after[0]!;
    expect(first.baseline).toBeGreaterThan(tableBottom);
    // The next paragraph's first line sits on the slot right after the table.
    const slot = Math.floor((first.baseline - top) / pitch);
    expect(top + slot * pitch).toBeCloseTo(tableBottom, 5);
  });

  it('breaks a long table between rows and repeats the header row on the next page', () => {
    const doc = sampleWithTable(figuresTable(40));
    const { layout } = typeset(doc, { faces });
    const pagesWithTable = layout.pages.filter((p) => p.texts.some((t) => t.source === 'articles[0].body[1]'));
    expect(pagesWithTable.length).toBeGreaterThanOrEqual(2);
    for (const p of pagesWithTable) {
      const texts = p.texts.filter((t) => t.source === 'articles[0].body[1]').map((t) => t.text);
      expect(texts).toContain('单位名称');
      // The header's top rule is the page's table's first rule: nothing of the table above it.
      const header = p.texts.find((t) => t.text === '单位名称')!;
      const above = p.texts.filter((t) => t.source === 'articles[0].body[1]' && t.baseline < header.baseline - 1);
      expect(above).toEqual([]);
    }
    // Every body row is printed exactly once.
    const rows = layout.pages.flatMap((p) => {
      const second = p.texts.find((t) => t.text === '单位名称');
      return second ? p.texts.filter((t) => /^\d+$/.test(t.text) && t.x < second.x - 20).map((t) => Number(t.text)) : [];
    });
    expect(rows).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    // A row never splits: each row's vertical rules start and end on the same page (at least 2 rows per page).
    for (const p of pagesWithTable) {
      const vertical = p.rules.filter((r) => r.y2 !== undefined);
      for (const r of vertical) expect(r.y2! - r.y).toBeGreaterThan(pitch - 0.01);
      expect(Math.max(...vertical.map((r) => r.y2!))).toBeLessThanOrEqual(STANDARD.top + STANDARD.height + 0.01);
    }
  });

  it('uses dragged widths', () => {
    const doc = sampleWithTable(tableOf([TABLE_HEADER, ['1', '一组', '12', '无']], [0.1, 0.5, 0.2, 0.2]));
    const { layout } = typeset(doc, { faces });
    const page = layout.pages.find((p) => p.texts.some((t) => t.source === 'articles[0].body[1]'))!;
    const xs = [...new Set(page.rules.filter((r) => r.y2 !== undefined).map((r) => Math.round(r.x1 * 10) / 10))].sort((a, b) => a - b);
    expect(xs).toHaveLength(5);
    expect((xs[1]! - xs[0]!) / STANDARD.width).toBeCloseTo(0.1, 2);
    expect((xs[2]! - xs[1]!) / STANDARD.width).toBeCloseTo(0.5, 2);
  });
});

describe('the layout report of a table', () => {
  it('counts a table’s grid lines as used: no hole at a page ending in a table', () => {
    const { faces } = createTypesetter();
    const { report, layout } = typeset(sampleWithTable(figuresTable(26)), { faces });
    const tablePages = layout.pages.flatMap((p, i) => (p.texts.some((t) => t.source === 'articles[0].body[1]') ? [i] : []));
    expect(tablePages).toHaveLength(2);
    // The first page of the table ends with it (the rest goes over): its lines are counted.
    const first = report!.pages[tablePages[0]!]!;
    expect(first.hole).toBeLessThanOrEqual(1);
    expect(report!.orphans).toEqual([]);
    expect(report!.widows).toEqual([]);
  });
});

describe('a heading before a table', () => {
  it('goes to the next page with the table when the header and first row do not fit under it', () => {
    const line = (last = false) => ({ placements: [], last });
    const block = (kind: 'paragraph' | 'heading' | 'table', keepWithNext = false) => ({
      kind,
      runs: [],
      align: 'justify' as const,
      firstIndent: 0,
      rightIndent: 0,
      spaceBefore: 0,
      spaceAfter: 0,
      keepWithNext,
      source: kind,
    });
    const n = STANDARD.linesPerPage - STANDARD.mastheadLines - 3;
    const filler = { block: block('paragraph'), lines: Array.from({ length: n }, (_, i) => line(i === n - 1)) };
    const heading = { block: block('heading', true), lines: [line(true)] };
    // Header 1 line, first row 2 lines, second row 2 lines: the heading plus header and first row need 4 lines; 3 are left.
    const tableLines = [line(), line(), line(), line(), line(true)];
    const table = { block: block('table'), lines: tableLines, table: { header: tableLines.slice(0, 1), breaks: [3] } };
    const plan = planPages([filler, heading, table], STANDARD, { adjust: false });
    const pageOf = (source: string) => new Set(plan.slots.filter((s) => s.block.source === source).map((s) => s.page));
    expect([...pageOf('heading')]).toEqual([1]);
    expect([...pageOf('table')]).toEqual([1]);
  });
});
