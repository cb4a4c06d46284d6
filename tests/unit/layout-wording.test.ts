/**
 * The 版面 wording of the 校对 panel and `bulletin check` (core/check/layout.ts, core/typeset/layout-report.ts):
 * what was done to save a page — paragraphs compressed, a stated tracking change, the 版记's spacing — the lines
 * still missing when it could not be saved, and where and why a page was left with a hole.
 */
import { describe, expect, it } from 'vitest';
import { layoutProblems } from '../../core/check/layout.js';
import type { LayoutReport, PageFacts } from '../../core/typeset/layout-report.js';

const page = (n: number, lines: number, extra: Partial<PageFacts> = {}): PageFacts => ({
  page: n, lines, capacity: n === 1 ? 15 : 22, hole: 0, tightened: [], loosened: [], ...extra,
});
const report = (extra: Partial<LayoutReport>): LayoutReport => ({
  pages: [page(1, 15), page(2, 22), page(3, 12)],
  grid: { eligible: 40, exact: 38, chars28: 36 },
  widows: [], orphans: [], headingsAtFoot: [], largestHole: 0, adjustments: [],
  lastPage: { pagesBefore: 3, pagesAfter: 3 },
  ...extra,
});
const messages = (r: LayoutReport, severity: 'info' | 'warning') =>
  layoutProblems(r).filter((p) => p.severity === severity).map((p) => p.message);

describe('版面 wording', () => {
  it('says which paragraphs were tightened to save a page, with the tracking change and the 版记 spacing', () => {
    const r = report({
      pages: [page(1, 15), page(2, 22), page(3, 12, { tightened: ['articles[0].body[3]', 'articles[0].body[4]', 'articles[0].body[5]'] })],
      adjustments: [
        { source: 'articles[0].body[3]', change: 'tight', page: 3, reason: 'save-page' },
        { source: 'articles[0].body[4]', change: 'tight', page: 3, reason: 'save-page', trackingEm: -0.02 },
        { source: 'articles[0].body[5]', change: 'tight', page: 3, reason: 'save-page' },
      ],
      grid: { eligible: 40, exact: 38, chars28: 36, tracked: 5 },
      lastPage: { pagesBefore: 4, pagesAfter: 3, overBefore: 5, gapRemoved: true, backMatterTightened: true },
    });
    const info = messages(r, 'info');
    expect(info).toContain('版面：为节省一页，第1篇第4–6段已紧排（其中第1篇第5段字距减0.02字）；版记前空行已取消；版记行距已收紧（4页→3页）');
    expect(info).toContain('版面：第3页：12/22行，紧排3段（第1篇第4–6段，第1篇第5段字距减0.02字）');
    expect(info).toContain('版面：第1篇第5段紧排（少一行，字距减0.02字），为节省末页');
    expect(info.some((m) => m.includes('另有5行在缩字距的段落中'))).toBe(true);
    expect(messages(r, 'warning')).toEqual([]);
  });

  it('says how many lines are missing when the page could not be saved', () => {
    const r = report({ lastPage: { pagesBefore: 4, pagesAfter: 4, overBefore: 8, missingLines: 2 } });
    expect(messages(r, 'warning')).toEqual(['版面：末页文字较少，缩版未能省去一页，还差2行（可删减约2行文字）']);
    expect(messages(r, 'info')).toContain('版面：末页文字较少，未能省去：标点挤压、字距至多减0.02字、版记紧排都用上，还差2行');
  });

  it('says where and why a page keeps a hole', () => {
    const r = report({
      pages: [page(1, 9, { hole: 6, holeCause: 'title', holeKept: 'articles[0].title' }), page(2, 20, { hole: 2, holeCause: 'heading', holeKept: 'articles[0].body[7]' }), page(3, 12)],
      largestHole: 6,
    });
    expect(messages(r, 'warning')).toEqual([
      '版面：第1页页末空6行：第1篇标题连同其后两行放不下，本页段落紧排或松排一行也无法容纳，标题移至第2页',
      '版面：第2页页末空2行：标题（第1篇第8段）须与其后两行同页，本页段落紧排或松排一行也无法容纳',
    ]);
  });
});
