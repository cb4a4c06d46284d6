/**
 * The stated tracking change (缩字距): a paragraph may be set with the space between its characters reduced by a
 * small uniform amount, so that it loses its last line, when compressing punctuation alone does not do it.
 * Used only to save a page (issue 16: 缩版) or to fill a page that would otherwise keep a hole of more than one
 * line at its foot (issue 11 point 2); never to make a line longer.
 *
 * Sources: clreq `#reduction_and_expansion_of_inter-character_spacing` (inter-character space may be reduced to
 * adjust a line, uniformly within the line), `#adjustments_of_orphans_and_widows` (a paragraph made a line
 * shorter to settle a page); print practice (文印室缩版: 字距 reduced by at most about 2% of the character size, so
 * that the change does not show). The whole paragraph is set at the one changed tracking, every line still
 * justified flush to both edges; lines stay on the page's 22-line grid (GB/T 9704-2012 §5.2.3) — only the 28
 * characters per line are given up for that paragraph. docs/layout-rules.md, Page breaking.
 */

/** Tracking changes tried, smallest first, in ems of the body size (each relative to the grid's own tracking). */
export const TRACKING_STEPS: readonly number[] = [-0.01, -0.02];

/** The stated limit: no paragraph is set tighter than this (in ems). */
export const TRACKING_LIMIT_EM = -0.02;

/**
 * What a tracking change adds to a paragraph's cost, per 0.01 em: above any punctuation-only tightening
 * (rules/adjustment.ts PARAGRAPH_ADJUSTMENT.maxSaveCost), so compression is always preferred.
 */
export const TRACKING_COST_PER_STEP = 1000;

/** The tracking changes within the limit, smallest first. */
export function trackingSteps(): readonly number[] {
  return TRACKING_STEPS.filter((t) => t >= TRACKING_LIMIT_EM - 1e-9);
}

/** The cost a paragraph set at a tracking change adds, before its own line costs. */
export function trackingCost(deltaEm: number): number {
  return (TRACKING_COST_PER_STEP * Math.abs(deltaEm)) / 0.01;
}

/** A tracking change as Chinese text for the 版面 report: −0.02 → "字距减0.02字". */
export function describeTracking(deltaEm: number): string {
  return `字距减${Math.abs(deltaEm).toFixed(2)}字`;
}
