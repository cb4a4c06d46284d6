/**
 * Where a URL may be broken at a line's end (issue 11: a long web address after a short start of a line left a
 * hole, since a Latin word is never broken). A URL is not a word: it may be broken at its separators, the pieces
 * set without space between them and never spread when the line is justified (./adjustment.ts
 * MAX_SPREAD_PER_GAP applies between the URL and its neighbours only), so the address reads — and copies — as
 * typed.
 *
 * Sources: UAX #14 (Unicode Line Breaking Algorithm) §5 "URLs": the default rules give poor breaks inside URLs and
 * implementations are expected to tailor them; The Chicago Manual of Style (17th ed.) §7.42: a URL is broken after
 * a double slash, before a single slash, a period, a hyphen, a question mark, a number sign, a percent sign, a
 * tilde or an underline, and before or after an equals sign or an ampersand — the mark carried to the next line
 * shows the address goes on, and no hyphen is added. For Chinese text clreq
 * `#handling_western_text_in_chinese_text_using_proportional_western_fonts` keeps Western words whole; URLs are
 * the tailoring UAX #14 asks for. docs/layout-rules.md, Line breaking.
 */

/** A run of Latin text that is a web address: a scheme and `//`, or `www.`. */
export const URL_PATTERN = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s]+$/iu;

/** Where a break may fall next to a separator of a URL: before it, after it, or either side. */
export type UrlBreakSide = 'before' | 'after' | 'both';

/** The separators of a URL and on which side of them a line may end (Chicago Manual of Style §7.42). */
export const URL_BREAKS: ReadonlyMap<string, UrlBreakSide> = new Map<string, UrlBreakSide>([
  ['//', 'after'],
  ['/', 'before'],
  ['.', 'before'],
  ['-', 'before'],
  ['?', 'before'],
  ['#', 'before'],
  ['%', 'before'],
  ['~', 'before'],
  ['_', 'before'],
  ['=', 'both'],
  ['&', 'both'],
]);

/** Fewest characters a piece of a URL keeps on either side of a break (no line ending in "h" or starting "m"). */
export const URL_MIN_PIECE = 2;

/**
 * A URL's pieces between which a line may end, in order (joined they give the URL back), or the text whole when
 * it is not a URL. The scheme stays with its `//` (https:// | rd | .gov | /news).
 */
export function urlPieces(text: string): string[] {
  if (!URL_PATTERN.test(text)) return [text];
  const chars = [...text];
  const cuts = new Set<number>(); // cut before chars[i]
  for (let i = 0; i < chars.length; i++) {
    const two = chars[i] === '/' && chars[i + 1] === '/';
    const mark = two ? '//' : chars[i]!;
    const side = URL_BREAKS.get(mark);
    const end = i + mark.length;
    if (side === 'before' || side === 'both') cuts.add(i);
    if (side === 'after' || side === 'both') cuts.add(end);
    if (two) i++;
  }
  const pieces: string[] = [];
  let from = 0;
  for (const at of [...cuts].filter((c) => c > 0 && c < chars.length).sort((a, b) => a - b)) {
    if (at - from < URL_MIN_PIECE || chars.length - at < URL_MIN_PIECE) continue;
    // Never inside "://": the scheme's colon stays with the slashes.
    if (chars[at - 1] === ':' || (chars[at] === '/' && chars[at - 1] === '/')) continue;
    pieces.push(chars.slice(from, at).join(''));
    from = at;
  }
  pieces.push(chars.slice(from).join(''));
  return pieces;
}
