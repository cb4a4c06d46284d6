/**
 * Punctuation and spacing clean-up for Chinese text, mostly for text pulled out of PDFs or typed with a
 * half-width keyboard. Source: GB/T 15834-2011 《标点符号用法》 (Chinese text takes full-width punctuation)
 * and W3C clreq #mixed_text_composition_in_horizontal_writing_mode (the space between Han characters and Latin letters or digits is a typesetting matter,
 * never a typed space). Which marks convert, to what, and which open or close, is the punctuation table's
 * (./punctuation-table.ts); docs/layout-rules.md, "Punctuation".
 */

import { isFullwidthPunctuation, isHan, isLatinOrDigit } from './chars.js';
import { CLOSING_MARKS, FULLWIDTH_MARKS, HALF_TO_FULL, markOf, marksWhere } from './punctuation-table.js';

/** One replacement made by {@link normalizePunctuation}: `offset` is the UTF-16 index in the input. */
export interface PunctuationChange {
  readonly offset: number;
  readonly from: string;
  readonly to: string;
}

/** Result of {@link normalizePunctuation}. Every change keeps the length, so offsets hold in the output too. */
export interface PunctuationResult {
  readonly text: string;
  readonly changes: PunctuationChange[];
}

/**
 * Half-width marks that become full-width by the context of their neighbours alone: the pause and end marks
 * with a partner (, ; : ? !), but not the period, which is also a decimal point and an abbreviation's dot.
 */
const SIMPLE: Readonly<Record<string, string>> = Object.fromEntries(
  [...HALF_TO_FULL].filter(([ch]) => ch !== '.' && ['pause', 'end'].includes(markOf(ch)?.cls ?? '')),
);

/** The straight brackets and quotes converted in pairs, and a test for any of the simple marks. */
const BRACKETS_AND_QUOTES: ReadonlySet<string> = new Set(['(', ')', '"', "'"]);
const SIMPLE_MARKS: ReadonlySet<string> = new Set(Object.keys(SIMPLE));

/** Characters skipped when looking for the "nearest character" of a punctuation mark. */
const SPACES = new Set([' ', '\t', '\u00a0', '\u3000']);

/**
 * Characters after which a leftover straight quote opens rather than closes: pause, end and opening marks of
 * either width (not the period, which may end an abbreviation before a closing quote).
 */
const OPENS_AFTER = marksWhere((m) => ['pause', 'end', 'opening'].includes(m.cls) && m.char !== '.');

/** Closing marks (either width, and the straight quotes) before which a half-width period may end a sentence. */
const CLOSERS = marksWhere((m) => m.cls === 'closing' || m.cls === 'quote');

/** What a URL or an e-mail address never contains: spaces, Chinese punctuation, Han. */
const URL_STOP = `\\s<>"${[...FULLWIDTH_MARKS].join('')}\\u3000-\\u303f\\u4e00-\\u9fff`;

/** Whether a code point reads as Chinese: a Han character or full-width punctuation. */
function isChineseCp(cp: number | undefined): boolean {
  if (cp === undefined) return false;
  return isHan(cp) || isFullwidthPunctuation(String.fromCodePoint(cp));
}

/** The code point whose last UTF-16 unit is at index i (handles surrogate pairs). */
function cpEndingAt(text: string, i: number): number | undefined {
  const c = text.charCodeAt(i);
  if (Number.isNaN(c)) return undefined;
  if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
    const h = text.charCodeAt(i - 1);
    if (h >= 0xd800 && h <= 0xdbff) return (h - 0xd800) * 0x400 + (c - 0xdc00) + 0x10000;
  }
  return c;
}

/** The code point starting at index i. */
function cpStartingAt(text: string, i: number): number | undefined {
  return i >= 0 && i < text.length ? text.codePointAt(i) : undefined;
}

/** Marks the UTF-16 units of URLs and e-mail addresses, which are never touched. */
function protectedMask(text: string): Uint8Array {
  const mask = new Uint8Array(text.length);
  const patterns = [
    new RegExp(`\\b(?:https?|ftp):\\/\\/[^${URL_STOP}]+`, 'giu'),
    new RegExp(`\\bwww\\.[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+(?:[/?#][^${URL_STOP}]*)?`, 'giu'),
  ];
  for (const re of patterns) {
    for (const m of text.matchAll(re)) {
      let end = (m.index ?? 0) + m[0].length;
      // Trailing sentence punctuation belongs to the sentence, not to the address.
      while (end > (m.index ?? 0) && /[.,;:!?)'"]/.test(text[end - 1] ?? '')) end--;
      for (let i = m.index ?? 0; i < end; i++) mask[i] = 1;
    }
  }
  // E-mail addresses, found from each @ outwards (linear, unlike a backtracking pattern).
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let from = at;
    while (from > 0 && /[A-Za-z0-9._%+-]/.test(text[from - 1]!)) from--;
    let to = at + 1;
    while (to < text.length && /[A-Za-z0-9.-]/.test(text[to]!)) to++;
    while (to > at + 1 && text[to - 1] === '.') to--;
    if (from < at && text.slice(at + 1, to).includes('.')) for (let i = from; i < to; i++) mask[i] = 1;
  }
  return mask;
}

/**
 * For every index of a line, the nearest code point to the left and to the right on it, skipping spaces and the
 * half-width marks in {@link SIMPLE} (so that "好?!" sees 好 from both marks), as functions of the index in the
 * whole text, the line starting at `base`. Linear in the line's length.
 */
function neighbours(line: string, base: number): { left: Neighbour; right: Neighbour } {
  const n = line.length;
  const left: (number | undefined)[] = new Array(n);
  const right: (number | undefined)[] = new Array(n);
  let last: number | undefined;
  for (let i = 0; i < n; i++) {
    left[i] = last;
    const ch = line[i]!;
    if (ch === '\r') last = undefined;
    else if (!SPACES.has(ch) && !(ch in SIMPLE)) last = cpEndingAt(line, i);
  }
  last = undefined;
  for (let i = n - 1; i >= 0; i--) {
    right[i] = last;
    const ch = line[i]!;
    if (ch === '\r') last = undefined;
    else if (!SPACES.has(ch) && !(ch in SIMPLE)) last = cpStartingAt(line, i);
  }
  return { left: (i) => left[i - base], right: (i) => right[i - base] };
}

/** The nearest code point on one side of an index, or undefined. */
type Neighbour = (i: number) => number | undefined;

/** Whether either neighbour reads as Chinese while the mark is not simply between Latin letters or digits. */
function inChineseContext(left: number | undefined, right: number | undefined): boolean {
  if (left !== undefined && right !== undefined && isLatinOrDigit(left) && isLatinOrDigit(right)) return false;
  return isChineseCp(left) || isChineseCp(right);
}

/** Lines of a text as [start, end) index ranges. */
function lineRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      ranges.push([start, i]);
      start = i + 1;
    }
  }
  return ranges;
}

/** A heading label's numeral typed with a period ("一.", "十二."): left to the heading grammar, not a sentence end. */
const HAN_NUMERAL_LABEL = /^[\s\u3000]*[一二三四五六七八九十百]+$/u;

/**
 * Replaces half-width punctuation in Chinese text with the full-width forms of GB/T 15834 (the punctuation
 * table's `normalize` marks):
 * - ( ) become （ ） when the pair encloses or touches Chinese ("县(市、区)" → "县（市、区）"); a lone one when
 *   Chinese is beside it;
 * - straight double quotes alternate to “ ” within a line, and '…' becomes ‘…’ around Chinese text without
 *   Latin letters (never an apostrophe as in don't); a lone straight quote beside Chinese opens or closes by
 *   what precedes it;
 * - , ; : ? ! become ，；：？！ when the nearest non-space character on either side is Han or full-width
 *   punctuation — including the brackets and quotes just made full-width, so "(含社区站6个)," converts too;
 * - a period right after a Han character or a full-width closing mark becomes 。 at the end of a line, before
 *   a closing mark, or before more Chinese text ("（含社区站6个）." → "（含社区站6个）。", "是“连心桥”." →
 *   "是“连心桥”。").
 * Left alone: "3.4万", "10:30", "1,000", "报告.docx", "等等...", URLs, e-mail addresses, marks between Latin
 * letters or digits. The input is not modified.
 */
export function normalizePunctuation(text: string): PunctuationResult {
  if (!text) return { text: '', changes: [] };
  const out = text.split('');
  const changes: PunctuationChange[] = [];
  const mask = protectedMask(text);
  const change = (i: number, to: string): void => {
    if (out[i] === to) return;
    changes.push({ offset: i, from: text[i]!, to });
    out[i] = to;
  };

  // Brackets and quotes first, in rounds: each round reads its neighbours on the text as converted so far, so
  // that a lone mark beside a bracket or quote just made full-width sees Chinese (是"连心桥") → 是“连心桥”）).
  const lines = lineRanges(text);
  const hasAny = (from: number, to: number, set: { has(ch: string): boolean }, pending: boolean): boolean => {
    for (let i = from; i < to; i++) if (set.has(text[i]!) && !mask[i] && (!pending || out[i] === text[i])) return true;
    return false;
  };
  for (const [start, end] of lines) {
    // Another round only while a bracket or quote of the line is left half-width and the last round changed
    // something: each reads its neighbours on the line as converted so far.
    for (let round = 0; round < 3 && hasAny(start, end, BRACKETS_AND_QUOTES, true); round++) {
      const before = changes.length;
      const ctx = lineContext(out.slice(start, end).join(''), start, { mask, change });
      convertBrackets(text, start, end, ctx);
      convertDoubleQuotes(text, start, end, ctx);
      convertSingleQuotes(text, start, end, ctx);
      if (changes.length === before) break;
    }
  }

  // , ; : ? ! — their neighbours read on the text with brackets and quotes already full-width.
  const converted = changes.length > 0 ? out.join('') : text;
  for (const [start, end] of lines) {
    if (!hasAny(start, end, SIMPLE_MARKS, false)) continue;
    const near = neighbours(converted.slice(start, end), start);
    for (let i = start; i < end; i++) {
      const to = SIMPLE[text[i]!];
      if (to && !mask[i] && inChineseContext(near.left(i), near.right(i))) change(i, to);
    }
  }

  // . after a Han character or a full-width closing mark, never in "..." or "3.4" or "报告.docx".
  for (const [start, end] of lines) {
    for (let i = start; i < end; i++) {
      if (text[i] !== '.' || mask[i]) continue;
      if (text[i - 1] === '.' || text[i + 1] === '.') continue;
      if (i === start) continue;
      const before = cpEndingAt(converted, i - 1) ?? 0;
      const closer = CLOSING_MARKS.has(converted[i - 1]!);
      if (!isHan(before) && !closer) continue;
      if (!closer && HAN_NUMERAL_LABEL.test(text.slice(start, i))) continue;
      let j = i + 1;
      while (j < end && SPACES.has(text[j]!)) j++;
      const next = cpStartingAt(converted, j);
      const ends = j === end || CLOSERS.has(converted[j]!) || (next !== undefined && j === i + 1 && isChineseCp(next));
      if (ends) change(i, '。');
    }
  }

  changes.sort((a, b) => a.offset - b.offset);
  return { text: out.join(''), changes };
}

/**
 * What the conversions of brackets and quotes on a line read: the neighbours and the Chinese text of the line as
 * converted so far (`line`, starting at `base` in the whole text).
 */
function lineContext(
  line: string,
  base: number,
  shared: { mask: Uint8Array; change: (i: number, to: string) => void },
): LineContext {
  const { left, right } = neighbours(line, base);
  // Prefix sums of "reads as Chinese" on the line, to ask in O(1) whether a range holds Chinese text.
  const chinese = new Int32Array(line.length + 1);
  for (let i = 0; i < line.length; i++) chinese[i + 1] = chinese[i]! + (isChineseCp(cpStartingAt(line, i)) ? 1 : 0);
  const hasChinese = (from: number, to: number): boolean => to > from && chinese[to - base]! - chinese[from - base]! > 0;
  return { ...shared, left, right, hasChinese };
}

/** What the per-line conversions share. */
interface LineContext {
  readonly mask: Uint8Array;
  readonly left: Neighbour;
  readonly right: Neighbour;
  readonly hasChinese: (from: number, to: number) => boolean;
  readonly change: (i: number, to: string) => void;
}

/** ( ) on a line: paired, a pair converts together; a lone one by its neighbours. */
function convertBrackets(text: string, start: number, end: number, ctx: LineContext): void {
  const { mask, left, right, hasChinese, change } = ctx;
  const stack: number[] = [];
  const lone: number[] = [];
  for (let i = start; i < end; i++) {
    if (mask[i]) continue;
    if (text[i] === '(') stack.push(i);
    else if (text[i] === ')') {
      const open = stack.pop();
      if (open === undefined) {
        lone.push(i);
        continue;
      }
      if (hasChinese(open + 1, i) || isChineseCp(left(open)) || isChineseCp(right(i))) {
        change(open, '（');
        change(i, '）');
      }
    }
  }
  for (const i of [...stack, ...lone]) {
    if (inChineseContext(left(i), right(i))) change(i, text[i] === '(' ? '（' : '）');
  }
}

/** Whether a lone straight quote at `i` opens: something follows it, and it starts the line or follows a space or a pause, end or opening mark. */
function opensAt(text: string, i: number, start: number, end: number): boolean {
  const before = i > start ? text[i - 1]! : '';
  const after = i + 1 < end ? text[i + 1]! : '';
  return after !== '' && !SPACES.has(after) && (before === '' || SPACES.has(before) || OPENS_AFTER.has(before));
}

/** " " on a line: alternate; a pair converts when it encloses or touches Chinese; a leftover one by its context. */
function convertDoubleQuotes(text: string, start: number, end: number, ctx: LineContext): void {
  const { mask, left, right, hasChinese, change } = ctx;
  const quotes: number[] = [];
  for (let i = start; i < end; i++) if (text[i] === '"' && !mask[i]) quotes.push(i);
  for (let q = 0; q + 1 < quotes.length; q += 2) {
    const open = quotes[q]!;
    const close = quotes[q + 1]!;
    if (hasChinese(open + 1, close) || isChineseCp(left(open)) || isChineseCp(right(close))) {
      change(open, '“');
      change(close, '”');
    }
  }
  if (quotes.length % 2 === 1) {
    const i = quotes[quotes.length - 1]!;
    if (inChineseContext(left(i), right(i))) change(i, opensAt(text, i, start, end) ? '“' : '”');
  }
}

/**
 * ' ' on a line: a pair around Chinese text without Latin letters; a leftover one beside Chinese by its context.
 * Never an apostrophe between Latin letters or digits (don't).
 */
function convertSingleQuotes(text: string, start: number, end: number, ctx: LineContext): void {
  const { mask, left, right, hasChinese, change } = ctx;
  const singles: number[] = [];
  for (let i = start; i < end; i++) {
    if (text[i] !== "'" || mask[i]) continue;
    const l = i > 0 ? cpEndingAt(text, i - 1) : undefined;
    const r = cpStartingAt(text, i + 1);
    if (l !== undefined && r !== undefined && isLatinOrDigit(l) && isLatinOrDigit(r)) continue;
    singles.push(i);
  }
  for (let q = 0; q + 1 < singles.length; q += 2) {
    const open = singles[q]!;
    const close = singles[q + 1]!;
    const inner = text.slice(open + 1, close);
    if (hasChinese(open + 1, close) && !/[A-Za-z]/.test(inner)) {
      change(open, '‘');
      change(close, '’');
    }
  }
  if (singles.length % 2 === 1) {
    const i = singles[singles.length - 1]!;
    const l = i > start ? cpEndingAt(text, i - 1) : undefined;
    const r = cpStartingAt(text, i + 1);
    const latinSide = (l !== undefined && isLatinOrDigit(l)) || (r !== undefined && isLatinOrDigit(r) && !isChineseCp(l));
    if (!latinSide && inChineseContext(left(i), right(i))) change(i, opensAt(text, i, start, end) ? '‘' : '’');
  }
}

/** Whether a character counts as "visible" for space collapsing: a letter, digit, punctuation or symbol. */
function isVisible(cp: number | undefined): boolean {
  return cp !== undefined && /[\p{L}\p{N}\p{P}\p{S}\p{M}]/u.test(String.fromCodePoint(cp));
}

/**
 * Removes ASCII spaces (and no-break spaces) that PDF extraction leaves around Chinese text: a run of spaces
 * goes when one side is Han or full-width punctuation and the other is Han, a digit, a Latin letter or
 * punctuation ("人大代表安排 1 位" → "人大代表安排1位", "2021 年 6 月" → "2021年6月"). Spaces between two Latin
 * words or two numbers stay. Line breaks are kept. The input is not modified.
 */
export function collapseCjkSpaces(text: string): string {
  return text.replace(/[ \u00a0]+/g, (run, offset: number) => {
    const l = offset > 0 ? cpEndingAt(text, offset - 1) : undefined;
    const r = cpStartingAt(text, offset + run.length);
    if (!isVisible(l) || !isVisible(r)) return run;
    return isChineseCp(l) || isChineseCp(r) ? '' : run;
  });
}

/**
 * Removes control characters (all C0 and C1 controls except \n and \t, DEL), invisible format characters
 * (zero-width spaces, byte order marks, soft hyphens, bidi marks; zero-width joiners stay) and lone
 * surrogates, which would print as boxes or break fonts. The input is not modified.
 */
export function stripControlCharacters(text: string): string {
  // Lone surrogates go first: removing a control character between two of them must not join them into a
  // character that was never there.
  return text
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')
    .replace(/(?![\u200c\u200d])\p{Cf}/gu, '');
}
