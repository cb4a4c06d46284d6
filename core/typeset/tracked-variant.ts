import { fitParagraph, type LineFit } from './line-fit.js';
import { setLines, type Line, type LineOptions } from './lines.js';
import type { Variant } from './page-plan.js';
import { PARAGRAPH_ADJUSTMENT } from './rules/adjustment.js';
import { trackingCost, trackingSteps } from './rules/tracking.js';
import type { Unit } from './units.js';

/**
 * A justified paragraph set one line shorter by the stated tracking change (rules/tracking.ts): the smallest
 * change within the limit at which the paragraph's breaks, chosen together (./line-fit.ts, off the grid), need
 * one line fewer than its best arrangement on the grid. Its lines are placed at the changed tracking, every one
 * justified flush. Undefined when no change within the limit saves the line. Work is done on the first call only
 * (./page-plan.ts asks for it only where a page is saved or would keep a hole).
 */
export function trackedVariant(units: readonly Unit[], opts: LineOptions, naturalLines: number): () => Variant | undefined {
  let memo: Variant | undefined | null = null;
  return () => {
    if (memo === null) memo = find(units, opts, naturalLines);
    return memo;
  };
}

function find(units: readonly Unit[], opts: LineOptions, naturalLines: number): Variant | undefined {
  if (naturalLines < 2) return undefined;
  for (const delta of trackingSteps()) {
    const at = { ...opts, trackingEm: opts.trackingEm + delta };
    const fits = fitParagraph(units, at, PARAGRAPH_ADJUSTMENT.maxSaveCost, { offGrid: true });
    const fit: LineFit | undefined =
      fits.natural.ranges.length === naturalLines - 1
        ? fits.natural
        : fits.natural.ranges.length === naturalLines
          ? fits.tight
          : undefined;
    if (!fit) continue;
    let lines: Line[] | undefined;
    return {
      count: fit.ranges.length,
      cost: trackingCost(delta) + fit.cost,
      trackingEm: delta,
      get lines() {
        return (lines ??= setLines(units, fit.ranges, at));
      },
    };
  }
  return undefined;
}
