import { allCells, available, boxWidth, breakable, compressedTake, gapBetween, letters, measure, settleLine, skipSpaces, spreadGaps, trim, type LineOptions, type Range } from './lines.js';
import { LINE_COST, MAX_SPREAD_PER_GAP } from './rules/adjustment.js';
import { mayHang } from './rules/hanging.js';
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
  /** Lines of it, not the last, set off the grid ({@link lineOffGrid}). */
  readonly offGrid: number;
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

/** The cost of a line from `range.start` to `range.end`, or undefined when it cannot hold them. */
export function lineCost(
  units: readonly Unit[],
  range: Range,
  opts: LineOptions & { m?: Measurer },
  line: { readonly first: boolean; readonly last: boolean; readonly fillLegal?: boolean },
): number | undefined {
  return lineFacts(units, range, opts, line)?.cost;
}

/**
 * Whether a line that is not a paragraph's last leaves the grid: a pure Chinese line a cell short (推出) or
 * holding a character more by compressing marks that are not adjacent (推入) — GB/T 9704-2012 §5.2.3, clreq
 * #line_adjustment. Lines with Latin letters or digits are not counted (they are not held to the grid).
 */
export function lineOffGrid(
  units: readonly Unit[],
  range: Range,
  opts: LineOptions & { m?: Measurer },
  line: { readonly first: boolean; readonly last: boolean },
): boolean {
  return lineFacts(units, range, opts, line)?.offGrid ?? false;
}

/** A line's facts on the grid and off it (module-level: this runs for every candidate line). */
function on(cost: number): { cost: number; offGrid: boolean } {
  return { cost, offGrid: false };
}

function off(cost: number): { cost: number; offGrid: boolean } {
  return { cost, offGrid: true };
}

/** A line's cost, and whether it is a pure Chinese line set off the grid. */
function lineFacts(
  units: readonly Unit[],
  range: Range,
  opts: LineOptions & { m?: Measurer },
  line: { readonly first: boolean; readonly last: boolean; readonly fillLegal?: boolean },
): { cost: number; offGrid: boolean } | undefined {
  const r = trim(units, range);
  if (r.end <= r.start) return undefined;
  const avail = available(opts, line.first);
  const m = opts.m ? opts.m.measure(r) : measure(units, r, opts.trackingEm);
  const single = r.end - r.start === 1;
  const pure = opts.m ? opts.m.allCells(r) : allCells(units, r);
  const legal = range.end >= units.length || (opts.m ? opts.m.breakable(range.end) : breakable(units, range.end));
  let cost = legal ? 0 : LINE_COST.illegalBreak;
  const slack = avail - m.width;
  const hanging = opts.hangingPunctuation === true && opts.align === 'justify';
  // Too wide even with every mark compressed, and no mark to hang.
  if (m.width - m.shrink > avail + EPS && !single && !(hanging && pure && mayHang(units[r.end - 1]!.text))) return undefined;
  // An over-full line: how it is set (compressed marks, a hanging mark), or undefined when it cannot be.
  // (A line with Latin text needs only the compression its marks can give, checked above.)
  const settled =
    slack < -EPS && !single && pure
      ? settleLine(units, r, -slack, { trackingEm: opts.trackingEm, hangingPunctuation: hanging, pure })
      : undefined;
  if (slack < -EPS && !single && pure && !settled) return undefined;
  if (line.last) {
    if (!line.first && letters(units, r) < 2) cost += LINE_COST.shortLastLine;
    return on(cost + (slack < -EPS ? LINE_COST.compressedMark : 0));
  }
  const size = units[r.start]!.size;
  const cell = size * (1 + opts.trackingEm);
  if (pure) {
    const cells = slack / cell;
    // Off the grid where the line could have ended on it: only to save another line (clreq settles a
    // prohibition on the line where it arises).
    const unforced = line.fillLegal === true && Math.abs(cells) > EPS;
    if (cells > 2 + EPS) return off(cost + LINE_COST.hole); // more than two cells short: a hole
    if (cells > 1 + EPS) return off(cost + LINE_COST.twoCellsShort); // a 2-cell hole: only when nothing else fits
    // A cell short: a character pushed out (推出), the space spread over the line, every character between its
    // ends off the grid.
    if (cells > EPS) return off(cost + (unforced ? LINE_COST.unforcedPush : 0) + LINE_COST.pushedOutCell + LINE_COST.offGridUnit * Math.max(0, r.end - r.start - 2));
    if (settled) {
      // Characters pulled in (推入): on the grid when marks are compressed in adjacent pairs or the last mark hangs.
      const paired = LINE_COST.pairedMarks * settled.plan.picked.length;
      if (settled.hang) return on(cost + LINE_COST.hangingMark + paired);
      const whole = Math.abs(cells - Math.round(cells)) <= EPS;
      if (settled.plan.offGrid === 0 && whole) return on(cost + paired);
      return off(cost + (unforced ? LINE_COST.unforcedPull : 0) + LINE_COST.pulledInCell + LINE_COST.offGridUnit * settled.plan.offGrid);
    }
    return on(cost);
  }
  if (slack < -EPS) {
    // Over-full: marks compressed from the end backwards, half a cell each.
    return on(cost + LINE_COST.compressedMark * Math.ceil(-slack / (0.5 * cell) - 1e-6));
  }
  const gaps = Math.max(1, spreadGaps(units, r));
  const perGap = slack / gaps / cell;
  if (perGap > MAX_SPREAD_PER_GAP + 1e-6) return on(cost + LINE_COST.hole + LINE_COST.spreadCell * (slack / cell));
  return on(cost + LINE_COST.spreadCell * (slack / cell));
}

/**
 * The ends worth trying for a line starting at `start` — legal breaks around where it fills — and whether the
 * line may end where it fills.
 */
function candidateEnds(units: readonly Unit[], start: number, opts: LineOptions & { m: Measurer }, first: boolean): { ends: number[]; fillLegal: boolean } {
  const ends = candidateList(units, start, opts, first);
  return { ends: ends.list, fillLegal: ends.fill < units.length && opts.m.breakable(ends.fill) };
}

function candidateList(units: readonly Unit[], start: number, opts: LineOptions & { m: Measurer }, first: boolean): { list: number[]; fill: number } {
  const avail = available(opts, first);
  const fill = opts.m.fill(start, avail);
  if (fill === units.length) {
    const out = [units.length];
    let back = 0;
    for (let e = fill - 1; e > start && back < BACK; e--) {
      if (opts.m.breakable(e)) {
        out.push(e);
        back++;
      }
    }
    return { list: out, fill };
  }
  const out: number[] = [];
  if (fill === start) return { list: [start + 1], fill };
  for (let e = fill; e <= Math.min(units.length, fill + FORWARD); e++) if (e === units.length || opts.m.breakable(e)) out.push(e);
  let back = 0;
  for (let e = fill - 1; e > start && back < BACK; e--) {
    if (opts.m.breakable(e)) {
      out.push(e);
      back++;
    }
  }
  if (out.length === 0) out.push(fill);
  return { list: out, fill };
}

/**
 * Widths of ranges of a paragraph's units in constant time (prefix sums), equal to `measure` of ./lines.ts:
 * the natural width of the range without its edge spaces, and what compressing its marks (all but the last)
 * could take off.
 */
export interface Measurer {
  measure(range: Range): { width: number; shrink: number };
  /** The largest end such that the range from `start` fits `avail` at natural width (`start` when none does). */
  fill(start: number, avail: number): number;
  /** Whether a line may end before unit i (./lines.ts `breakable`), looked up. */
  breakable(i: number): boolean;
  /** Whether every unit of a range takes grid cells (spaces aside). */
  allCells(range: Range): boolean;
}

/** A measurer over units at a tracking. */
export function measurer(units: readonly Unit[], trackingEm: number): Measurer {
  const n = units.length;
  const box = new Float64Array(n + 1); // box[i]: sum of box widths of units [0, i)
  const gap = new Float64Array(n + 1); // gap[i]: sum of the gaps before units 1 … i-1
  const shrink = new Float64Array(n + 1); // shrink[i]: compression available in units [0, i)
  const proportional = new Int32Array(n + 1); // proportional[i]: units of [0, i) that take no cells (not spaces)
  const canBreak = new Uint8Array(n + 1);
  for (let i = 0; i <= n; i++) canBreak[i] = breakable(units, i) ? 1 : 0;
  for (let i = 0; i < n; i++) {
    proportional[i + 1] = proportional[i]! + (units[i]!.cells === 0 && units[i]!.cls !== 'space' ? 1 : 0);
    const u = units[i]!;
    box[i + 1] = box[i]! + boxWidth(u, trackingEm);
    gap[i + 1] = gap[i]! + (i > 0 ? gapBetween(units[i - 1]!, u, trackingEm) : 0);
    shrink[i + 1] = shrink[i]! + (u.punct ? compressedTake(u, trackingEm) : 0);
  }
  return {
    measure(range) {
      const r = trim(units, range);
      if (r.end <= r.start) return { width: 0, shrink: 0 };
      const width = box[r.end]! - box[r.start]! + gap[r.end]! - gap[r.start + 1]!;
      return { width, shrink: shrink[r.end]! - shrink[r.start]! };
    },
    fill(start, avail) {
      let from = start;
      while (from < n && units[from]!.cls === 'space') from++;
      let fill = start;
      for (let e = from + 1; e <= n; e++) {
        // A trailing space is trimmed: the range ending with it is as wide as without it.
        if (units[e - 1]!.cls !== 'space' && box[e]! - box[from]! + gap[e]! - gap[from + 1]! > avail + EPS) break;
        fill = e;
      }
      return from >= n ? n : Math.max(fill, start);
    },
    breakable: (i) => canBreak[i] === 1,
    allCells: (r) => proportional[r.end]! - proportional[r.start]! === 0,
  };
}

/** Options of {@link fitParagraph}. */
export interface FitOptions {
  /**
   * The paragraph is set at a tracking other than the grid's (a stated tracking change to save a line): no line
   * is held to the grid's cells; each costs what it is spread or compressed.
   */
  readonly offGrid?: boolean;
}

/**
 * Breaks a justified paragraph: the cheapest arrangement, and the cheapest with one line fewer and one line more
 * (each only when its extra cost stays within `maxExtra`).
 */
export function fitParagraph(units: readonly Unit[], opts: LineOptions, maxExtra = Infinity, fit: FitOptions = {}): ParagraphFits {
  const n = units.length;
  const width = n + 1;
  // Layer k holds, for each line start reached with k lines, the cheapest cost and the line that reached it.
  const costs: Float64Array[] = [];
  const prevs: Int32Array[] = [];
  const ends: Int32Array[] = [];
  const actives: number[][] = [];
  const addLayer = () => {
    costs.push(new Float64Array(width).fill(Infinity));
    prevs.push(new Int32Array(width));
    ends.push(new Int32Array(width));
    actives.push([]);
  };
  addLayer();
  const first = skipSpaces(units, 0);
  costs[0]![first] = 0;
  actives[0]!.push(first);
  const done = new Map<number, { cost: number; start: number }>(); // lines → cheapest complete arrangement
  let best = Infinity;
  const maxLines = 400;
  // The ends and costs of a line from a start (the first line apart: its indent differs), worked out once.
  const memo = new Map<number, { end: number; at: number; last: boolean; cost: number }[]>();
  const grid = measurer(units, opts.trackingEm);
  // Off the grid (a stated tracking change, ./rules/tracking.ts): every line is costed by its spread and compression.
  const m: Measurer = fit.offGrid ? { ...grid, allCells: () => false } : grid;
  const mopts = { ...opts, m };
  for (let k = 0; k < maxLines && actives[k]!.length > 0; k++) {
    addLayer();
    const cost = costs[k]!;
    const nextCost = costs[k + 1]!;
    const nextPrev = prevs[k + 1]!;
    const nextEnd = ends[k + 1]!;
    const nextActive = actives[k + 1]!;
    for (const start of actives[k]!) {
      const base = cost[start]!;
      // No arrangement through here can come within the allowance of the best complete one.
      if (base > best + maxExtra) continue;
      const key = k === 0 ? -1 - start : start;
      let choices = memo.get(key);
      if (!choices) {
        const found = candidateEnds(units, start, mopts, k === 0);
        choices = [];
        for (const end of found.ends) {
          const at = skipSpaces(units, end);
          const last = at >= n;
          const c = lineCost(units, { start, end }, mopts, { first: k === 0, last, fillLegal: found.fillLegal });
          if (c !== undefined) choices.push({ end, at, last, cost: c });
        }
        memo.set(key, choices);
      }
      for (const choice of choices) {
        const total = base + choice.cost;
        if (choice.last) {
          const prev = done.get(k + 1);
          if (!prev || total < prev.cost) done.set(k + 1, { cost: total, start });
          if (total < best) best = total;
          continue;
        }
        const at = choice.at;
        if (total < nextCost[at]!) {
          if (nextCost[at] === Infinity) nextActive.push(at);
          nextCost[at] = total;
          nextPrev[at] = start;
          nextEnd[at] = choice.end;
        }
      }
    }
  }
  const rebuild = (lines: number): LineFit | undefined => {
    const fin = done.get(lines);
    if (!fin) return undefined;
    const ranges: Range[] = [{ start: fin.start, end: n }];
    let start = fin.start;
    for (let k = lines - 1; k > 0; k--) {
      const prev = prevs[k]![start]!;
      ranges.unshift({ start: prev, end: ends[k]![start]! });
      start = prev;
    }
    return { ranges, cost: fin.cost, offGrid: countOffGrid(units, ranges, mopts) };
  };
  let bestLines = -1;
  let bestCost = Infinity;
  for (const [lines, { cost }] of done) {
    if (cost < bestCost - 1e-9 || (Math.abs(cost - bestCost) <= 1e-9 && lines < bestLines)) {
      bestCost = cost;
      bestLines = lines;
    }
  }
  if (bestLines < 0) return { natural: { ranges: [{ start: 0, end: n }], cost: LINE_COST.illegalBreak, offGrid: 0 } };
  const natural = rebuild(bestLines)!;
  const within = (fit: LineFit | undefined) => (fit && fit.cost - natural.cost <= maxExtra ? fit : undefined);
  const tight = bestLines > 1 ? within(rebuild(bestLines - 1)) : undefined;
  const loose = within(rebuild(bestLines + 1));
  return { natural, ...(tight ? { tight } : {}), ...(loose ? { loose } : {}) };
}

/** How many lines of an arrangement, the last aside, leave the grid. */
function countOffGrid(units: readonly Unit[], ranges: readonly Range[], opts: LineOptions & { m: Measurer }): number {
  let count = 0;
  for (let k = 0; k < ranges.length - 1; k++) if (lineOffGrid(units, ranges[k]!, opts, { first: k === 0, last: false })) count++;
  return count;
}
