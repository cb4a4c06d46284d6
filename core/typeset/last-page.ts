import type { Adjustment, LastPageFacts } from './layout-report.js';
import { fillCost, planPages, variantOf, type BlockVariants, type Choice, type PagePlan } from './page-plan.js';
import { BACK_MATTER_GAP } from './rules/back-matter-spacing.js';
import { linePitch, type LayoutPreset } from './preset.js';

/**
 * Pulling a short last page back (issue 16; docs/layout-rules.md, Back matter). When the last page would hold
 * only the 版记, or at most {@link SHORT_LAST_PAGE} grid lines of text, the arrangements that need one page fewer
 * are tried, each within a stated limit: paragraphs near the end set a line shorter by compressing punctuation
 * (rules/adjustment.ts), paragraphs set a line shorter by the stated tracking change (rules/tracking.ts), the
 * blank line before the 版记 given up and the 版记's rows set tighter (rules/back-matter-spacing.ts). Tightening
 * is combined across several paragraphs. The page breaker's rules hold in every arrangement tried (no widow,
 * orphan or heading alone at a foot; every line on the grid), and the arrangement with the fewest defects is
 * taken (a paragraph compressed, the blank line given up or the 版记 tightened count one each; a tracking change
 * two), then the cheapest. GB/T 9704 §7.4 puts the 版记 at the foot of the last page; a publication may prefer
 * an even page count (the 版记 on the back of a sheet), adding a blank page before it.
 */

/** A last page holding this many grid lines of text or fewer is worth pulling back. */
export const SHORT_LAST_PAGE = 6;
/** At most this many paragraphs are tightened to save a page. */
export const MAX_TIGHTENED = 8;
/** The paragraphs tightened to save a page are among the last this many blocks. */
export const SAVE_WINDOW = 16;
/** What each kind of change counts when arrangements that save a page are compared (fewest defects first). */
export const SAVE_DEFECTS = { tight: 1, tracked: 2, gap: 1, backMatter: 1 } as const;

/** The plan chosen, the blank lines kept before the 版记, what was adjusted, and the last-page facts. */
export interface FinalPlan {
  readonly plan: PagePlan;
  /** Blank grid lines between the text and the 版记 when they share a page (1, or 0 to save a page). */
  readonly gap: number;
  /** Whether the 版记 is set with its tighter rows (to save a page). */
  readonly backMatterTight: boolean;
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
  /** Height of the 版记 with its rows set tighter (rules/back-matter-spacing.ts), when that is lower. */
  readonly backMatterTightHeight?: number;
  /** Prefer an even page count: a blank page before the 版记 page rather than the 版记 on an odd page. */
  readonly preferEvenPages?: boolean;
  /** Whether pictures may float to the next page's top (default true; ./rules/picture-float.ts). */
  readonly float?: boolean;
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
    const tracking = c === 'tracked' ? variantOf(blocks[b]!, c)?.trackingEm : undefined;
    out.push({
      source: blocks[b]!.block.source,
      change: c === 'loose' ? 'loose' : 'tight',
      page: (lastSlot?.page ?? 0) + 1,
      reason: saved.has(b) ? 'save-page' : 'fill',
      ...(tracking !== undefined ? { trackingEm: tracking } : {}),
    });
  });
  return out;
}

/** Plans the pages, then pulls a short last page back where the allowances permit. */
export function finalPlan(blocks: readonly BlockVariants[], preset: LayoutPreset, options: FinalPlanOptions): FinalPlan {
  const bm = options.backMatterHeight;
  const bmTight = options.backMatterTightHeight !== undefined && options.backMatterTightHeight < bm ? options.backMatterTightHeight : undefined;
  const float = options.float === false ? { float: false } : {};
  const plain = planPages(blocks, preset, float);
  const before = ending(plain, preset, bm, BACK_MATTER_GAP.normal);
  let chosen: Saving = { plan: plain, gap: BACK_MATTER_GAP.normal, tightBm: false, saved: new Set<number>() };
  let missingLines: number | undefined;
  const short = !before.fits || (before.pages > 1 && before.linesOnLast <= SHORT_LAST_PAGE);
  if (short && before.pages > 1) {
    const target = { bm, ...(bmTight !== undefined ? { bmTight } : {}), pages: before.pages, ...float };
    const reach = linesWithinReach(blocks, preset, target);
    // Out of reach of every allowance: nothing is tried (and no paragraph fitted again).
    const found = before.missing <= reach ? savePage(blocks, preset, target) : undefined;
    if (found) chosen = found;
    else if (before.missing > reach) missingLines = before.missing - reach;
    else missingLines = missingAfterAll(blocks, preset, { bm: bmTight ?? bm, ...float });
  }
  const end = ending(chosen.plan, preset, chosen.tightBm ? bmTight! : bm, chosen.gap);
  let blankPage = false;
  let backMatterPage = !end.fits;
  let pages = end.pages;
  if (options.preferEvenPages && bm > 0 && pages % 2 === 1 && pages > 1) {
    if (backMatterPage) blankPage = true;
    else backMatterPage = true;
    pages++;
  }
  const savedPage = end.pages < before.pages;
  return {
    plan: chosen.plan,
    gap: chosen.gap,
    backMatterTight: chosen.tightBm,
    backMatterPage,
    blankPage,
    adjustments: adjustmentsOf(chosen.plan, blocks, chosen.saved),
    lastPage: {
      pagesBefore: before.pages,
      pagesAfter: end.pages,
      overBefore: before.missing,
      ...(missingLines !== undefined ? { missingLines } : {}),
      ...(blankPage || (backMatterPage && end.fits) ? { blankPageAdded: true } : {}),
      ...(savedPage && chosen.gap < BACK_MATTER_GAP.normal ? { gapRemoved: true } : {}),
      ...(savedPage && chosen.tightBm ? { backMatterTightened: true } : {}),
    },
  };
}

/** An arrangement of the flow with the 版记's spacing, and the blocks tightened to save the page. */
interface Saving {
  readonly plan: PagePlan;
  readonly gap: number;
  readonly tightBm: boolean;
  readonly saved: ReadonlySet<number>;
}

/** A change that sets one block a line shorter, with what it counts and costs. */
interface Lever {
  readonly b: number;
  readonly choice: Choice;
  readonly defects: number;
  readonly cost: number;
}

/**
 * The levers of the last {@link SAVE_WINDOW} blocks: each block's cheapest way to lose a line — compression, or
 * failing that the stated tracking change — those with fewer defects first, then cheapest first (a tightened
 * paragraph's lines set off the grid counted in its cost: rules/adjustment.ts offGridLine).
 */
function leversOf(blocks: readonly BlockVariants[], tracking: boolean): Lever[] {
  const out: Lever[] = [];
  for (let b = blocks.length - 1; b >= Math.max(0, blocks.length - SAVE_WINDOW); b--) {
    const v = blocks[b]!;
    if (v.tight) out.push({ b, choice: 'tight', defects: SAVE_DEFECTS.tight, cost: fillCost(v, 'tight') });
    else if (tracking) {
      const tracked = v.tracked?.();
      if (tracked) out.push({ b, choice: 'tracked', defects: SAVE_DEFECTS.tracked, cost: tracked.cost });
    }
  }
  return out.sort((x, y) => x.defects - y.defects || x.cost - y.cost);
}

const forcedOf = (levers: readonly Lever[]) => new Map<number, Choice>(levers.map((l) => [l.b, l.choice]));

/**
 * The lines still lacking when every allowance is used (every lever, no blank line, the 版记 tightened), for the
 * report (at least one).
 */
function missingAfterAll(blocks: readonly BlockVariants[], preset: LayoutPreset, target: { bm: number; float?: boolean }): number {
  const levers = leversOf(blocks, true).slice(0, MAX_TIGHTENED);
  const plan = planPages(blocks, preset, { forced: forcedOf(levers), ...(target.float === false ? { float: false } : {}) });
  return Math.max(1, ending(plan, preset, target.bm, BACK_MATTER_GAP.saving).missing);
}

/**
 * The most lines the allowances could save: one per paragraph of the window that has more than one line (at most
 * {@link MAX_TIGHTENED}), the blank line before the 版记, and what the tighter 版记 rows give back.
 */
function linesWithinReach(blocks: readonly BlockVariants[], preset: LayoutPreset, target: { bm: number; bmTight?: number }): number {
  let paragraphs = 0;
  for (let b = blocks.length - 1; b >= Math.max(0, blocks.length - SAVE_WINDOW); b--) {
    const v = blocks[b]!;
    if (v.tight || (v.tracked && v.lines.length > 1)) paragraphs++;
  }
  const bmLines = target.bmTight !== undefined ? Math.ceil((target.bm - target.bmTight) / linePitch(preset) - 0.01) : 0;
  return Math.min(MAX_TIGHTENED, paragraphs) + (BACK_MATTER_GAP.normal - BACK_MATTER_GAP.saving) + bmLines;
}

/**
 * The arrangement that needs one page fewer, or undefined: with punctuation compression and the 版记's spacing
 * first, and only where those cannot do it with the stated tracking change as well (clreq #line_adjustment:
 * punctuation is compressed before the space between characters is changed).
 */
function savePage(
  blocks: readonly BlockVariants[],
  preset: LayoutPreset,
  target: { bm: number; bmTight?: number; pages: number; float?: boolean },
): Saving | undefined {
  return saveWith(blocks, preset, target, false) ?? saveWith(blocks, preset, target, true);
}

/**
 * The arrangement that needs one page fewer with the fewest defects, then the lowest cost, or undefined. For
 * each setting of the 版记's spacing (as it is; without the blank line; tighter rows; both), the levers are
 * applied one more at a time until the page is saved; levers that turn out not to be needed are then dropped.
 */
function saveWith(
  blocks: readonly BlockVariants[],
  preset: LayoutPreset,
  target: { bm: number; bmTight?: number; pages: number; float?: boolean },
  tracking: boolean,
): Saving | undefined {
  const levers = leversOf(blocks, tracking).slice(0, MAX_TIGHTENED);
  const spacings: { gap: number; tightBm: boolean; defects: number }[] = [
    { gap: BACK_MATTER_GAP.normal, tightBm: false, defects: 0 },
    { gap: BACK_MATTER_GAP.saving, tightBm: false, defects: SAVE_DEFECTS.gap },
  ];
  if (target.bmTight !== undefined) {
    spacings.push({ gap: BACK_MATTER_GAP.normal, tightBm: true, defects: SAVE_DEFECTS.backMatter });
    spacings.push({ gap: BACK_MATTER_GAP.saving, tightBm: true, defects: SAVE_DEFECTS.gap + SAVE_DEFECTS.backMatter });
  }
  const saves = (used: readonly Lever[], s: { gap: number; tightBm: boolean }): PagePlan | undefined => {
    const plan = planPages(blocks, preset, { forced: forcedOf(used), ...(target.float === false ? { float: false } : {}) });
    return ending(plan, preset, s.tightBm ? target.bmTight! : target.bm, s.gap).pages < target.pages ? plan : undefined;
  };
  // When even every lever and every spacing allowance do not save the page, nothing will.
  const loosest = spacings[spacings.length - 1]!;
  if (!saves(levers, loosest)) return undefined;
  let best: (Saving & { defects: number; cost: number }) | undefined;
  for (const s of spacings) {
    if (best && s.defects > best.defects) continue;
    for (let k = 0; k <= levers.length; k++) {
      let used = levers.slice(0, k);
      const defectsOf = (ls: readonly Lever[]) => s.defects + ls.reduce((a, l) => a + l.defects, 0);
      if (best && defectsOf(used) > best.defects) break;
      let plan = saves(used, s);
      if (!plan) continue;
      // Drop a lever whose paragraph need not be tightened after all (most defects first).
      for (const l of [...used].sort((x, y) => y.defects - x.defects || y.cost - x.cost)) {
        const without = used.filter((u) => u !== l);
        const p = saves(without, s);
        if (p) {
          used = without;
          plan = p;
        }
      }
      const defects = defectsOf(used);
      const cost = used.reduce((a, l) => a + l.cost, 0);
      if (!best || defects < best.defects || (defects === best.defects && cost < best.cost)) {
        best = { plan, gap: s.gap, tightBm: s.tightBm, saved: new Set(used.map((l) => l.b)), defects, cost };
      }
      break;
    }
  }
  return best;
}
