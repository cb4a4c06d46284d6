/**
 * Full-width punctuation and how much of its em box is empty, for compression (标点挤压).
 * Source: clreq §3.1.6 "Punctuation adjustment" — in Simplified Chinese fonts the marks ，。、；：！？ and
 * closing brackets and quotes sit in the left half of the em box, opening brackets and quotes in the right
 * half, so each can give up half an em when a line needs room.
 */

export type PunctuationPosition = 'left' | 'right' | 'center';

/** Marks whose ink sits in the left half (right half empty). */
const LEFT = new Set([...'，。、；：！？”’）」』》〉】〕〗']);
/** Marks whose ink sits in the right half (left half empty). */
const RIGHT = new Set([...'“‘（「『《〈【〔〖']);

/** Where a full-width mark's ink sits in its em box, or undefined for characters that are not such marks. */
export function punctuationPosition(ch: string): PunctuationPosition | undefined {
  if (LEFT.has(ch)) return 'left';
  if (RIGHT.has(ch)) return 'right';
  return undefined;
}

/** The share of an em a mark may give up when compressed (clreq: half-width form). */
export const COMPRESSIBLE_SHARE = 0.5;
