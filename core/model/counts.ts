/**
 * The counts an editor uses (字数): characters as Word's "字符数（不计空格）" counts them — every character of the
 * text but whitespace, a character outside the Basic Multilingual Plane counted once. Heading labels (一、（一）…)
 * are computed, not text, and are not counted; nor are the masthead and back matter.
 */

import type { Inline } from './inline.js';
import { tableCells } from './table.js';
import type { Article, Block, Issue } from './issue.js';

/** Characters of a text, whitespace not counted. */
export function charCount(text: string): number {
  let n = 0;
  for (const ch of text) if (!/\s/u.test(ch)) n++;
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

/** The issue's characters: the 编者按 and every article. */
export function issueCharCount(issue: Issue): number {
  return issue.editorNote.reduce((n, p) => n + inlinesCount(p), 0) + issue.articles.reduce((n, a) => n + articleCharCount(a), 0);
}
