/**
 * The punctuation table: every mark the program knows, with what each rule of written Chinese needs to know
 * about it. It is the one home of these facts; every path derives its sets from here (see {@link marksWhere}):
 *
 *  - typesetting: line-start and line-end prohibitions (core/typeset/rules/kinsoku.ts), punctuation
 *    compression (core/typeset/rules/punctuation-width.ts), which characters are set as one full-width cell
 *    (core/text/chars.ts, core/typeset/units.ts), quotations a title is not broken inside
 *    (core/typeset/title-break.ts);
 *  - text: half-width marks made full-width (core/text/punctuation.ts), used by paste cleaning
 *    (renderer/editor/clean-text.ts), import (core/import/) and 校对 (core/check/punctuation.ts, pairs.ts);
 *  - structure: where a paragraph may end (import joins lines that do not), where a run-in heading's phrase
 *    ends (core/model/heading-grammar.ts).
 *
 * Sources (docs/layout-rules.md, "Punctuation"): GB/T 15834-2011 《标点符号用法》 for the marks, their names
 * and full-width use in Chinese text; W3C clreq #punctuation_width_adjustment (where a mark's ink sits in
 * its em box) and §3.1.7 (prohibition rules for line start and line end, basic level).
 */

/**
 * What a mark does in a sentence:
 * - `pause`: 句内点号 ，、；： and their half-width partners;
 * - `end`: 句末点号 。？！ and their half-width partners;
 * - `opening` / `closing`: the two halves of quotation marks and brackets;
 * - `quote`: a straight quote " ', which opens or closes by its context;
 * - `middle-dot`: 间隔号 ·;
 * - `dash`, `ellipsis`: 破折号 —— and 省略号 ……, set as a pair of cells never split;
 * - `connector`: 连接号 ～;
 * - `symbol`: ％ ‰ and %, which follow a number.
 */
export type MarkClass =
  | 'pause'
  | 'end'
  | 'opening'
  | 'closing'
  | 'quote'
  | 'middle-dot'
  | 'dash'
  | 'ellipsis'
  | 'connector'
  | 'symbol';

/** Where the ink of a full-width mark sits in its em box (clreq #punctuation_width_adjustment, Simplified Chinese fonts). */
export type InkPosition = 'left' | 'right' | 'center';

/** One row of the table. */
export interface Mark {
  /** The mark itself (one character). */
  readonly char: string;
  /** Its name in GB/T 15834, as 校对 names it ("逗号"). */
  readonly name: string;
  readonly cls: MarkClass;
  /** Full-width (a Chinese mark, or a full-width form) or half-width (ASCII). */
  readonly width: 'full' | 'half';
  /** The mark of the other width with the same meaning ("，" ↔ ","); a straight quote has two ("“" and "”"). */
  readonly partner?: string;
  /** The other half of a pair of quotation marks or brackets ("（" ↔ "）"). */
  readonly pair?: string;
  /** clreq #prohibition_rules_for_line_start_end: never at the start of a line. */
  readonly notAtLineStart: boolean;
  /** clreq #prohibition_rules_for_line_start_end: never at the end of a line. */
  readonly notAtLineEnd: boolean;
  /** Where a full-width mark's ink sits. */
  readonly ink?: InkPosition;
  /** clreq #punctuation_width_adjustment: the empty half of its em box may be given up when a line needs room (标点挤压). */
  readonly compressible: boolean;
  /** A line that ends with it may end a paragraph; import joins a line ending otherwise to the next. */
  readonly endsParagraph: boolean;
  /** A half-width mark typed in Chinese text that becomes its full-width partner (GB/T 15834 §3). */
  readonly normalize?: boolean;
}

type Row = readonly [
  char: string,
  name: string,
  cls: MarkClass,
  partner: string,
  pair: string,
  notAtLineStart: 0 | 1,
  notAtLineEnd: 0 | 1,
  ink: InkPosition | '',
  compressible: 0 | 1,
  endsParagraph: 0 | 1,
  normalize?: 0 | 1,
];

/** Full-width marks of Chinese text (and the full-width forms of ［］｛｝％‰). */
// prettier-ignore
const FULL: readonly Row[] = [
  //  mark  name          class         partner pair  start end  ink       compress ends-paragraph
  ['，', '逗号',         'pause',       ',',  '',   1, 0, 'left',   1, 0],
  ['、', '顿号',         'pause',       '',   '',   1, 0, 'left',   1, 0],
  ['；', '分号',         'pause',       ';',  '',   1, 0, 'left',   1, 1],
  ['：', '冒号',         'pause',       ':',  '',   1, 0, 'left',   1, 1],
  ['。', '句号',         'end',         '.',  '',   1, 0, 'left',   1, 1],
  ['？', '问号',         'end',         '?',  '',   1, 0, 'left',   1, 1],
  ['！', '叹号',         'end',         '!',  '',   1, 0, 'left',   1, 1],
  ['“', '左双引号',     'opening',     '"',  '”',  0, 1, 'right',  1, 0],
  ['”', '右双引号',     'closing',     '"',  '“',  1, 0, 'left',   1, 1],
  ['‘', '左单引号',     'opening',     "'",  '’',  0, 1, 'right',  1, 0],
  ['’', '右单引号',     'closing',     "'",  '‘',  1, 0, 'left',   1, 1],
  ['（', '左括号',       'opening',     '(',  '）', 0, 1, 'right',  1, 0],
  ['）', '右括号',       'closing',     ')',  '（', 1, 0, 'left',   1, 1],
  ['［', '左方括号',     'opening',     '[',  '］', 0, 1, 'right',  1, 0],
  ['］', '右方括号',     'closing',     ']',  '［', 1, 0, 'left',   1, 1],
  ['｛', '左花括号',     'opening',     '{',  '｝', 0, 1, 'right',  1, 0],
  ['｝', '右花括号',     'closing',     '}',  '｛', 1, 0, 'left',   1, 1],
  ['〔', '左六角括号',   'opening',     '',   '〕', 0, 1, 'right',  1, 0],
  ['〕', '右六角括号',   'closing',     '',   '〔', 1, 0, 'left',   1, 1],
  ['【', '左方头括号',   'opening',     '',   '】', 0, 1, 'right',  1, 0],
  ['】', '右方头括号',   'closing',     '',   '【', 1, 0, 'left',   1, 1],
  ['〖', '左空心方头括号', 'opening',   '',   '〗', 0, 1, 'right',  1, 0],
  ['〗', '右空心方头括号', 'closing',   '',   '〖', 1, 0, 'left',   1, 1],
  ['《', '左书名号',     'opening',     '',   '》', 0, 1, 'right',  1, 0],
  ['》', '右书名号',     'closing',     '',   '《', 1, 0, 'left',   1, 1],
  ['〈', '左单书名号',   'opening',     '',   '〉', 0, 1, 'right',  1, 0],
  ['〉', '右单书名号',   'closing',     '',   '〈', 1, 0, 'left',   1, 1],
  ['「', '左直角引号',   'opening',     '',   '」', 0, 1, 'right',  1, 0],
  ['」', '右直角引号',   'closing',     '',   '「', 1, 0, 'left',   1, 1],
  ['『', '左双直角引号', 'opening',     '',   '』', 0, 1, 'right',  1, 0],
  ['』', '右双直角引号', 'closing',     '',   '『', 1, 0, 'left',   1, 1],
  ['·', '间隔号',       'middle-dot',  '',   '',   1, 0, 'center', 0, 0],
  ['…', '省略号',       'ellipsis',    '',   '',   1, 0, 'center', 0, 1],
  ['—', '破折号',       'dash',        '',   '',   1, 0, 'center', 0, 0],
  ['～', '连接号',       'connector',   '',   '',   1, 0, 'center', 0, 0],
  ['％', '百分号',       'symbol',      '%',  '',   1, 0, '',       0, 0],
  ['‰', '千分号',       'symbol',      '',   '',   1, 0, '',       0, 0],
];

/**
 * Half-width (ASCII) marks. Those with `normalize` become their full-width partner in Chinese text; [ ] { }
 * and % are left as typed (references, formulas, percentages keep them).
 */
// prettier-ignore
const HALF: readonly Row[] = [
  //  mark name        class      partner pair start end ink compress ends normalize
  [',', '逗号',       'pause',   '，',  '',  1, 0, '', 0, 0, 1],
  [';', '分号',       'pause',   '；',  '',  1, 0, '', 0, 1, 1],
  [':', '冒号',       'pause',   '：',  '',  1, 0, '', 0, 1, 1],
  ['.', '句点',       'end',     '。',  '',  1, 0, '', 0, 1, 1],
  ['?', '问号',       'end',     '？',  '',  1, 0, '', 0, 1, 1],
  ['!', '叹号',       'end',     '！',  '',  1, 0, '', 0, 1, 1],
  ['"', '引号',       'quote',   '“”',  '',  0, 0, '', 0, 1, 1],
  ["'", '引号',       'quote',   '‘’',  '',  0, 0, '', 0, 1, 1],
  ['(', '括号',       'opening', '（',  ')', 0, 1, '', 0, 0, 1],
  [')', '括号',       'closing', '）',  '(', 1, 0, '', 0, 1, 1],
  ['[', '方括号',     'opening', '［',  ']', 0, 1, '', 0, 0, 0],
  [']', '方括号',     'closing', '］',  '[', 1, 0, '', 0, 1, 0],
  ['{', '花括号',     'opening', '｛',  '}', 0, 1, '', 0, 0, 0],
  ['}', '花括号',     'closing', '｝',  '{', 1, 0, '', 0, 1, 0],
  ['%', '百分号',     'symbol',  '％',  '',  1, 0, '', 0, 0, 0],
];

function toMark(row: Row, width: 'full' | 'half'): Mark {
  const [char, name, cls, partner, pair, start, end, ink, compressible, ends, normalize] = row;
  return {
    char,
    name,
    cls,
    width,
    ...(partner ? { partner } : {}),
    ...(pair ? { pair } : {}),
    notAtLineStart: start === 1,
    notAtLineEnd: end === 1,
    ...(ink ? { ink } : {}),
    compressible: compressible === 1,
    endsParagraph: ends === 1,
    ...(normalize === undefined ? {} : { normalize: normalize === 1 }),
  };
}

/** Every mark, full-width first, in the order of the table. */
export const MARKS: readonly Mark[] = Object.freeze([
  ...FULL.map((row) => Object.freeze(toMark(row, 'full'))),
  ...HALF.map((row) => Object.freeze(toMark(row, 'half'))),
]);

const BY_CHAR: ReadonlyMap<string, Mark> = new Map(MARKS.map((m) => [m.char, m]));

/** The row of a mark, or undefined for a character that is not in the table. */
export function markOf(ch: string): Mark | undefined {
  return BY_CHAR.get(ch);
}

/** The characters of the marks for which `test` holds, as a set (how every consumer derives its set). */
export function marksWhere(test: (mark: Mark) => boolean): ReadonlySet<string> {
  return new Set(MARKS.filter(test).map((m) => m.char));
}

/**
 * Full-width punctuation of Chinese text, each set as one cell of the character grid: every full-width mark
 * but the symbols ％ ‰ (which follow a number and are set with it).
 */
export const FULLWIDTH_MARKS: ReadonlySet<string> = marksWhere((m) => m.width === 'full' && m.cls !== 'symbol');

/** Full-width opening marks: quotation marks and brackets that open. */
export const OPENING_MARKS: ReadonlySet<string> = marksWhere((m) => m.width === 'full' && m.cls === 'opening');

/** Full-width closing marks: quotation marks and brackets that close. */
export const CLOSING_MARKS: ReadonlySet<string> = marksWhere((m) => m.width === 'full' && m.cls === 'closing');

/** Full-width marks that end a sentence: 。？！ (句末点号). */
export const SENTENCE_END_MARKS: ReadonlySet<string> = marksWhere((m) => m.width === 'full' && m.cls === 'end');

/** Marks a paragraph may end with (full- and half-width). */
export const PARAGRAPH_END_MARKS: ReadonlySet<string> = marksWhere((m) => m.endsParagraph);

/** Half-width marks that become full-width in Chinese text, each with its full-width partner(s). */
export const HALF_TO_FULL: ReadonlyMap<string, string> = new Map(
  MARKS.filter((m) => m.normalize && m.partner).map((m) => [m.char, m.partner!]),
);

/** A character class (for a RegExp) matching any of `marks`. */
export function markClass(marks: Iterable<string>): string {
  return `[${[...marks].map((c) => (/[\\\]^-]/.test(c) ? `\\${c}` : c)).join('')}]`;
}
