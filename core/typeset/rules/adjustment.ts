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
  /** A pure Chinese line that is one cell short (a character pushed out, the rest spread: 推出). */
  pushedOutCell: 100,
  /** A pure Chinese line two cells short (issue 11: never a 2-cell hole where moving a word would do). */
  twoCellsShort: 900,
  /** A pure Chinese line holding one character more by compressing two marks (推入). */
  pulledInCell: 90,
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
} as const;
