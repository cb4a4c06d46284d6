/**
 * Page breaking that fills pages (core/typeset/page-plan.ts) and pulls a short last page back
 * (core/typeset/last-page.ts), on blocks of synthetic lines: a hole left by a widow or by keep-with-next is filled
 * by loosening or tightening a paragraph of the page; the clreq rules hold on every page of random flows; a page
 * is saved by tightening; an even page count is preferred when the profile asks for it.
 */
import { describe, expect, it } from 'vitest';
import { finalPlan } from '../../core/typeset/last-page.js';
import type { Line } from '../../core/typeset/lines.js';
import { planPages, type BlockVariants, type Slot } from '../../core/typeset/page-plan.js';
import { linePitch, STANDARD } from '../../core/typeset/preset.js';
import type { StyledBlock } from '../../core/typeset/styled.js';

const preset = { ...STANDARD, mastheadLines: 0 };
const lines = (n: number): Line[] => Array.from({ length: n }, (_, i) => ({ placements: [], last: i === n - 1 }));
const block = (kind: StyledBlock['kind'], source: string): StyledBlock => ({
  kind, runs: [], align: 'justify', firstIndent: 2, rightIndent: 0, spaceBefore: 0, spaceAfter: 0,
  keepWithNext: kind === 'heading' || kind === 'title', source,
});
function para(source: string, n: number, v: { tight?: boolean; loose?: boolean; tracked?: boolean } = {}): BlockVariants {
  return {
    block: block('paragraph', source),
    lines: lines(n),
    ...(v.tight ? { tight: { count: n - 1, lines: lines(n - 1), cost: 200 } } : {}),
    ...(v.loose ? { loose: { count: n + 1, lines: lines(n + 1), cost: 200 } } : {}),
    ...(v.tracked ? { tracked: () => ({ count: n - 1, lines: lines(n - 1), cost: 2000, trackingEm: -0.02 }) } : {}),
  };
}
const heading = (source: string): BlockVariants => ({ block: block('heading', source), lines: lines(1) });

/** The rules every page but the last must keep: no heading at the foot, no first line alone there, no last line alone at a head. */
function violations(slots: readonly Slot[]): string[] {
  const out: string[] = [];
  const pages = Math.max(...slots.map((s) => s.page)) + 1;
  for (let p = 0; p < pages; p++) {
    const on = slots.filter((s) => s.page === p);
    const foot = on[on.length - 1];
    const head = on[0];
    if (p < pages - 1 && foot) {
      if (foot.block.kind === 'heading') out.push(`p${p + 1} ends with a heading`);
      const sameFoot = on.filter((s) => s.index === foot.index).length;
      if (!foot.line.last && sameFoot === 1 && !slots.some((s) => s.index === foot.index && s.page < p)) out.push(`p${p + 1} orphan`);
    }
    if (p > 0 && head && head.line.last && on.filter((s) => s.index === head.index).length === 1 && slots.some((s) => s.index === head.index && s.page < p)) {
      out.push(`p${p + 2} widow`);
    }
  }
  return out;
}

describe('filling pages', () => {
  it('fills the line a widow would leave empty by loosening a paragraph of the page', () => {
    const blocks = [para('a', 10, { loose: true }), para('b', 13)];
    expect(planPages(blocks, preset, { adjust: false }).holes[0]).toBe(1);
    const plan = planPages(blocks, preset);
    expect(plan.holes[0]).toBe(0);
    expect(plan.choices).toEqual(['loose', 'natural']);
    expect(violations(plan.slots)).toEqual([]);
  });

  it('makes room for a heading and two lines by tightening a paragraph above it', () => {
    const blocks = [para('a', 20, { tight: true }), heading('h'), para('c', 6)];
    expect(planPages(blocks, preset, { adjust: false }).holes[0]).toBe(2);
    const plan = planPages(blocks, preset);
    expect(plan.choices[0]).toBe('tight');
    expect(plan.holes[0]).toBe(0);
    expect(plan.slots.find((s) => s.block.source === 'h')!.page).toBe(0);
  });

  it('tightens the paragraph carried over from the page before to make room for a heading and two lines', () => {
    // Page 2 opens with the last 9 lines of 'a'; 'b' fills to line 20; heading + 2 lines need 3, 2 are left.
    const blocks = [para('a', 31, { tight: true }), para('b', 11), heading('h'), para('c', 6)];
    const plain = planPages(blocks, preset, { adjust: false });
    expect(plain.holes[1]).toBe(2);
    const plan = planPages(blocks, preset);
    expect(plan.choices[0]).toBe('tight');
    expect(plan.holes[1]).toBe(0);
    expect(plan.slots.filter((s) => s.index === 0 && s.page === 0).length).toBe(22);
    // Page 1 shows the tightened arrangement's first lines.
    expect(plan.slots.find((s) => s.index === 0)!.line).toBe(blocks[0]!.tight!.lines[0]);
    expect(violations(plan.slots)).toEqual([]);
  });

  it('uses the stated tracking change only for a hole of more than one line', () => {
    const two = [para('a', 22), para('b', 20, { tracked: true }), heading('h'), para('c', 6)];
    const plan = planPages(two, preset);
    expect(planPages(two, preset, { adjust: false }).holes[1]).toBe(2);
    expect(plan.choices[1]).toBe('tracked');
    expect(plan.holes[1]).toBe(0);
    // A one-line hole (a widow avoided) is left as it is: a tracking change would fill it, but is not worth it.
    const one = [para('a', 22), para('b', 19, { tracked: true }), para('c', 4), para('d', 10)];
    expect(planPages(one, preset).holes[1]).toBe(1);
    expect(planPages(one, preset).choices[1]).toBe('natural');
  });

  it('fills a page with the arrangement that leaves the grid least (rules/adjustment.ts offGridLine)', () => {
    // A widow avoided leaves one line; loosening 'a' or 'c' fills it. 'a' is cheaper in line cost but sets two
    // lines off the grid; 'c' stays on it.
    const off = (source: string, n: number, loose: { cost: number; offGrid: number }): BlockVariants => ({
      block: block('paragraph', source),
      lines: lines(n),
      loose: { count: n + 1, lines: lines(n + 1), ...loose },
    });
    const one = [off('a', 5, { cost: 50, offGrid: 2 }), off('c', 5, { cost: 150, offGrid: 0 }), para('b', 13)];
    expect(planPages(one, preset, { adjust: false }).holes[0]).toBe(1);
    const plan = planPages(one, preset);
    expect(plan.holes[0]).toBe(0);
    expect(plan.choices).toEqual(['natural', 'loose', 'natural']);
    // Without the off-grid lines the cheaper paragraph is loosened, as before.
    const even = [off('a', 5, { cost: 50, offGrid: 0 }), off('c', 5, { cost: 150, offGrid: 0 }), para('b', 13)];
    expect(planPages(even, preset).choices).toEqual(['loose', 'natural', 'natural']);
  });

  it('adjusts two paragraphs on the grid rather than one that leaves it, and keeps the page full', () => {
    // 21 lines, then a heading that needs three: loosening 'a' fills the page but sets two lines off the grid;
    // tightening 'a' and 'c' (both on the grid) makes room for the heading and two lines instead.
    const a: BlockVariants = {
      block: block('paragraph', 'a'),
      lines: lines(10),
      tight: { count: 9, lines: lines(9), cost: 100, offGrid: 0 },
      loose: { count: 11, lines: lines(11), cost: 100, offGrid: 2 },
    };
    const c: BlockVariants = { block: block('paragraph', 'c'), lines: lines(11), tight: { count: 10, lines: lines(10), cost: 100, offGrid: 0 } };
    const blocks = [a, c, heading('h'), para('d', 6)];
    expect(planPages(blocks, preset, { adjust: false }).holes[0]).toBe(1);
    const plan = planPages(blocks, preset);
    expect(plan.holes[0]).toBe(0);
    expect(plan.choices).toEqual(['tight', 'tight', 'natural', 'natural']);
    expect(plan.slots.find((s) => s.block.source === 'h')!.page).toBe(0);
    expect(violations(plan.slots)).toEqual([]);
    // When loosening 'a' stays on the grid, the single adjustment is kept.
    const onGrid = [{ ...a, loose: { ...a.loose!, offGrid: 0 } }, c, heading('h'), para('d', 6)];
    expect(planPages(onGrid, preset).choices).toEqual(['loose', 'natural', 'natural', 'natural']);
  });

  it('keeps the page-break rules on random flows and leaves fewer holes than the plain flow', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let plainHoles = 0;
    let holes = 0;
    for (let t = 0; t < 200; t++) {
      const blocks: BlockVariants[] = [];
      const count = 6 + rand(14);
      for (let b = 0; b < count; b++) {
        if (rand(5) === 0) blocks.push(heading(`h${b}`));
        else blocks.push(para(`p${b}`, 2 + rand(12), { tight: rand(3) === 0, loose: rand(3) === 0 }));
      }
      const plan = planPages(blocks, preset);
      expect(violations(plan.slots), `flow ${t}`).toEqual([]);
      holes += plan.holes.reduce((a, h) => a + h, 0);
      plainHoles += planPages(blocks, preset, { adjust: false }).holes.reduce((a, h) => a + h, 0);
    }
    expect(holes).toBeLessThan(plainHoles / 2);
  });
});

describe('the last page', () => {
  const bmLines = 6;
  const bmHeight = bmLines * linePitch(preset) - 1;

  it('is saved by tightening the paragraphs nearest the end, and the report says so', () => {
    // 22 + 18 lines of text, then the 版记 (6 lines and the blank line before it): three lines too many for page 2.
    const blocks = [para('a', 22), para('b', 6, { tight: true }), para('c', 6, { tight: true }), para('d', 6, { tight: true })];
    const r = finalPlan(blocks, preset, { backMatterHeight: bmHeight });
    expect(r.lastPage.pagesBefore).toBe(3);
    expect(r.lastPage.pagesAfter).toBe(2);
    // Three defects either way (three paragraphs, or two and the blank line): the cheaper is taken.
    expect(r.adjustments.filter((a) => a.reason === 'save-page').length + (r.lastPage.gapRemoved ? 1 : 0)).toBe(3);
    expect(r.adjustments.every((a) => a.change === 'tight' && a.trackingEm === undefined)).toBe(true);
    expect(violations(r.plan.slots)).toEqual([]);
  });

  it('combines compression, a stated tracking change and the 版记 spacing, fewest defects first', () => {
    // Four lines over: one paragraph compressible, one only by tracking, the 版记 tighter by a line, the gap.
    const blocks = [para('a', 22), para('b', 6, { tight: true }), para('c', 6, { tracked: true }), para('d', 7)];
    const tightBm = bmHeight - linePitch(preset);
    const r = finalPlan(blocks, preset, { backMatterHeight: bmHeight, backMatterTightHeight: tightBm });
    expect(r.lastPage.pagesBefore).toBe(3);
    expect(r.lastPage.pagesAfter).toBe(2);
    expect(r.lastPage.gapRemoved).toBe(true);
    expect(r.lastPage.backMatterTightened).toBe(true);
    expect(r.backMatterTight).toBe(true);
    expect(r.adjustments.map((a) => [a.source, a.trackingEm])).toEqual([
      ['b', undefined],
      ['c', -0.02],
    ]);
    expect(violations(r.plan.slots)).toEqual([]);
    // Without the tracking change or the tighter 版记 it cannot be done: one line short.
    const without = finalPlan([para('a', 22), para('b', 6, { tight: true }), para('c', 6), para('d', 7)], preset, {
      backMatterHeight: bmHeight,
      backMatterTightHeight: tightBm,
    });
    expect(without.lastPage.pagesAfter).toBe(3);
    expect(without.lastPage.missingLines).toBe(1);
  });

  it('says how many lines are missing when it cannot be saved', () => {
    // Two lines over, nothing to tighten: giving up the blank line before the 版记 saves one, one still missing.
    const blocks = [para('a', 22), para('b', 6), para('c', 5), para('d', 6)];
    const r = finalPlan(blocks, preset, { backMatterHeight: bmHeight });
    expect(r.lastPage.pagesAfter).toBe(3);
    expect(r.lastPage.missingLines).toBe(1);
    expect(r.lastPage.overBefore).toBe(2);
  });

  it('adds a blank page before the 版记 page when an even page count is preferred', () => {
    const blocks = [para('a', 22), para('b', 22), para('c', 20)];
    const plain = finalPlan(blocks, preset, { backMatterHeight: bmHeight });
    expect(plain.lastPage.pagesAfter).toBe(4);
    expect(plain.blankPage).toBe(false);
    const odd = [para('a', 22), para('b', 20)];
    const even = finalPlan(odd, preset, { backMatterHeight: bmHeight, preferEvenPages: true });
    expect(even.lastPage.pagesAfter).toBe(3);
    expect(even.blankPage).toBe(true);
    expect(even.lastPage.blankPageAdded).toBe(true);
  });
});
