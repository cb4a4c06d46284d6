import { canBreakBetween } from './rules/kinsoku.js';
import { COMPRESSIBLE_SHARE, compressionPlan, type CompressionPlan } from './rules/punctuation-width.js';
import { HAN_LATIN_GAP_EM, needsHanLatinGap } from './rules/spacing.js';
import type { RowDrawing } from './table-block.js';
import { mayHang } from './rules/hanging.js';
import type { Unit } from './units.js';

/**
 * Stage 2b: units become lines (docs/layout-rules.md, Line breaking). Greedy filling on the character grid,
 * then the clreq adjustments: line-start and line-end prohibitions (#prohibition_rules_for_line_start_end)
 * settled by pulling a mark in with punctuation compression or pushing a character out; justification that
 * spreads the remaining space between characters (#line_adjustment); a paragraph's last line never a single
 * character.
 */

export type Align = 'justify' | 'center' | 'right';

export interface LineOptions {
  /** Width of the text column in points. */
  readonly width: number;
  /** Indents in points: first line, later lines (hanging), right. */
  readonly firstIndent: number;
  readonly hangIndent: number;
  readonly rightIndent: number;
  readonly align: Align;
  /** Space added between two full-width characters, in ems (negative to fit 28 × 16 pt into 156 mm). */
  readonly trackingEm: number;
  /** Whether a pause or stop mark may hang past the line's end (rules/hanging.ts; the preset's setting). */
  readonly hangingPunctuation?: boolean;
}

/** A unit placed on a line: where its glyphs are drawn, relative to the column's left edge. */
export interface Placement {
  readonly unit: Unit;
  readonly x: number;
}

export interface Line {
  readonly placements: readonly Placement[];
  /** Whether this is the block's last line (not justified). */
  readonly last: boolean;
  /** A table row that starts on this grid line (./table-block.ts); its placements are then empty. */
  readonly table?: RowDrawing;
}

const EPS = 0.01;

/** Breaks a paragraph's units into lines and places every unit. */
export function breakLines(units: readonly Unit[], opts: LineOptions): Line[] {
  return setLines(units, findBreaks(units, opts), opts);
}

/** Places units on lines that start at the given unit indices (the first is 0), e.g. a title's. */
export function setLinesAt(units: readonly Unit[], starts: readonly number[], opts: LineOptions): Line[] {
  return setLines(
    units,
    starts.map((start, i) => ({ start, end: starts[i + 1] ?? units.length })),
    opts,
  );
}

export function setLines(units: readonly Unit[], ranges: readonly Range[], opts: LineOptions): Line[] {
  return ranges.map((range, i) => placeLine(units, range, { ...opts, last: i === ranges.length - 1, first: i === 0 }));
}

export interface Range {
  readonly start: number;
  readonly end: number;
}

/** The gap between two adjacent units at their natural spacing. */
export function gapBetween(a: Unit, b: Unit, trackingEm: number): number {
  if (a.cls === 'space' || b.cls === 'space') return 0;
  if (a.cells > 0 && b.cells > 0) return trackingEm * b.size;
  if (needsHanLatinGap(a.text, b.text)) return HAN_LATIN_GAP_EM * Math.max(a.size, b.size);
  return 0;
}

/** The width a unit occupies at natural spacing. */
export function boxWidth(u: Unit, trackingEm: number): number {
  // A pair (——, ……) takes the width its font draws plus the grid's tracking inside it: Noto's —— is one
  // 1.69 em glyph, and a two-cell box would leave a line that ends with it 2.4 pt short of the right edge.
  // Justification spreads the difference over the line.
  if (u.cells > 1) return u.advance + (u.cells - 1) * trackingEm * u.size;
  return u.cells > 0 ? u.size : u.advance;
}

/** Whether a line may end between units[i-1] and units[i]. */
export function breakable(units: readonly Unit[], i: number): boolean {
  if (i <= 0 || i >= units.length) return i === units.length;
  const a = units[i - 1]!;
  const b = units[i]!;
  if (a.cls === 'space' || b.cls === 'space') return true;
  if (a.cls === 'latin' && b.cls === 'latin') return a.breakAfter === true; // a URL's break point (rules/url-breaks.ts)
  return canBreakBetween(a.text, b.text);
}

/**
 * Whether the gap before unit `i` of a (trimmed) range takes a share of a justified line's extra space: not
 * between two pieces of one Latin word or URL (rules/url-breaks.ts), which are set without space between them —
 * unless the line holds nothing else, when a URL's pieces are spread apart at its break points.
 */
export function spreadsBefore(units: readonly Unit[], r: Range, i: number, urlOnly: boolean): boolean {
  const a = units[i - 1]!;
  const b = units[i]!;
  if (!(a.cls === 'latin' && b.cls === 'latin')) return true;
  return urlOnly && a.breakAfter === true;
}

/** Whether every gap of a (trimmed) range lies inside a Latin word or URL (no other gap to spread). */
export function onlyJoined(units: readonly Unit[], r: Range): boolean {
  for (let i = r.start + 1; i < r.end; i++) if (!(units[i - 1]!.cls === 'latin' && units[i]!.cls === 'latin')) return false;
  return true;
}

/** How many gaps of a (trimmed) range take a share of a justified line's extra space ({@link spreadsBefore}). */
export function spreadGaps(units: readonly Unit[], r: Range): number {
  const urlOnly = onlyJoined(units, r);
  let n = 0;
  for (let i = r.start + 1; i < r.end; i++) if (spreadsBefore(units, r, i, urlOnly)) n++;
  return n;
}

/** Trims spaces from both ends of a range. */
export function trim(units: readonly Unit[], r: Range): Range {
  let { start, end } = r;
  while (start < end && units[start]!.cls === 'space') start++;
  while (end > start && units[end - 1]!.cls === 'space') end--;
  return { start, end };
}

/**
 * What compressing a mark takes off a line: half its cell — half its em box and of the grid's tracking after it —
 * so that two marks compressed free exactly one cell and the characters after them land on the grid again.
 */
export function compressedTake(u: Unit, trackingEm: number): number {
  return COMPRESSIBLE_SHARE * u.size * (1 + trackingEm);
}

/** Natural width of a range and how much punctuation compression could take off it. */
export function measure(units: readonly Unit[], range: Range, trackingEm: number): { width: number; shrink: number } {
  const r = trim(units, range);
  let width = 0;
  let shrink = 0;
  for (let i = r.start; i < r.end; i++) {
    const u = units[i]!;
    if (i > r.start) width += gapBetween(units[i - 1]!, u, trackingEm);
    width += boxWidth(u, trackingEm);
    if (u.punct) shrink += compressedTake(u, trackingEm);
  }
  return { width, shrink };
}

/**
 * The marks of a line (trimmed range) compressed to take off `over` points (rules/punctuation-width.ts
 * `compressionPlan`: in pairs, closest together first, so that characters keep their grid cells), or undefined
 * when its marks cannot give that much. Positions are relative to the range's start.
 */
export function planCompression(units: readonly Unit[], r: Range, over: number, trackingEm: number): CompressionPlan | undefined {
  if (over <= EPS) return { picked: [], offGrid: 0 };
  const marks: number[] = [];
  let take = 0;
  for (let i = r.start; i < r.end; i++) {
    const u = units[i]!;
    if (!u.punct) continue;
    marks.push(i - r.start);
    take = Math.max(take, compressedTake(u, trackingEm));
  }
  if (!marks.length) return undefined;
  const halves = Math.ceil(over / take - 1e-6);
  return compressionPlan(marks, r.end - r.start, halves);
}

/** The width a line has for its units: the column less the right indent and the first or hanging indent. */
export function available(opts: LineOptions, first: boolean): number {
  return opts.width - opts.rightIndent - (first ? opts.firstIndent : opts.hangIndent);
}

/** How a line too full for its room is set (推入): marks compressed, and perhaps its last mark hung. */
export interface Settlement {
  /** The line's last unit, a pause or stop mark, hangs past the line's end (rules/hanging.ts). */
  readonly hang: boolean;
  /** The marks compressed (of the line less a hanging mark). */
  readonly plan: CompressionPlan;
}

/**
 * How a line (trimmed range) `over` points wider than its room is set, or undefined when it cannot be:
 * marks compressed in adjacent pairs when that keeps every character on the grid; else, for a line of full-width
 * units only whose last unit is a pause or stop mark, that mark hung past the end when what is left fills the
 * line exactly (with pairs compressed if needed); else marks compressed as the plan chooses, some characters
 * then half a cell off the grid.
 */
export function settleLine(
  units: readonly Unit[],
  r: Range,
  over: number,
  opts: { readonly trackingEm: number; readonly hangingPunctuation?: boolean; readonly pure: boolean },
): Settlement | undefined {
  const plan = planCompression(units, r, over, opts.trackingEm);
  if (plan && plan.offGrid === 0) return { hang: false, plan };
  if (opts.hangingPunctuation && opts.pure && r.end - r.start > 1) {
    const last = units[r.end - 1]!;
    if (mayHang(last.text)) {
      const rest = over - boxWidth(last, opts.trackingEm) - gapBetween(units[r.end - 2]!, last, opts.trackingEm);
      if (rest >= -EPS) {
        const inner = planCompression(units, { start: r.start, end: r.end - 1 }, rest, opts.trackingEm);
        if (inner && inner.offGrid === 0 && (rest <= EPS || inner.picked.length > 0)) return { hang: true, plan: inner };
      }
    }
  }
  return plan ? { hang: false, plan } : undefined;
}

/** Whether every unit of a range takes grid cells (a pure Chinese line: Han characters and full-width marks). */
export function allCells(units: readonly Unit[], r: Range): boolean {
  for (let i = r.start; i < r.end; i++) if (units[i]!.cells === 0 && units[i]!.cls !== 'space') return false;
  return true;
}

/** Chooses line ranges. */
function findBreaks(units: readonly Unit[], opts: LineOptions): Range[] {
  const ranges: Range[] = [];
  let start = skipSpaces(units, 0);
  while (start < units.length) {
    const avail = available(opts, ranges.length === 0);
    const end = chooseEnd(units, start, avail, opts);
    ranges.push({ start, end });
    start = skipSpaces(units, end);
  }
  return fixShortLastLine(units, ranges, opts);
}

/** The index of the first unit from i on that is not a space. */
export function skipSpaces(units: readonly Unit[], i: number): number {
  while (i < units.length && units[i]!.cls === 'space') i++;
  return i;
}

/** The greedy end, then the cheapest legal break near it: as is, pulled in by compression, or pushed out. */
function chooseEnd(units: readonly Unit[], start: number, avail: number, opts: LineOptions): number {
  let fill = start;
  while (fill < units.length && measure(units, { start, end: fill + 1 }, opts.trackingEm).width <= avail + EPS) fill++;
  if (fill === units.length) return fill;
  if (fill === start) return start + 1; // a unit wider than the line: it stands alone
  if (breakable(units, fill)) return fill;
  // Pull in: one or two more units, if compressing punctuation makes room (clreq 推入).
  for (let e = fill + 1; e <= Math.min(units.length, fill + 2); e++) {
    if (!breakable(units, e)) continue;
    const m = measure(units, { start, end: e }, opts.trackingEm);
    if (m.width - m.shrink <= avail + EPS) return e;
    break;
  }
  // Push out: end the line earlier (clreq 推出).
  for (let e = fill - 1; e > start; e--) if (breakable(units, e)) return e;
  return fill; // no legal break at all: break where it fills
}

/** Characters that count for the last-line rule (punctuation and spaces do not). */
export function letters(units: readonly Unit[], r: Range): number {
  let n = 0;
  for (let i = r.start; i < r.end; i++) if (units[i]!.cls === 'han' || units[i]!.cls === 'latin') n++;
  return n;
}

/** A paragraph's last line holds at least two characters: push one more down from the line above. */
function fixShortLastLine(units: readonly Unit[], ranges: Range[], opts: LineOptions): Range[] {
  if (ranges.length < 2 || opts.align !== 'justify') return ranges;
  const last = ranges[ranges.length - 1]!;
  if (letters(units, last) >= 2) return ranges;
  const prev = ranges[ranges.length - 2]!;
  const avail = available(opts, ranges.length === 2);
  const lastAvail = available(opts, false);
  for (let e = prev.end - 1; e > prev.start + 1; e--) {
    if (!breakable(units, e)) continue;
    const tail = { start: skipSpaces(units, e), end: last.end };
    if (letters(units, tail) < 2) continue;
    if (measure(units, tail, opts.trackingEm).width > lastAvail + EPS) break;
    if (measure(units, { start: prev.start, end: e }, opts.trackingEm).width > avail + EPS) continue;
    return [...ranges.slice(0, -2), { start: prev.start, end: e }, tail];
  }
  return ranges;
}

/** Places a line's units: compression (or a hanging mark) if it is over-full, then alignment. */
function placeLine(
  units: readonly Unit[],
  range: Range,
  opts: LineOptions & { last: boolean; first: boolean },
): Line {
  const r = trim(units, range);
  const avail = available(opts, opts.first);
  const left = opts.first ? opts.firstIndent : opts.hangIndent;
  const boxes: number[] = [];
  const gaps: number[] = [];
  let width = 0;
  for (let i = r.start; i < r.end; i++) {
    const u = units[i]!;
    const gap = i > r.start ? gapBetween(units[i - 1]!, u, opts.trackingEm) : 0;
    gaps.push(gap);
    boxes.push(boxWidth(u, opts.trackingEm));
    width += gap + boxes[boxes.length - 1]!;
  }
  // Over-full (a mark was pulled in, 推入): marks give up half their width, in pairs that keep the grid, or the
  // last mark hangs past the end.
  let hang = false;
  if (width > avail + EPS) {
    const settled = settleLine(units, r, width - avail, {
      trackingEm: opts.trackingEm,
      hangingPunctuation: opts.hangingPunctuation === true && opts.align === 'justify',
      pure: allCells(units, r),
    });
    hang = settled?.hang ?? false;
    const squeeze = (k: number) => {
      const take = compressedTake(units[r.start + k]!, opts.trackingEm);
      boxes[k] = boxes[k]! - take;
      width -= take;
    };
    const picked = settled?.plan.picked ?? [];
    for (const k of picked) squeeze(k);
    if (hang) width -= boxes[boxes.length - 1]! + gaps[gaps.length - 1]!;
    // Marks of other sizes, or too few for the plan: the rest from the end backwards.
    for (let k = boxes.length - (hang ? 2 : 1); k >= 0 && width > avail + EPS; k--) {
      const u = units[r.start + k]!;
      if (u.punct && !picked.includes(k)) squeeze(k);
    }
  }
  const n = boxes.length;
  const inside = hang ? n - 1 : n;
  let extra = 0;
  let offset = 0;
  const urlOnly = onlyJoined(units, { start: r.start, end: r.start + inside });
  const spreadable = spreadGaps(units, { start: r.start, end: r.start + inside });
  if (opts.align === 'justify' && !opts.last && spreadable > 0) extra = (avail - width) / spreadable;
  else if (opts.align === 'center') offset = (avail - width) / 2;
  else if (opts.align === 'right') offset = avail - width;
  const placements: Placement[] = [];
  let x = left + offset;
  for (let k = 0; k < n; k++) {
    const u = units[r.start + k]!;
    // The hanging mark follows the line's last cell at its natural spacing, past the line's end.
    if (k > 0) x += gaps[k]! + (k < inside && spreadsBefore(units, r, r.start + k, urlOnly) ? extra : 0);
    placements.push({ unit: u, x: drawX(u, x, boxes[k]!) });
    x += boxes[k]!;
  }
  return { placements: placements.filter((p) => p.unit.cls !== 'space'), last: opts.last };
}

/** Where a unit's glyphs start inside its box: marks keep their ink side, other full-width units centre. */
function drawX(u: Unit, x: number, box: number): number {
  if (u.cells === 0) return x;
  if (u.punct === 'left') return x;
  if (u.punct === 'right') return x + box - u.advance;
  return x + (box - u.advance) / 2;
}
