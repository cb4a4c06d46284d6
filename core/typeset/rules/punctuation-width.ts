import { markOf, type InkPosition } from '../../text/punctuation-table.js';

/**
 * Full-width punctuation and how much of its em box is empty, for compression (标点挤压).
 * Source: clreq #punctuation_width_adjustment — in Simplified Chinese fonts the marks ，。、；：！？ and
 * closing brackets and quotes sit in the left half of the em box, opening brackets and quotes in the right
 * half, so each can give up half an em when a line needs room. Which marks, and where their ink sits, is
 * the punctuation table's (core/text/punctuation-table.ts); docs/layout-rules.md, "Punctuation".
 */

export type PunctuationPosition = InkPosition;

/**
 * Where a compressible full-width mark's ink sits in its em box, or undefined for characters that are not such
 * marks (Han, Latin, and marks never compressed: · … — ～).
 */
export function punctuationPosition(ch: string): PunctuationPosition | undefined {
  const mark = markOf(ch);
  return mark && mark.width === 'full' && mark.compressible ? mark.ink : undefined;
}

/** The share of an em a mark may give up when compressed (clreq: half-width form). */
export const COMPRESSIBLE_SHARE = 0.5;

/** The marks chosen to give up half their width, and how many other units of the line that moves off the grid. */
export interface CompressionPlan {
  /** Positions in the line (0 = its first unit) of the marks compressed, in order. */
  readonly picked: readonly number[];
  /** Units of the line left half a cell off the grid by the compression (0: every character stays in its cell). */
  readonly offGrid: number;
}

/**
 * Which marks of a line give up half their width when the line holds `halves` half cells more than its room
 * (推入, clreq #prohibition_rules_for_line_start_end), chosen so that the fewest characters leave the grid
 * (docs/layout-rules.md, Punctuation).
 *
 * Compressing one mark moves everything after it half a cell off the grid; compressing a second moves what
 * follows that one back onto it, a whole cell on. So marks are compressed in pairs, and the pair whose marks
 * stand closest together is taken first: two adjacent marks (”，  。“  ）、) compressed together take one cell
 * and every character of the line keeps its cell — clreq #adjustment_of_adjacent_punctuation_marks: two adjacent
 * marks are set in 1.5 em and "may be reduced to 1 em". A pair further apart leaves the characters between its
 * marks half a cell off. An odd half (a line with Latin text) is taken from the last mark.
 *
 * `marks` are the positions of the line's compressible marks in order, `count` the units of the line. Undefined
 * when the line has too few marks.
 */
export function compressionPlan(marks: readonly number[], count: number, halves: number): CompressionPlan | undefined {
  if (halves <= 0) return { picked: [], offGrid: 0 };
  if (marks.length < halves) return undefined;
  let pool = marks;
  let single: number | undefined;
  let offGrid = 0;
  if (halves % 2 === 1) {
    single = marks[marks.length - 1]!;
    pool = marks.slice(0, -1);
    offGrid += count - 1 - single;
  }
  const pairs = halves >> 1;
  if (pairs === 0) return { picked: [single!], offGrid };
  // best[i][t]: fewest units off the grid with t pairs of adjacent entries among the first i marks.
  const m = pool.length;
  const best: number[][] = [];
  for (let i = 0; i <= m; i++) best.push(new Array<number>(pairs + 1).fill(Infinity));
  for (let i = 0; i <= m; i++) best[i]![0] = 0;
  for (let i = 2; i <= m; i++) {
    const gap = pool[i - 1]! - pool[i - 2]! - 1;
    for (let t = 1; t <= pairs; t++) {
      const skip = best[i - 1]![t]!;
      const take = best[i - 2]![t - 1]! + gap;
      // On a tie the later pair is taken: compression nearer the line's end, as it is applied.
      best[i]![t] = take <= skip ? take : skip;
    }
  }
  if (best[m]![pairs] === Infinity) return undefined;
  const picked: number[] = [];
  for (let i = m, t = pairs; t > 0; ) {
    if (i >= 2 && best[i - 2]![t - 1]! + pool[i - 1]! - pool[i - 2]! - 1 === best[i]![t]!) {
      picked.unshift(pool[i - 2]!, pool[i - 1]!);
      i -= 2;
      t--;
    } else i--;
  }
  if (single !== undefined) picked.push(single);
  return { picked, offGrid: offGrid + best[m]![pairs]! };
}
