/**
 * 全部替换 over an issue: every occurrence of a text in the 编者按, the titles, the bodies (heading and run-in text),
 * the 供稿 lines and the 送 lines, replaced as Word does — Latin letters matched regardless of case (as the
 * editor's find does), matches not overlapping, left to right. A replacement inside emphasised text takes the
 * emphasis of the match's first character. Returns a new document and the count; the input is not changed.
 */

import type { BulletinDocument } from './document.js';
import { mapTableCells } from './table.js';
import type { Inline } from './inline.js';
import type { Block } from './issue.js';

/** What to replace. */
export interface ReplaceAllOptions {
  readonly find: string;
  readonly replace: string;
  /** Match Latin letters by case too (default false, like find). */
  readonly caseSensitive?: boolean;
}

/** Lower case when that keeps every index in place (it does for Chinese and for ASCII). */
function fold(text: string): string {
  const lower = text.toLowerCase();
  return lower.length === text.length ? lower : text;
}

/** Start indexes of the non-overlapping matches of the query in `text`. */
export function matchStarts(text: string, options: ReplaceAllOptions): number[] {
  if (!options.find) return [];
  const hay = options.caseSensitive ? text : fold(text);
  const needle = options.caseSensitive ? options.find : fold(options.find);
  const starts: number[] = [];
  for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + needle.length)) starts.push(at);
  return starts;
}

/** A plain string with the matches replaced, and how many. */
export function replaceInText(text: string, options: ReplaceAllOptions): { text: string; count: number } {
  const starts = matchStarts(text, options);
  if (starts.length === 0) return { text, count: 0 };
  let out = '';
  let from = 0;
  for (const at of starts) {
    out += text.slice(from, at) + options.replace;
    from = at + options.find.length;
  }
  return { text: out + text.slice(from), count: starts.length };
}

/** Inline runs with the matches replaced (across runs), adjacent runs of equal emphasis merged. */
export function replaceInInlines(inlines: readonly Inline[], options: ReplaceAllOptions): { inlines: readonly Inline[]; count: number } {
  const text = inlines.map((i) => i.text).join('');
  const starts = matchStarts(text, options);
  if (starts.length === 0) return { inlines, count: 0 };
  const boldAt: boolean[] = [];
  for (const run of inlines) for (let k = 0; k < run.text.length; k++) boldAt.push(run.bold === true);
  const pieces: { text: string; bold: boolean }[] = [];
  const push = (piece: string, bold: boolean) => {
    if (!piece) return;
    const last = pieces.at(-1);
    if (last && last.bold === bold) last.text += piece;
    else pieces.push({ text: piece, bold });
  };
  let from = 0;
  for (const at of starts) {
    for (let k = from; k < at; k++) push(text[k]!, boldAt[k]!);
    push(options.replace, boldAt[at]!);
    from = at + options.find.length;
  }
  for (let k = from; k < text.length; k++) push(text[k]!, boldAt[k]!);
  return { inlines: pieces.map((p) => (p.bold ? { text: p.text, bold: true } : { text: p.text })), count: starts.length };
}

function replaceInBlock(block: Block, options: ReplaceAllOptions): { block: Block; count: number } {
  if (block.type === 'table') {
    let count = 0;
    const table = mapTableCells(block, (cell) => {
      const r = replaceInInlines(cell, options);
      count += r.count;
      return r.count ? r.inlines : cell;
    });
    return { block: count ? table : block, count };
  }
  const content = replaceInInlines(block.content, options);
  if (block.type === 'heading' && block.body) {
    const body = replaceInInlines(block.body, options);
    const count = content.count + body.count;
    return { block: count ? { ...block, content: content.inlines, body: body.inlines } : block, count };
  }
  return { block: content.count ? { ...block, content: content.inlines } : block, count: content.count };
}

/** Replaces every occurrence in the issue's text; the same document (and 0) when there is none. */
export function replaceAllInIssue(doc: BulletinDocument, options: ReplaceAllOptions): { document: BulletinDocument; count: number } {
  if (!options.find) return { document: doc, count: 0 };
  let count = 0;
  const inText = (text: string) => {
    const r = replaceInText(text, options);
    count += r.count;
    return r.text;
  };
  const inInlines = (inlines: readonly Inline[]) => {
    const r = replaceInInlines(inlines, options);
    count += r.count;
    return r.inlines;
  };
  const issue = doc.issue;
  const next = {
    ...issue,
    editorNote: issue.editorNote.map(inInlines),
    articles: issue.articles.map((a) => ({
      ...a,
      title: inText(a.title),
      contributor: inText(a.contributor),
      body: a.body.map((b) => {
        const r = replaceInBlock(b, options);
        count += r.count;
        return r.block;
      }),
    })),
    distribution: issue.distribution.map((d) => ({ ...d, text: inText(d.text) })),
  };
  return count === 0 ? { document: doc, count: 0 } : { document: { ...doc, issue: next }, count };
}
