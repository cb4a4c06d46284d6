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
