import { available, breakable, letters, measure, skipSpaces, trim, type LineOptions, type Range } from './lines.js';
import { LINE_COST, MAX_SPREAD_PER_GAP } from './rules/adjustment.js';
import type { Unit } from './units.js';

/**
 * Line breaking of a justified paragraph as a whole (docs/layout-rules.md, Line breaking), in the manner of
 * Knuth and Plass: every line's end is chosen among the legal breaks near where the line fills, and a dynamic
 * program picks the breaks of the whole paragraph that cost least (rules/adjustment.ts). A pure Chinese line
 * costs nothing when it holds exactly the grid's cells and a lot when it is a cell short (推出) or a character
 * over (推入); a line holding Latin letters or digits may be spread a little or have marks compressed, so a
 * Latin word or number that does not fit at a line's end is absorbed by its own line or by moving the breaks of
 * its neighbours, never by leaving a pure Chinese line short (clreq #line_adjustment,
 * #handling_western_text_in_chinese_text_using_proportional_western_fonts).
 *
 * The same program gives the paragraph's cheapest arrangement with one line fewer (tightened, 缩行) and with
 * one line more (loosened, 伸行), which the page breaker (./page-plan.ts) may choose instead to fill a page or
 * avoid a widow (clreq #adjustments_of_orphans_and_widows).
 */

/** A way to break a paragraph: its line ranges and what they cost. */
export interface LineFit {
  readonly ranges: readonly Range[];
  readonly cost: number;
}

/** A paragraph's arrangements: the best, and the best with one line fewer or more when there is one. */
export interface ParagraphFits {
  readonly natural: LineFit;
  readonly tight?: LineFit;
  readonly loose?: LineFit;
}

const EPS = 0.01;
/** How many legal breaks before the filling point are tried for a line. */
const BACK = 3;
/** How many units past the filling point are tried (pulled in by compression). */
const FORWARD = 3;

/** Whether every unit of a range takes grid cells (a pure Chinese line: Han characters and full-width marks). */
function allCells(units: readonly Unit[], r: Range): boolean {
  for (let i = r.start; i < r.end; i++) if (units[i]!.cells === 0 && units[i]!.cls !== 'space') return false;
  return true;
}

/** The cost of a line from `range.start` to `range.end`, or undefined when it cannot hold them. */
export function lineCost(
  units: readonly Unit[],
  range: Range,
  opts: LineOptions & { first: boolean; last: boolean; fillLegal?: boolean },
): number | undefined {
  const r = trim(units, range);
  if (r.end <= r.start) return undefined;
  const avail = available(opts, opts.first);
  const m = measure(units, r, opts.trackingEm);
  const single = r.end - r.start === 1;
  if (m.width - m.shrink > avail + EPS && !single) return undefined;
  const legal = range.end >= units.length || breakable(units, range.end);
  let cost = legal ? 0 : LINE_COST.illegalBreak;
  if (opts.last) {
    if (!opts.first && letters(units, r) < 2) cost += LINE_COST.shortLastLine;
    return cost + (m.width > avail + EPS ? LINE_COST.compressedMark : 0);
  }
  const size = units[r.start]!.size;
  const cell = size * (1 + opts.trackingEm);
  const slack = avail - m.width;
  if (allCells(units, r)) {
    const cells = slack / cell;
    // Off the grid where the line could have ended on it: only to save another line (clreq settles a
    // prohibition on the line where it arises).
    const unforced = opts.fillLegal === true && Math.abs(cells) > EPS;
    if (cells > 2 + EPS) return cost + LINE_COST.hole; // more than two cells short: a hole
    if (cells > 1 + EPS) return cost + LINE_COST.twoCellsShort; // a 2-cell hole: only when nothing else fits
    if (cells > EPS) return cost + (unforced ? LINE_COST.unforcedPush : 0) + LINE_COST.pushedOutCell;
    if (cells < -EPS) return cost + (unforced ? LINE_COST.unforcedPull : 0) + LINE_COST.pulledInCell * Math.max(1, Math.round(-cells));
    return cost;
  }
  if (slack < -EPS) {
    // Over-full: marks compressed from the end backwards, half a cell each.
    return cost + LINE_COST.compressedMark * Math.ceil(-slack / (0.5 * size));
  }
  const gaps = Math.max(1, r.end - r.start - 1);
  const perGap = slack / gaps / cell;
  if (perGap > MAX_SPREAD_PER_GAP + 1e-6) return cost + LINE_COST.hole + LINE_COST.spreadCell * (slack / cell);
  return cost + LINE_COST.spreadCell * (slack / cell);
}

/**
 * The ends worth trying for a line starting at `start` — legal breaks around where it fills — and whether the
 * line may end where it fills.
 */
function candidateEnds(units: readonly Unit[], start: number, opts: LineOptions, first: boolean): { ends: number[]; fillLegal: boolean } {
  const ends = candidateList(units, start, opts, first);
  return { ends: ends.list, fillLegal: ends.fill < units.length && breakable(units, ends.fill) };
}

function candidateList(units: readonly Unit[], start: number, opts: LineOptions, first: boolean): { list: number[]; fill: number } {
  const avail = available(opts, first);
  let fill = start;
  while (fill < units.length && measure(units, { start, end: fill + 1 }, opts.trackingEm).width <= avail + EPS) fill++;
  if (fill === units.length) {
    const out = [units.length];
    let back = 0;
    for (let e = fill - 1; e > start && back < BACK; e--) {
      if (breakable(units, e)) {
        out.push(e);
        back++;
      }
    }
    return { list: out, fill };
  }
  const out: number[] = [];
  if (fill === start) return { list: [start + 1], fill };
  for (let e = fill; e <= Math.min(units.length, fill + FORWARD); e++) if (e === units.length || breakable(units, e)) out.push(e);
  let back = 0;
  for (let e = fill - 1; e > start && back < BACK; e--) {
    if (breakable(units, e)) {
      out.push(e);
      back++;
    }
  }
  if (out.length === 0) out.push(fill);
  return { list: out, fill };
}

interface State {
  readonly cost: number;
  readonly prev: number;
  readonly end: number;
}

/**
 * Breaks a justified paragraph: the cheapest arrangement, and the cheapest with one line fewer and one line more
 * (each only when its extra cost stays within `maxExtra`).
 */
export function fitParagraph(units: readonly Unit[], opts: LineOptions, maxExtra = Infinity): ParagraphFits {
  const n = units.length;
  // best[k] maps a line start to the cheapest way of reaching it with k lines.
  const layers: Map<number, State>[] = [new Map([[skipSpaces(units, 0), { cost: 0, prev: -1, end: -1 }]])];
  const done = new Map<number, { cost: number; start: number }>(); // lines → cheapest complete arrangement
  const maxLines = 400;
  for (let k = 0; k < maxLines && layers[k]!.size > 0; k++) {
    const next = new Map<number, State>();
    for (const [start, state] of layers[k]!) {
      const { ends, fillLegal } = candidateEnds(units, start, opts, k === 0);
      for (const end of ends) {
        const last = skipSpaces(units, end) >= n;
        const c = lineCost(units, { start, end }, { ...opts, first: k === 0, last, fillLegal });
        if (c === undefined) continue;
        const cost = state.cost + c;
        if (last) {
          const prev = done.get(k + 1);
          if (!prev || cost < prev.cost) done.set(k + 1, { cost, start });
          continue;
        }
        const at = skipSpaces(units, end);
        const old = next.get(at);
        if (!old || cost < old.cost) next.set(at, { cost, prev: start, end });
      }
    }
    layers.push(next);
  }
  const rebuild = (lines: number): LineFit | undefined => {
    const fin = done.get(lines);
    if (!fin) return undefined;
    const ranges: Range[] = [{ start: fin.start, end: n }];
    let start = fin.start;
    for (let k = lines - 1; k > 0; k--) {
      const s = layers[k]!.get(start)!;
      ranges.unshift({ start: s.prev, end: s.end });
      start = s.prev;
    }
    return { ranges, cost: fin.cost };
  };
  let bestLines = -1;
  let bestCost = Infinity;
  for (const [lines, { cost }] of done) {
    if (cost < bestCost - 1e-9 || (Math.abs(cost - bestCost) <= 1e-9 && lines < bestLines)) {
      bestCost = cost;
      bestLines = lines;
    }
  }
  if (bestLines < 0) return { natural: { ranges: [{ start: 0, end: n }], cost: LINE_COST.illegalBreak } };
  const natural = rebuild(bestLines)!;
  const within = (fit: LineFit | undefined) => (fit && fit.cost - natural.cost <= maxExtra ? fit : undefined);
  const tight = bestLines > 1 ? within(rebuild(bestLines - 1)) : undefined;
  const loose = within(rebuild(bestLines + 1));
  return { natural, ...(tight ? { tight } : {}), ...(loose ? { loose } : {}) };
}
