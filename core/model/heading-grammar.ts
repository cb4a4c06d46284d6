import { SENTENCE_END_MARKS } from '../text/punctuation-table.js';
import { toChineseNumeral } from '../text/numerals.js';
import type { HeadingLevel } from './issue.js';

/**
 * The heading-label grammar: how the section numbers of a bulletin look (一、 （一） 1. （1）), how a label
 * typed, pasted or imported at the start of a paragraph is recognised, and where the heading phrase of a run-in
 * heading ends. Its one home: the editor's input rules (renderer/editor/plugins/input-rules.ts), paste cleaning
 * (renderer/editor/clean-text.ts), the plain-text importer (core/import/), the editor's run-in command
 * (renderer/editor/commands.ts) and 校对 (core/check/numbering.ts) all use it.
 *
 * Source: GB/T 9704-2012 §7.3.3 (文中结构层次序数依次可以用"一、""（一）""1.""（1）"标注); docs/layout-rules.md,
 * "Headings".
 */

/** Han numerals of a level-1 or level-2 label (一 … 九十九, 一百 …). */
const HAN_NUMERAL = '[一二三四五六七八九十百]+';
/** Arabic numerals of a level-3 or level-4 label, half- or full-width, up to three digits. */
const DIGITS = '[0-9０-９]{1,3}';

/**
 * One level's label: its numeral, the brackets around it or the mark after it. The first of each set is the
 * printed form; the others are accepted when typed (half-width brackets, 一， for 一、, 1． and 1、 for 1.).
 */
interface LabelForm {
  readonly level: HeadingLevel;
  readonly numeral: string;
  /** Characters that may open the label ('' when it has no opening bracket). */
  readonly open: string;
  /** Characters that may close it (the closing bracket, or the mark after the numeral). */
  readonly close: string;
  /** The printed label of number n. */
  readonly print: (n: number) => string;
}

/** The four levels, in order. */
export const LABEL_FORMS: readonly LabelForm[] = [
  { level: 1, numeral: HAN_NUMERAL, open: '', close: '、，,', print: (n) => `${toChineseNumeral(n)}、` },
  { level: 2, numeral: HAN_NUMERAL, open: '（(', close: '）)', print: (n) => `（${toChineseNumeral(n)}）` },
  { level: 3, numeral: DIGITS, open: '', close: '.．、', print: (n) => `${n}.` },
  { level: 4, numeral: DIGITS, open: '（(', close: '）)', print: (n) => `（${n}）` },
];

/** The label as written: `[open](numeral)[close]`, the numeral captured. */
function labelSource(form: LabelForm): string {
  const open = form.open ? `[${form.open}]` : '';
  return `${open}(${form.numeral})[${form.close}]`;
}

/** Matches a label at the start of a text, with the spaces after it; a digit label is not a decimal ("3.4万"). */
const LEADING: readonly { level: HeadingLevel; re: RegExp }[] = LABEL_FORMS.map((form) => ({
  level: form.level,
  re: new RegExp(`^${labelSource(form)}${form.numeral === DIGITS ? '(?![0-9０-９])' : ''}\\s*`, 'u'),
}));

/** The printed label of heading number `n` at `level`: 一、 （一） 1. （1）. */
export function headingLabel(level: HeadingLevel, n: number): string {
  return LABEL_FORMS[level - 1]!.print(n);
}

/** A label recognised at the start of a text: its level, its numeral as written, its length with the spaces after it. */
export interface MatchedLabel {
  readonly level: HeadingLevel;
  readonly label: string;
  readonly length: number;
}

/**
 * Recognises a typed-in heading label at the start of text — 一、 （一） 1. 1． 1、 （1）, half-width brackets
 * and full-width digits as well: its level, the numeral and the label's length (spaces after it included).
 */
export function matchHeadingLabel(text: string): MatchedLabel | undefined {
  for (const { level, re } of LEADING) {
    const m = re.exec(text);
    if (m) return { level, label: m[1]!, length: m[0].length };
  }
  return undefined;
}

/**
 * The labels as input rules need them: each matches a whole typed label (the paragraph's text before the caret
 * plus the character just typed) and ends with `$`.
 */
export const TYPED_LABEL_PATTERNS: readonly { readonly level: HeadingLevel; readonly pattern: RegExp }[] = LABEL_FORMS.map(
  (form) => ({ level: form.level, pattern: new RegExp(`^${labelSource(form)}$`, 'u') }),
);

/**
 * Where the heading phrase of a heading's text ends: the offset just after its first sentence end (。？！), or
 * -1 when it has none. Text after that offset is the run-in heading's body, set in the body face; a heading
 * with no text after its phrase stands alone.
 */
export function headingPhraseEnd(text: string): number {
  for (let i = 0; i < text.length; i++) if (SENTENCE_END_MARKS.has(text[i]!)) return i + 1;
  return -1;
}

/** Where a heading's text divides into its phrase and the run-in text after it. */
export interface RunInSplit {
  /** Offset just after the heading phrase (after its 。？！). */
  readonly phraseEnd: number;
  /** Offset where the run-in text starts (spaces after the phrase skipped); always < the text's length. */
  readonly bodyStart: number;
}

/**
 * The run-in rule on a heading's text (docs/layout-rules.md, Headings; clreq `#processing_of_runin_headings`):
 * a heading whose text goes on after its heading phrase is a run-in heading — the phrase in the level's face,
 * the rest in the body face, one paragraph. Returns where it divides, or undefined when nothing but spaces
 * follows the phrase (or it has none): a standalone heading, kept with the next block. Typing
 * (renderer/editor/plugins/run-in-rule.ts), paste, import and typesetting all go through
 * core/model/run-in.ts, which applies this to blocks.
 */
export function runInSplit(text: string): RunInSplit | undefined {
  const phraseEnd = headingPhraseEnd(text);
  if (phraseEnd < 0) return undefined;
  let bodyStart = phraseEnd;
  while (bodyStart < text.length && /[\s\u3000]/u.test(text[bodyStart]!)) bodyStart++;
  return bodyStart < text.length ? { phraseEnd, bodyStart } : undefined;
}
