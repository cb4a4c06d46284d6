/**
 * The counts an editor uses (字数): characters as Word's "字符数（不计空格）" counts them — every character of the
 * text but whitespace, a character outside the Basic Multilingual Plane counted once. Heading labels (一、（一）…)
 * are computed, not text, and are not counted; nor are the masthead and back matter.
 */

import type { Inline } from './inline.js';
import { tableCells } from './table.js';
import type { Article, Block, Issue } from './issue.js';

/**
 * Whether a UTF-16 code unit is whitespace as JavaScript's `\s` has it (ECMA-262 WhiteSpace and LineTerminator:
 * tab, line feed, vertical tab, form feed, carriage return, space, no-break space, U+1680, U+2000–U+200A, line and
 * paragraph separators, U+202F, U+205F, the ideographic space U+3000 and the byte order mark). None is outside the BMP.
 */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * Characters of a text, whitespace not counted; a surrogate pair is one character. One pass over the code units, no
 * regular expression per character: the status bar counts the whole issue at every keystroke.
 */
export function charCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      n++;
      continue;
    }
    if (!isSpace(c)) n++;
  }
  return n;
}

function inlinesCount(inlines: readonly Inline[]): number {
  return inlines.reduce((n, i) => n + charCount(i.text), 0);
}

function blockCount(block: Block): number {
  if (block.type === 'table') return tableCells(block).reduce((n, c) => n + inlinesCount(c), 0);
  return inlinesCount(block.content) + (block.type === 'heading' && block.body ? inlinesCount(block.body) : 0);
}

/** An article's characters: its title and body (the 供稿 line is not counted). */
export function articleCharCount(article: Article): number {
  return charCount(article.title) + article.body.reduce((n, b) => n + blockCount(b), 0);
}

/**
 * The issue's characters: the 编者按 and every article. `articleCount` counts an article (default
 * {@link articleCharCount}); the status bar passes one that remembers each article's count.
 */
export function issueCharCount(issue: Issue, articleCount: (article: Article) => number = articleCharCount): number {
  return issue.editorNote.reduce((n, p) => n + inlinesCount(p), 0) + issue.articles.reduce((n, a) => n + articleCount(a), 0);
}
