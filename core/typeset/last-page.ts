import type { Adjustment, LastPageFacts } from './layout-report.js';
import { planPages, type BlockVariants, type Choice, type PagePlan } from './page-plan.js';
import { linePitch, type LayoutPreset } from './preset.js';

/**
 * Pulling a short last page back (issue 16; docs/layout-rules.md, Back matter). When the last page would hold
 * only the 版记, or at most {@link SHORT_LAST_PAGE} grid lines of text, the paragraphs nearest the end are set a
 * line shorter (tightened by punctuation compression within the allowance of rules/adjustment.ts), one more
 * each time, and — as a last resort — the blank line before the 版记 is given up, until the issue needs one
 * page fewer. The page breaker's rules hold in every arrangement tried (no widow, orphan or heading alone at a
 * foot; every line on the grid), so the first arrangement that saves the page with the fewest paragraphs
 * changed is taken. GB/T 9704 §7.4 puts the 版记 at the foot of the last page; a publication may prefer an even
 * page count (the 版记 on the back of a sheet), adding a blank page before it.
 */

/** A last page holding this many grid lines of text or fewer is worth pulling back. */
export const SHORT_LAST_PAGE = 6;
/** At most this many paragraphs are tightened to save a page. */
export const MAX_TIGHTENED = 8;
/** The paragraphs tightened to save a page are among the last this many blocks. */
export const SAVE_WINDOW = 16;

/** The plan chosen, the blank lines kept before the 版记, what was adjusted, and the last-page facts. */
export interface FinalPlan {
  readonly plan: PagePlan;
  /** Blank grid lines between the text and the 版记 when they share a page (1, or 0 to save a page). */
  readonly gap: number;
  /** Whether the 版记 goes on a page of its own after the text. */
  readonly backMatterPage: boolean;
  /** Whether a blank page goes before the 版记's page (preferEvenPages). */
  readonly blankPage: boolean;
  readonly adjustments: readonly Adjustment[];
  readonly lastPage: LastPageFacts;
}

/** Options of {@link finalPlan}. */
export interface FinalPlanOptions {
  /** Height of the 版记 in points (0 when there is none). */
  readonly backMatterHeight: number;
  /** Prefer an even page count: a blank page before the 版记 page rather than the 版记 on an odd page. */
  readonly preferEvenPages?: boolean;
}

/**
 * How a plan ends: pages in all, whether the 版记 fits under the last text, the text lines on the last page, and
 * how many lines would have to go for everything on the last page (text, the 版记 and the blank line before it)
 * to move onto the page before.
 */
function ending(plan: PagePlan, preset: LayoutPreset, bmHeight: number, gap: number) {
  const last = plan.slots[plan.slots.length - 1];
  const textPages = last ? last.page + 1 : 1;
  const lastSlot = last ? last.slot : preset.mastheadLines - 1;
  const pitch = linePitch(preset);
  const linesOnLast = plan.slots.filter((s) => s.page === textPages - 1).length;
  const fits = bmHeight <= 0 || (lastSlot + 1 + gap) * pitch <= preset.height - bmHeight + 0.01;
  const bmNeed = bmHeight > 0 ? Math.ceil(bmHeight / pitch - 0.01) + gap : 0;
  const usedOn = (page: number) => {
    const onPage = plan.slots.filter((s) => s.page === page);
    return onPage.length ? onPage[onPage.length - 1]!.slot + 1 : page === 0 ? preset.mastheadLines : 0;
  };
  // The page everything on the last page would have to join, and what it already holds.
  const previous = fits ? textPages - 2 : textPages - 1;
  const missing = previous < 0 ? 0 : usedOn(previous) + (fits ? linesOnLast : 0) + bmNeed - preset.linesPerPage;
  return { pages: textPages + (fits ? 0 : 1), fits, linesOnLast, missing: Math.max(0, missing) };
}

/** The adjustments of a plan (arrangements other than the best), for the report. */
function adjustmentsOf(plan: PagePlan, blocks: readonly BlockVariants[], saved: ReadonlySet<number>): Adjustment[] {
  const out: Adjustment[] = [];
  plan.choices.forEach((c, b) => {
    if (c === 'natural') return;
    const lastSlot = [...plan.slots].reverse().find((s) => s.index === b);
    out.push({
      source: blocks[b]!.block.source,
      change: c,
      page: (lastSlot?.page ?? 0) + 1,
      reason: saved.has(b) ? 'save-page' : 'fill',
    });
  });
  return out;
}

/** Plans the pages, then pulls a short last page back where the allowances permit. */
export function finalPlan(blocks: readonly BlockVariants[], preset: LayoutPreset, options: FinalPlanOptions): FinalPlan {
  const bm = options.backMatterHeight;
  const plain = planPages(blocks, preset);
  const before = ending(plain, preset, bm, 1);
  let chosen = { plan: plain, gap: 1, saved: new Set<number>() };
  let missingLines: number | undefined;
  const short = !before.fits || (before.pages > 1 && before.linesOnLast <= SHORT_LAST_PAGE);
  if (short && before.pages > 1) {
    const found = savePage(blocks, preset, { bm, pages: before.pages });
    if (found) chosen = found;
    else missingLines = before.missing;
  }
  const end = ending(chosen.plan, preset, bm, chosen.gap);
  let blankPage = false;
  let backMatterPage = !end.fits;
  let pages = end.pages;
  if (options.preferEvenPages && bm > 0 && pages % 2 === 1 && pages > 1) {
    if (backMatterPage) blankPage = true;
    else backMatterPage = true;
    pages++;
  }
  return {
    plan: chosen.plan,
    gap: chosen.gap,
    backMatterPage,
    blankPage,
    adjustments: adjustmentsOf(chosen.plan, blocks, chosen.saved),
    lastPage: {
      pagesBefore: before.pages,
      pagesAfter: end.pages,
      overBefore: before.missing,
      ...(missingLines !== undefined ? { missingLines } : {}),
      ...(blankPage || (backMatterPage && end.fits) ? { blankPageAdded: true } : {}),
    },
  };
}

/**
 * The arrangement that needs one page fewer with the fewest and cheapest paragraphs tightened, or undefined:
 * the paragraphs of the last {@link SAVE_WINDOW} blocks that can be set a line shorter, cheapest first, one more
 * each time; the blank line before the 版记 given up only when tightening alone does not do it.
 */
function savePage(
  blocks: readonly BlockVariants[],
  preset: LayoutPreset,
  target: { bm: number; pages: number },
): { plan: PagePlan; gap: number; saved: Set<number> } | undefined {
  const candidates: number[] = [];
  for (let b = blocks.length - 1; b >= Math.max(0, blocks.length - SAVE_WINDOW); b--) if (blocks[b]!.tight) candidates.push(b);
  candidates.sort((x, y) => blocks[x]!.tight!.cost - blocks[y]!.tight!.cost);
  const limit = Math.min(MAX_TIGHTENED, candidates.length);
  // When even every candidate tightened and the blank line given up do not save the page, nothing will.
  const all = new Map<number, Choice>(candidates.slice(0, limit).map((b) => [b, 'tight']));
  if (ending(planPages(blocks, preset, { forced: all }), preset, target.bm, 0).pages >= target.pages) return undefined;
  for (const gap of [1, 0]) {
    for (let k = 0; k <= limit; k++) {
      const forced = new Map<number, Choice>(candidates.slice(0, k).map((b) => [b, 'tight']));
      const plan = planPages(blocks, preset, { forced });
      const end = ending(plan, preset, target.bm, gap);
      if (end.pages < target.pages) return { plan, gap, saved: new Set(forced.keys()) };
    }
  }
  return undefined;
}
