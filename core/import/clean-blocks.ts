/**
 * Text clean-up of pasted and imported content (paste in the editor, Word import), on core blocks (Block with Inline[] runs), shared by the editor's plain-text and HTML
 * paste paths (renderer/editor/paste.ts) and the Word importer (./word-article.ts, ./word-issue.ts):
 * - control characters, invisible format characters and lone surrogates removed (stripControlCharacters);
 * - tabs and line breaks inside a block become spaces, and spaces between Han and Latin letters or digits (or
 *   punctuation) go (collapseCjkSpaces) — PDFs and Word's list tabs leave them;
 * - half-width punctuation in Chinese text becomes full-width (normalizePunctuation);
 * - leading and trailing spaces (including the full-width spaces typed as a first-line indent) go;
 * - a block beginning with a typed label (一、 （一） 1. 1、 （1）, or Word's list number "1." followed by a tab
 *   or no-break spaces) becomes a heading of that level without the label; when text follows the heading's
 *   heading phrase (up to the first 。！？, core/model/heading-grammar.ts), the heading is run in there: the one
 *   run-in rule of core/model/run-in.ts, which the importer, typing and typesetting apply too.
 * Bold runs are kept: every change is mapped back onto the runs.
 */

import { inlineText, normalizeInlines, plain, sliceInlines as coreSliceInlines, type Inline } from '../model/inline.js';
import { mapTableCells } from '../model/table.js';
import type { Block } from '../model/issue.js';
import { matchHeadingLabel } from '../model/heading-grammar.js';
import { applyRunIn } from '../model/run-in.js';
import { collapseCjkSpaces, normalizePunctuation, stripControlCharacters } from '../text/punctuation.js';

/** Options of the clean-up. */
export interface CleanOptions {
  /** Whether labelled lines become headings (true for an article body, false for the editor's note). */
  readonly headings?: boolean;
}

/** Where a block sits in a paste, for the edges that join text already in the document. */
export interface BlockEdges {
  /** Leading spaces go (false when the block continues text before the caret). Default true. */
  readonly trimStart?: boolean;
  /** Trailing spaces go (false when the block is followed by text after the caret). Default true. */
  readonly trimEnd?: boolean;
  /** A typed label makes the block a heading (false when the block continues text). Default true. */
  readonly detectLabel?: boolean;
}

/** Runs whose characters were only deleted by a transformation, realigned on the result. */
function realign(runs: readonly Inline[], after: string): Inline[] {
  const out: Inline[] = [];
  let j = 0;
  for (const run of runs) {
    let kept = '';
    for (let i = 0; i < run.text.length; i++) {
      if (j < after.length && run.text[i] === after[j]) {
        kept += run.text[i];
        j++;
      }
    }
    if (kept) out.push(run.bold ? { text: kept, bold: true } : { text: kept });
  }
  return normalizeInlines(out);
}

/** Runs with a length-preserving transformation of their joined text applied. */
function reslice(runs: readonly Inline[], after: string): Inline[] {
  const out: Inline[] = [];
  let at = 0;
  for (const run of runs) {
    const text = after.slice(at, at + run.text.length);
    at += run.text.length;
    out.push(run.bold ? { text, bold: true } : { text });
  }
  return normalizeInlines(out);
}

/** Cleans the characters of an inline list (no trimming, no labels), keeping bold runs. */
export function cleanInlineText(inlines: readonly Inline[]): Inline[] {
  let runs = normalizeInlines(inlines.map((i) => ({ ...i, text: i.text.replace(/[\t\n\r\f\v\u2028\u2029\u0085]/g, ' ') })));
  const stripped = stripControlCharacters(inlineText(runs));
  if (stripped !== inlineText(runs)) runs = realign(runs, stripped);
  const collapsed = collapseCjkSpaces(inlineText(runs));
  if (collapsed !== inlineText(runs)) runs = realign(runs, collapsed);
  const punctuated = normalizePunctuation(inlineText(runs)).text;
  if (punctuated !== inlineText(runs)) runs = reslice(runs, punctuated);
  return runs;
}

/** The inlines from character offset `from` (UTF-16) to `to` (default: the end). */
export const sliceInlines = coreSliceInlines;

const SPACE_START = /^[\s\u3000]+/u;
const SPACE_END = /[\s\u3000]+$/u;

/** Inlines without leading and/or trailing white space (ASCII, no-break, full-width). */
export function trimInlines(inlines: readonly Inline[], start = true, end = true): Inline[] {
  const text = inlineText(inlines);
  const from = start ? (SPACE_START.exec(text)?.[0].length ?? 0) : 0;
  const to = end ? text.length - (SPACE_END.exec(text)?.[0].length ?? 0) : text.length;
  return to > from ? sliceInlines(inlines, from, to) : [];
}

/** Cleans one pasted block: characters, edges, and a typed label turned into a heading. */
export function cleanPastedBlock(block: Block, options: CleanOptions = {}, edges: BlockEdges = {}): Block {
  if (block.type === 'picture') return { ...block, content: trimInlines(cleanInlineText(block.content), true, true) };
  const headings = options.headings !== false;
  const trimStart = edges.trimStart !== false;
  const trimEnd = edges.trimEnd !== false;
  if (block.type === 'table') return mapTableCells(block, (cell) => trimInlines(normalizeInlines(cleanInlineText(cell))));
  const hasBody = block.type === 'heading' && block.body !== undefined;
  let content = cleanInlineText(block.content);
  let body = block.type === 'heading' && block.body !== undefined ? cleanInlineText(block.body) : undefined;

  if (!headings && block.type === 'heading') {
    const all = trimInlines(normalizeInlines([...content, ...(body ?? [])]), trimStart, trimEnd);
    return { type: 'paragraph', content: all };
  }

  content = trimInlines(content, trimStart, hasBody ? true : trimEnd);
  if (body !== undefined) body = trimInlines(body, true, trimEnd);

  if (headings && edges.detectLabel !== false) {
    const label = matchHeadingLabel(inlineText(content));
    const rest = label ? trimInlines(sliceInlines(content, label.length), true, false) : [];
    if (label && (rest.length > 0 || (body !== undefined && body.length > 0))) {
      if (body !== undefined) return { type: 'heading', level: label.level, content: rest, body };
      return applyRunIn({ type: 'heading', level: label.level, content: rest });
    }
  }
  if (block.type === 'paragraph') return { type: 'paragraph', content };
  return body !== undefined
    ? applyRunIn({ type: 'heading', level: block.level, content, body })
    : applyRunIn({ type: 'heading', level: block.level, content });
}

/** Whether a block has no text at all. */
export function isEmptyBlock(block: Block): boolean {
  if (block.type === 'table') return block.rows.every((r) => r.cells.every((c) => inlineText(c.content) === ''));
  if (block.type === 'picture') return false;
  return inlineText(block.content) === '' && (block.type === 'paragraph' || !block.body || inlineText(block.body) === '');
}

/** Options of {@link pastedTextToBlocks}. */
export interface PastedTextOptions extends CleanOptions {
  /** The first line continues text before the caret: it keeps its leading spaces and is never a heading. */
  readonly continuesText?: boolean;
}

/**
 * Plain text as blocks: one block per non-empty line, cleaned (see the module comment), labelled lines as
 * headings (run in when text follows the first sentence). Lines are not joined: pasted text keeps its lines.
 */
export function pastedTextToBlocks(text: string, options: PastedTextOptions = {}): Block[] {
  const blocks: Block[] = [];
  const lines = text.split(/\r\n|[\r\n\u2028\u2029\u0085\f\v]/u);
  lines.forEach((line, i) => {
    const continues = i === 0 && options.continuesText === true;
    const block = cleanPastedBlock({ type: 'paragraph', content: plain(line) }, options, {
      trimStart: !continues,
      detectLabel: !continues,
    });
    if (!isEmptyBlock(block)) blocks.push(block);
  });
  return blocks;
}
