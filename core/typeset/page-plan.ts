import type { Line } from './lines.js';
import type { LayoutPreset } from './preset.js';
import { PARAGRAPH_ADJUSTMENT } from './rules/adjustment.js';
import { mayFlowPast, PICTURE_FLOAT } from './rules/picture-float.js';
import type { StyledBlock } from './styled.js';
import { fitRows, type TableLines } from './table-block.js';

/**
 * Page breaking that fills pages and leaves no widows (docs/layout-rules.md, Page breaking; issue 11 point 2).
 * Blocks flow onto the 22-line grid with clreq's rules (#adjustments_of_orphans_and_widows): a heading or title
 * never ends a page, a paragraph's first line never stands alone at a page's foot nor its last line alone at a
 * head. Where keeping those rules would leave empty grid lines at a page's foot, the page is filled by setting
 * whole paragraphs of that page a line shorter (tightened: punctuation compressed, ./line-fit.ts) or a line
 * longer (loosened), choosing the arrangement with the smallest hole and then the smallest cost. A picture that
 * does not fit at a page's foot may instead float to the top of the next page, the text of its article after it
 * flowing up into its room (rules/picture-float.ts); the float is weighed with the adjustments. A page is
 * decided once, from the first page on; the last page of text is left as it falls (see ./last-page.ts for
 * pulling it back).
 */

/** A block's lines in each arrangement the line breaker found for it. */
export interface BlockVariants {
  readonly block: StyledBlock;
  /** The best arrangement. */
  readonly lines: readonly Line[];
  /** One line fewer (tightened), with its added cost (its lines may be placed only when asked for). */
  readonly tight?: Variant;
  /** One line more (loosened), with its added cost. */
  readonly loose?: Variant;
  /**
   * One line fewer by the stated tracking change (rules/tracking.ts), worked out only when asked for: to save
   * the last page, or to fill a page that would keep a hole of more than one line.
   */
  readonly tracked?: () => Variant | undefined;
  /** A table's header lines and break points (./table-block.ts): broken between rows, header repeated. */
  readonly table?: TableLines;
}

/** Another arrangement of a block: how many lines, what it adds to the cost, and its lines. */
export interface Variant {
  readonly count: number;
  readonly cost: number;
  readonly lines: readonly Line[];
  /** The tracking change it is set with, in ems (a tracked arrangement only). */
  readonly trackingEm?: number;
  /** Lines it sets off the grid beyond the best arrangement (rules/adjustment.ts offGridLine); 0 when absent. */
  readonly offGrid?: number;
}

/** Which arrangement each block is set in. */
export type Choice = 'natural' | 'tight' | 'loose' | 'tracked';

/** A block's arrangement of a choice, undefined for the best ('natural') or one that does not exist. */
export function variantOf(v: BlockVariants, c: Choice): Variant | undefined {
  if (c === 'tight') return v.tight;
  if (c === 'loose') return v.loose;
  if (c === 'tracked') return v.tracked?.();
  return undefined;
}

/** A line placed on a page's grid slot. */
export interface Slot {
  readonly page: number;
  readonly slot: number;
  readonly line: Line;
  readonly block: StyledBlock;
  /** The block's index in the flow. */
  readonly index: number;
}

/** The flow set on pages: every line's slot, the arrangement chosen for each block, the hole of each page. */
export interface PagePlan {
  readonly slots: readonly Slot[];
  readonly choices: readonly Choice[];
  /** Empty grid lines at the foot of each page but the last (0 for the last). */
  readonly holes: readonly number[];
  /** Pictures floated to the top of the next page (block index, and the page they would have ended), in order. */
  readonly floats: readonly { readonly index: number; readonly page: number }[];
}

/** Options of {@link planPages}. */
export interface PlanOptions {
  /** Arrangements fixed in advance (e.g. tightened to save the last page); others start natural. */
  readonly forced?: ReadonlyMap<number, Choice>;
  /** Whether pages are filled by adjusting paragraphs (default true); false gives the plain flow. */
  readonly adjust?: boolean;
  /** Whether a picture without room may float to the next page's top (default true; rules/picture-float.ts). */
  readonly float?: boolean;
}

/** Where a page starts: block `b`, its line `i`; a floated picture (block index) set first at the page's top. */
interface Cursor {
  readonly b: number;
  readonly i: number;
  readonly float?: number;
}

/** The lines of a block in an arrangement (the best when the arrangement does not exist). */
function linesOf(v: BlockVariants, c: Choice): readonly Line[] {
  return variantOf(v, c)?.lines ?? v.lines;
}

/** How many lines a block takes in an arrangement. */
function countOf(v: BlockVariants, c: Choice): number {
  return variantOf(v, c)?.count ?? v.lines.length;
}

/**
 * What an arrangement costs when a page is filled: its added line cost and each line it sets off the grid
 * beyond the best arrangement (rules/adjustment.ts offGridLine), so that of the arrangements filling a page the
 * one that leaves the grid least is chosen.
 */
export function fillCost(v: BlockVariants, c: Choice): number {
  if (c === 'natural') return 0;
  const variant = variantOf(v, c);
  if (!variant) return Infinity;
  return variant.cost + PARAGRAPH_ADJUSTMENT.offGridLine * (variant.offGrid ?? 0);
}

/**
 * Grid lines a keep-with-next block needs on its page: itself, the space after it, and what follows up to
 * the first two lines of the first block that is not itself kept with the next.
 */
function keptLines(blocks: readonly BlockVariants[], choices: readonly Choice[], b: number): number {
  let total = 0;
  for (let i = b; i < blocks.length; i++) {
    const block = blocks[i]!.block;
    const count = countOf(blocks[i]!, choices[i]!);
    if (i > b) total += block.spaceBefore;
    // What must follow on the page: a paragraph's first two lines, a table's header with its first row, a whole picture.
    const opening = blocks[i]!.table ? (blocks[i]!.table!.breaks[0] ?? count) : block.picture ? count : Math.min(2, count);
    if (!block.keepWithNext || i === blocks.length - 1) return total + (i === b ? count : opening);
    total += count + block.spaceAfter;
  }
  return total;
}

/** One page of the flow, with the picture it floated to the next page's top (its block index), if any. */
interface PageFlow {
  slots: Slot[];
  next: Cursor | null;
  hole: number;
  floated?: number;
}

/**
 * One page of the flow from `from`: its lines, where the next page starts (null at the end), its hole. With
 * `float`, a picture that does not fit waits for the next page's top while its article's text flows on
 * (rules/picture-float.ts).
 */
function flowPage(
  blocks: readonly BlockVariants[],
  choices: readonly Choice[],
  from: Cursor,
  ctx: { readonly preset: LayoutPreset; readonly page: number; readonly float?: boolean },
): PageFlow {
  const perPage = ctx.preset.linesPerPage;
  const top = ctx.page === 0 ? ctx.preset.mastheadLines : 0;
  const slots: Slot[] = [];
  let slot = top;
  /** The picture waiting for the next page's top. */
  let waiting: number | undefined;
  const end = (next: Cursor | null): PageFlow => {
    const used = slots.length ? slots[slots.length - 1]!.slot + 1 : top;
    if (waiting !== undefined) return { slots, next: { ...(next ?? { b: blocks.length, i: 0 }), float: waiting }, hole: perPage - used, floated: waiting };
    return { slots, next, hole: next ? perPage - used : 0 };
  };
  if (from.float !== undefined) {
    // A picture floated from the page before: whole, at the top (a picture fits an empty page: ./picture-block.ts).
    const v = blocks[from.float]!;
    for (const line of v.lines) slots.push({ page: ctx.page, slot: slot++, line, block: v.block, index: from.float });
    slot += v.block.spaceAfter;
  }
  for (let b = from.b; b < blocks.length; b++) {
    const block = blocks[b]!.block;
    const count = countOf(blocks[b]!, choices[b]!);
    let i = b === from.b ? from.i : 0;
    // While a picture waits, only its article's text flows on; a second picture is not passed (order kept).
    if (waiting !== undefined && (block.picture || !mayFlowPast(blocks[waiting]!.block.source, block.source))) return end({ b, i });
    const table = blocks[b]!.table;
    if (table && i > 0) for (const line of table.header) slots.push({ page: ctx.page, slot: slot++, line, block, index: b });
    if (i === 0) {
      const at = slot > top ? slot + block.spaceBefore : slot;
      // A picture without room here floats to the next page's top when its article's text follows it.
      const next = blocks[b + 1]?.block;
      if (ctx.float && block.picture && at > top && count > perPage - at && next && !next.picture && mayFlowPast(block.source, next.source)) {
        waiting = b;
        continue;
      }
      slot = at;
      if (slot >= perPage) return end({ b, i: 0 });
      if (block.keepWithNext && keptLines(blocks, choices, b) > perPage - slot && slot > top) return end({ b, i: 0 });
    }
    const rest = count - i;
    const room = perPage - slot;
    let take = Math.min(rest, room);
    if (take < rest && table) take = fitRows(table, { from: i, room, atTop: slot === top || (i > 0 && b === from.b) });
    else if (take < rest) {
      if (block.kind === 'title' || block.kind === 'heading' || block.picture) take = 0; // a picture is never split
      if (take === 1 && i === 0) take = 0; // a first line alone at the foot
      if (rest - take === 1) take -= 1; // a last line alone at the head
      if (take === 1 && i === 0) take = 0;
      if (take <= 0 && slot === top) take = Math.min(rest, room); // a page cannot hold it otherwise
    }
    take = Math.max(0, take);
    if (take > 0) {
      const lines = linesOf(blocks[b]!, choices[b]!);
      for (let k = 0; k < take; k++) slots.push({ page: ctx.page, slot: slot++, line: lines[i + k]!, block, index: b });
    }
    i += take;
    if (i < count) return end({ b, i });
    slot += block.spaceAfter;
  }
  return end(null);
}

/** The hole a page leaves and what it costs, for comparing its arrangements. */
function pageScore(r: PageFlow, cost: number): number {
  return score(r.hole, cost + (r.floated !== undefined ? PICTURE_FLOAT.cost : 0));
}

/**
 * The blocks whose arrangement may still change on a page starting at `from` and ending before `next`: those
 * that start on it, and the paragraph carried over from the page before (its lines there keep their number, so
 * that page keeps its breaks; the page decides the paragraph's arrangement together with its own).
 */
function adjustable(blocks: readonly BlockVariants[], from: Cursor, next: Cursor): number[] {
  const out: number[] = [];
  const last = Math.min(blocks.length - 1, next.b);
  for (let b = from.b; b <= last; b++) {
    const v = blocks[b]!;
    if (v.tight || v.loose || v.tracked) out.push(b);
  }
  return out;
}

/** Sets the flow on pages, filling each page that is not the last by adjusting its paragraphs where that helps. */
export function planPages(blocks: readonly BlockVariants[], preset: LayoutPreset, options: PlanOptions = {}): PagePlan {
  const choices: Choice[] = blocks.map((_, b) => options.forced?.get(b) ?? 'natural');
  const forced = options.forced ?? new Map<number, Choice>();
  const slots: Slot[] = [];
  const holes: number[] = [];
  const floats: { index: number; page: number }[] = [];
  let from: Cursor | null = { b: 0, i: 0 };
  for (let page = 0; from && page < 10_000; page++) {
    let best = flowPage(blocks, choices, from, { preset, page });
    // The page with a picture floated to the next page's top, when one would be (weighed with the adjustments).
    const floated = options.float !== false && best.next && best.hole > 0 ? flowPage(blocks, choices, from, { preset, page, float: true }) : undefined;
    const modes = floated?.floated !== undefined ? [false, true] : [false];
    if (options.adjust === false && floated?.floated !== undefined && pageScore(floated, 0) < pageScore(best, 0)) best = floated;
    if (options.adjust !== false && best.next && best.hole > 0) {
      const start: Cursor = from;
      let base = best;
      const reach = Math.max(base.next!.b, floated?.next?.b ?? 0);
      const candidates = adjustable(blocks, start, { b: reach, i: 0 }).filter((b) => !forced.has(b));
      let bestScore = pageScore(base, 0);
      if (modes.length > 1 && pageScore(floated!, 0) < bestScore) {
        base = floated!;
        best = base;
        bestScore = pageScore(base, 0);
      }
      let bestChange: [number, Choice][] = [];
      const tryChange = (change: [number, Choice][]) => {
        for (const float of modes) tryMode(change, float);
      };
      const tryMode = (change: [number, Choice][], float: boolean) => {
        const trial = [...choices];
        let cost = 0;
        for (const [b, c] of change) {
          trial[b] = c;
          cost += fillCost(blocks[b]!, c);
        }
        if (!Number.isFinite(cost)) return;
        if (score(0, cost) >= bestScore) return; // cannot do better than what was found, whatever its hole
        // The paragraph carried over must still bring at least two lines to this page (no widow at its head).
        if (start.i > 0 && trial[start.b] !== choices[start.b] && countOf(blocks[start.b]!, trial[start.b]!) - start.i < 2) return;
        const r = flowPage(blocks, trial, start, { preset, page, float });
        if (!r.next) return; // the page would become the last: leave that to the last-page step
        const s = pageScore(r, cost);
        if (s < bestScore) {
          bestScore = s;
          bestChange = change;
          best = r;
        }
      };
      const options1: [number, Choice][] = [];
      const within = (v?: { cost: number }) => v !== undefined && v.cost <= PARAGRAPH_ADJUSTMENT.maxExtraCost;
      for (const b of candidates) {
        if (choices[b] !== 'natural') continue;
        if (within(blocks[b]!.tight)) options1.push([b, 'tight']);
        if (within(blocks[b]!.loose)) options1.push([b, 'loose']);
      }
      for (const o of options1) tryChange([o]);
      // Two paragraphs adjusted: where one alone leaves a hole, or fills the page only by leaving the grid
      // (two adjustments that stay on it are preferred; pruned by cost in tryChange).
      const leaves = bestChange.some(([b, c]) => (variantOf(blocks[b]!, c)?.offGrid ?? 0) > 0);
      for (let x = 0; x < options1.length && (best.hole > 0 || leaves); x++) {
        for (let y = x + 1; y < options1.length; y++) {
          if (options1[x]![0] === options1[y]![0]) continue;
          tryChange([options1[x]!, options1[y]!]);
        }
      }
      // A hole of more than one line left: a paragraph of the page set at the stated tracking change
      // (rules/tracking.ts), alone or with one of the adjustments above.
      if (best.hole > MAX_KEEP_HOLE) {
        const tracked = candidates.filter((b) => choices[b] === 'natural' && blocks[b]!.tracked?.());
        for (const b of tracked) {
          tryChange([[b, 'tracked']]);
          for (const o of options1) if (o[0] !== b) tryChange([[b, 'tracked'], o]);
        }
      }
      for (const [b, c] of bestChange) choices[b] = c;
      if (bestChange.length === 0) best = base;
      // The carried-over paragraph's lines already placed on earlier pages take its new arrangement's lines.
      const carried = start.i > 0 && bestChange.some(([b]) => b === start.b);
      if (carried) {
        const lines = linesOf(blocks[start.b]!, choices[start.b]!);
        let k = 0;
        for (let s = 0; s < slots.length; s++) if (slots[s]!.index === start.b) slots[s] = { ...slots[s]!, line: lines[k++]! };
      }
    }
    slots.push(...best.slots);
    holes.push(best.hole);
    if (best.floated !== undefined) floats.push({ index: best.floated, page });
    from = best.next;
  }
  return { slots, choices, holes, floats };
}

/** The hole keep-with-next may leave at a page's foot without a tracking change being tried (issue 11). */
export const MAX_KEEP_HOLE = 1;

/** A hole costs more than any adjustment of the paragraphs that would fill it. */
function score(hole: number, cost: number): number {
  return hole * 10_000 + cost;
}
