import { isHan, isLatinOrDigit } from '../../text/chars.js';

/**
 * Space between Han characters and Western letters or digits: a quarter em.
 * Source: clreq #mixed_text_composition_in_horizontal_writing_mode (汉字与西文字母、数字间留四分之一字宽);
 * docs/layout-rules.md, Line breaking.
 */
export const HAN_LATIN_GAP_EM = 0.25;

/** Whether a quarter-em gap belongs between two adjacent characters. */
export function needsHanLatinGap(before: string, after: string): boolean {
  const a = before.codePointAt(before.length - 1 - (isLowSurrogate(before.charCodeAt(before.length - 1)) ? 1 : 0)) ?? 0;
  const b = after.codePointAt(0) ?? 0;
  return (isHan(a) && isLatinOrDigit(b)) || (isLatinOrDigit(a) && isHan(b));
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
