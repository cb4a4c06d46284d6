import type { BulletinDocument } from '../model/document.js';
import { MARKS } from '../text/punctuation-table.js';
import type { Problem } from './problem.js';
import { documentTexts } from './texts.js';

/** Opening mark → closing mark: the full-width quotation marks and brackets of the punctuation table. */
const PAIRS: Readonly<Record<string, string>> = Object.fromEntries(
  MARKS.filter((m) => m.width === 'full' && m.cls === 'opening' && m.pair).map((m) => [m.char, m.pair!]),
);
const CLOSING: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(PAIRS).map(([o, c]) => [c, o]));
/** Quotation marks (their problems are unpaired quotes; the others' unpaired brackets). */
const QUOTES = new Set(MARKS.filter((m) => m.width === 'full' && m.name.includes('引号')).map((m) => m.char));

/** ’ between Latin letters is an apostrophe (don’t), not a closing quote. */
function isApostrophe(text: string, i: number): boolean {
  return text[i] === '’' && /[A-Za-z]/.test(text[i - 1] ?? '') && /[A-Za-z]/.test(text[i + 1] ?? '');
}

/** The unpaired marks of a text, as [offset, mark] in order. */
export function unpairedMarks(text: string): [number, string][] {
  const stack: [number, string][] = [];
  const unpaired: [number, string][] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch in PAIRS) {
      stack.push([i, ch]);
    } else if (ch in CLOSING && !isApostrophe(text, i)) {
      const opener = CLOSING[ch]!;
      let depth = stack.length - 1;
      while (depth >= 0 && stack[depth]![1] !== opener) depth--;
      if (depth < 0) {
        unpaired.push([i, ch]);
      } else {
        // Openers above the match were never closed.
        unpaired.push(...stack.splice(depth + 1));
        stack.pop();
      }
    }
  }
  unpaired.push(...stack);
  return unpaired.sort((a, b) => a[0] - b[0]);
}

/** Quotes and brackets (“” ‘’ （） 《》 【】 〔〕 …, the table's pairs) not paired within a paragraph: one error per mark. */
export function checkPairs(doc: BulletinDocument): Problem[] {
  const problems: Problem[] = [];
  for (const { path, where, text, prose } of documentTexts(doc)) {
    if (!prose) continue;
    for (const [offset, mark] of unpairedMarks(text)) {
      const opening = mark in PAIRS;
      const partner = opening ? PAIRS[mark]! : CLOSING[mark]!;
      const message = opening
        ? `${where}：“${mark}”没有配对的“${partner}”`
        : `${where}：“${mark}”前面没有配对的“${partner}”`;
      problems.push({
        severity: 'error',
        code: QUOTES.has(mark) ? 'unpaired-quote' : 'unpaired-bracket',
        message,
        path,
        offset,
      });
    }
  }
  return problems;
}
