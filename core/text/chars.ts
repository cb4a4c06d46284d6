import { FULLWIDTH_MARKS } from './punctuation-table.js';

/**
 * Character classes for Chinese text. Source: W3C clreq (Requirements for Chinese Text Layout) #han_characters and
 * the Unicode blocks it names for Han characters.
 */

/** Whether a code point is a Han character (CJK Unified Ideographs and extensions, compatibility, 〇). */
export function isHan(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x323af) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f) ||
    cp === 0x3007
  );
}

/**
 * Full-width punctuation used in Simplified Chinese text (GB/T 15834-2011), each set as one cell of the
 * character grid: derived from the punctuation table (./punctuation-table.ts).
 */
export const FULLWIDTH_PUNCTUATION: ReadonlySet<string> = FULLWIDTH_MARKS;

/** Whether a character is full-width punctuation of Chinese text. */
export function isFullwidthPunctuation(ch: string): boolean {
  return FULLWIDTH_PUNCTUATION.has(ch);
}

/** Latin letters and Arabic digits (including full-width forms), the "Western" side of clreq
 * #mixed_text_composition_in_horizontal_writing_mode. */
export function isLatinOrDigit(cp: number): boolean {
  return (
    (cp >= 0x30 && cp <= 0x39) ||
    (cp >= 0x41 && cp <= 0x5a) ||
    (cp >= 0x61 && cp <= 0x7a) ||
    (cp >= 0xc0 && cp <= 0x24f)
  );
}

/** Whether the text contains at least one Han character. */
export function hasHan(text: string): boolean {
  for (const ch of text) if (isHan(ch.codePointAt(0)!)) return true;
  return false;
}

/** Counts Han characters in a text. */
export function countHan(text: string): number {
  let n = 0;
  for (const ch of text) if (isHan(ch.codePointAt(0)!)) n++;
  return n;
}
