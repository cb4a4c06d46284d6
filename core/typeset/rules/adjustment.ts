/**
 * The allowances within which the typesetter adjusts lines and paragraphs (docs/layout-rules.md, Line breaking
 * and Page breaking), and what each adjustment costs when line breaks and page breaks are chosen together.
 *
 * Sources: clreq `#line_adjustment` (a line is adjusted by compressing punctuation first — 标点挤压 — and only
 * then by spreading space between characters), `#reduction_and_expansion_of_inter-character_spacing`,
 * `#handling_western_text_in_chinese_text_using_proportional_western_fonts` (a Western word is never broken;
 * the space is found elsewhere on the line), `#adjustments_of_orphans_and_widows` (a paragraph is made a line
 * shorter or longer — 缩行/伸行 — to avoid a widow or an orphan); GB/T 9704-2012 §5.2.3 (22 lines × 28
 * characters: a pure Chinese line holds exactly 28 cells).
 */

/** Largest extra space between two units of a line that holds Latin letters or digits, in cells (issue 11). */
export const MAX_SPREAD_PER_GAP = 0.25;

/** What each deviation from the grid costs a paragraph's line breaking (lower is better). */
export const LINE_COST = {
  /**
   * A pure Chinese line one cell short: a character pushed out (推出), the rest spread, so every character
   * between its ends leaves the grid (plus offGridUnit for each).
   */
  pushedOutCell: 100,
  /** A pure Chinese line two cells short (issue 11: never a 2-cell hole where moving a word would do). */
  twoCellsShort: 900,
  /**
   * A pure Chinese line holding more characters than cells by compressing marks that are not adjacent (推入):
   * the characters between two compressed marks sit half a cell off the grid (plus offGridUnit for each).
   */
  pulledInCell: 90,
  /** Per unit a line's adjustment leaves off the grid. */
  offGridUnit: 2,
  /**
   * Per mark of a pure Chinese line compressed in an adjacent pair (”，  。“): the line holds a character more
   * and every character keeps its cell (clreq #adjustment_of_adjacent_punctuation_marks: two adjacent marks may
   * take one em). Cheap, but not free: an uncompressed line reads better.
   */
  pairedMarks: 2,
  /**
   * A pure Chinese line whose last mark, a pause or stop mark that may not start the next line, hangs past its
   * end (rules/hanging.ts): every character stays on the grid; dearer than an adjacent pair compressed, which
   * keeps the type area's edge.
   */
  hangingMark: 6,
  /**
   * Added when a pure Chinese line leaves the grid although it could have ended on it: pushing a character out
   * (e.g. to give the last line two characters) before pulling one in by compression.
   */
  unforcedPush: 60,
  unforcedPull: 120,
  /** A line with Latin or digits: per compressed mark. */
  compressedMark: 3,
  /** A line with Latin or digits: per cell of extra space spread over the line (within MAX_SPREAD_PER_GAP). */
  spreadCell: 8,
  /** A line with Latin or digits spread beyond MAX_SPREAD_PER_GAP: a hole; only when nothing else fits. */
  hole: 2000,
  /** A paragraph's last line with fewer than two characters (clreq #adjustments_of_orphans_and_widows). */
  shortLastLine: 500,
  /** A break where the prohibitions allow none (a line of one unbreakable run). */
  illegalBreak: 10000,
} as const;

/** How far a paragraph may be tightened (one line fewer) or loosened (one line more), in line cost. */
export const PARAGRAPH_ADJUSTMENT = {
  /** Largest added line cost of a paragraph tightened or loosened to fill a page (about three lines changed). */
  maxExtraCost: 700,
  /**
   * Largest added line cost of a paragraph tightened to save the last page (issue 16: 缩版), about eight lines
   * each holding one character more by compressing two of its marks — never a tracking change.
   */
  maxSaveCost: 1500,
  /**
   * Added, when pages are filled, for each line a tightened or loosened paragraph sets off the grid beyond its
   * best arrangement (GB/T 9704-2012 §5.2.3: a pure Chinese line holds exactly 28 cells; clreq #line_adjustment):
   * a page is filled by the arrangement that leaves the grid least — paragraphs whose other arrangement stays on
   * the grid first (adjacent marks compressed, a mark hung, an extra line broken at full lines), then the fewest
   * lines off the grid. Less than a hole's line (page-plan.ts), so full pages come first.
   */
  offGridLine: 400,
} as const;
