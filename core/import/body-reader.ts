import { matchHeadingLabel } from '../model/heading-grammar.js';
import { plain } from '../model/inline.js';
import type { Article, Block } from '../model/issue.js';
import { labelledBlock } from '../model/run-in.js';
import { hasHan, isLatinOrDigit } from '../text/chars.js';
import { PARAGRAPH_END_MARKS, marksWhere } from '../text/punctuation-table.js';
import { isBackMatter } from './back-matter-reader.js';
import type { RawArticle } from './regions.js';
import type { Notes } from './import-notes.js';
import { head, lastChar, len, tail } from './text-helpers.js';

/**
 * The body reader of the plain-text importer: which lines are article titles, headings and contributor lines,
 * and how the lines of an article become its title and blocks — lines cut by a page break joined into
 * paragraphs again, a spaced-out title rejoined, a labelled paragraph made a heading by the heading grammar
 * (core/model/heading-grammar.ts). Which marks end a paragraph is the punctuation table's.
 */

/** A title is shorter than this (in characters). */
const TITLE_MAX = 60;

/** Marks a paragraph may end with; a line ending otherwise was cut by a page break (the punctuation table's). */
export const PARAGRAPH_END: ReadonlySet<string> = PARAGRAPH_END_MARKS;

/** Marks a title never ends with: the pause marks and the full stop, of either width (titles may end with ？！). */
export const TITLE_BAD_END: ReadonlySet<string> = marksWhere((m) => m.cls === 'pause' || m.char === '。' || m.char === '.');

/**
 * Sentence ends in a line before its punctuation is cleaned: 。？！ and the half-width ? ! (not the period,
 * which is also a decimal point: "1.5万").
 */
const RAW_SENTENCE_END: ReadonlySet<string> = marksWhere((m) => m.cls === 'end' && m.char !== '.');

/** Whether a line ends a paragraph. */
export function endsParagraph(text: string): boolean {
  return PARAGRAPH_END.has(lastChar(text));
}

/** The contributor of a line "（长沙市人大常委会供稿）", or undefined. */
export function matchContributor(line: string): string | undefined {
  if (len(line) > 80) return undefined;
  const m =
    /^[（(]\s*供\s*稿\s*[:：]\s*([^（()）]+?)\s*[）)]$/u.exec(line) ??
    /^[（(]\s*([^（()）]+?)\s*供\s*稿\s*[）)]$/u.exec(line) ??
    (len(line) <= 40 ? /^([^（()）。，]+?)\s*供\s*稿$/u.exec(line) : null);
  return m?.[1] ? m[1] : undefined;
}

/** Whether a line can be an article title: short, has Han, does not end like a sentence, not a heading. */
export function isTitleCandidate(line: string): boolean {
  const n = len(line);
  return (
    n >= 2 &&
    n < TITLE_MAX &&
    hasHan(line) &&
    !TITLE_BAD_END.has(lastChar(line)) &&
    !matchHeadingLabel(line) &&
    matchContributor(line) === undefined &&
    !isBackMatter(line)
  );
}

/** A heading line standing alone ("一、基本情况"), as opposed to a run-in heading cut by a page break. */
function isStandaloneHeading(line: string): boolean {
  const m = matchHeadingLabel(line);
  if (!m) return false;
  const rest = line.slice(m.length);
  return ![...rest].some((ch) => RAW_SENTENCE_END.has(ch)) && len(rest) <= 40;
}

/**
 * A second line right after the title: a title printed on two lines (at 2号 a line holds about 20
 * characters, and the lower line is not longer than the upper one) or a subtitle. Hard-wrapped body text has
 * longer lines, so it is not mistaken for one.
 */
export function isTitleContinuation(line: string, next: string | undefined, article: { readonly titleLines: readonly string[] }): boolean {
  const first = article.titleLines[0];
  if (first === undefined || article.titleLines.length !== 1 || next === undefined) return false;
  const n = len(line);
  return (
    n <= 22 &&
    len(first) <= 22 &&
    n <= len(first) &&
    !PARAGRAPH_END.has(lastChar(line)) &&
    isTitleCandidate(line) &&
    matchContributor(next) === undefined &&
    !isBackMatter(next)
  );
}

/**
 * Joins lines into paragraphs: a line that does not end a sentence is continued by the next line, unless the
 * next line starts a heading or the line is a standalone heading. Each join is reported. With `linesAreParagraphs`
 * (Word import: each line is a paragraph of the document) nothing is joined.
 */
export function joinParagraphs(lines: readonly string[], notes: Notes, where: string, linesAreParagraphs = false): string[] {
  if (linesAreParagraphs) return [...lines];
  const paragraphs: { parts: string[]; open: boolean }[] = [];
  for (const line of lines) {
    const last = paragraphs[paragraphs.length - 1];
    if (last && last.open && !matchHeadingLabel(line)) {
      const prev = last.parts[last.parts.length - 1] ?? '';
      const latinJoin = /[A-Za-z]$/.test(prev) && /^[A-Za-z]/.test(line);
      last.parts.push(latinJoin ? ` ${line}` : line);
      last.open = !endsParagraph(line);
      notes.list.push({
        kind: 'joined-paragraph',
        message: `${where}：已将被分页截断的段落接合（“…${tail(prev)}”与“${head(line)}…”）`,
        count: 1,
      });
      continue;
    }
    paragraphs.push({ parts: [line], open: !endsParagraph(line) && !isStandaloneHeading(line) });
  }
  return paragraphs.map((p) => p.parts.join(''));
}

/**
 * Rejoins a title that PDF extraction spaced out: single characters separated by spaces ("活 动") are
 * artifacts and are joined; a space between two phrases of two or more characters each, Han on both sides,
 * is deliberate (a preferred line break) and kept as one ASCII space; spaces between Latin words stay.
 */
export function rejoinTitle(line: string): { title: string; rejoined: boolean } {
  const tokens = line.split(/[\s\u3000\u00a0]+/u).filter((t) => t !== '');
  let title = tokens[0] ?? '';
  let rejoined = false;
  for (let i = 1; i < tokens.length; i++) {
    const a = tokens[i - 1] ?? '';
    const b = tokens[i] ?? '';
    const l = lastChar(a).codePointAt(0) ?? 0;
    const r = b.codePointAt(0) ?? 0;
    const phrases = len(a) >= 2 && len(b) >= 2 && !isLatinOrDigit(l) && !isLatinOrDigit(r);
    const latinWords = isLatinOrDigit(l) && isLatinOrDigit(r);
    if (phrases || latinWords) title += ` ${b}`;
    else {
      title += b;
      rejoined = true;
    }
  }
  return { title, rejoined };
}

/**
 * A cleaned paragraph as a block: a heading (run in when more text follows its heading phrase) or a paragraph,
 * by the one run-in rule (core/model/run-in.ts) that typing, paste and typesetting use too.
 */
export function toBlock(text: string): Block | undefined {
  if (!text) return undefined;
  return labelledBlock(plain(text));
}

/**
 * The articles as read, cleaned: each title's lines rejoined and punctuated, its body lines joined into
 * paragraphs and made blocks, its contributor cleaned. Every change is counted or noted in `notes`.
 */
export function readArticles(raws: readonly RawArticle[], notes: Notes, linesAreParagraphs = false): Article[] {
  return raws.map((a, index) => {
    const where = `第${index + 1}篇文章`;
    let rejoined = false;
    const parts = a.titleLines.map((line) => {
      const r = rejoinTitle(line);
      rejoined ||= r.rejoined;
      return r.title;
    });
    const title = parts.length ? notes.punctuate(parts.join(' ')).trim() : '';
    if (rejoined) {
      notes.list.push({ kind: 'title-spacing', message: `${where}标题中的多余空格已删除：“${title}”` });
    }
    if (parts.length > 1) notes.info(`${where}的标题原为 ${parts.length} 行，已合并为“${title}”`);
    const body: Block[] = [];
    for (const paragraph of joinParagraphs(a.bodyLines, notes, where, linesAreParagraphs)) {
      const block = toBlock(notes.clean(paragraph));
      if (block) body.push(block);
    }
    const contributor = a.contributor === undefined ? '' : notes.clean(a.contributor).trim();
    return { title, body, contributor };
  });
}
