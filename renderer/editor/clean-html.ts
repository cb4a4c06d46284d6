/**
 * Clipboard HTML clean-up, before ProseMirror parses a paste. HTML from Word (mso-* styles, <o:p>, MsoNormal /
 * MsoListParagraph classes, conditional comments, <span style=…> everywhere), from WPS and from web pages is
 * reduced to the bulletin's structure: blocks (paragraphs, headings h1–h4) holding text and bold, nothing
 * else. The result is rebuilt from scratch — never the pasted markup with bits removed — so no script, style,
 * frame, object, embed, image, comment, attribute (event handlers, javascript: URLs, classes, styles) or
 * unknown element can survive.
 *
 * Parsing happens in a `<template>` of the Document passed in, which must be a detached document
 * (`document.implementation.createHTMLDocument('')` in the renderer): template content is inert — scripts do
 * not run, images and frames do not load, event handlers never fire — and nothing touches the live DOM.
 *
 * What is kept, and how:
 * - block elements (p, div, li, td, blockquote, h1–h6, …) and <br> start new blocks; blocks with no visible text
 *   (Word's `<p><o:p>&nbsp;</o:p></p>` spacing paragraphs) are dropped;
 * - h1–h6 become headings (h1→1 … h4→4, h5/h6→4; our own `data-level` wins); a `data-heading-end` marker (our own
 *   run-in marker, when copying inside the editor) is kept in headings;
 * - bold from <b>, <strong>, `font-weight: bold / bolder / 600–900` in a style attribute, or a class that a
 *   pasted <style> sheet makes bold; `font-weight: normal` turns it off (Google Docs' `<b style="font-weight:normal">`);
 * - Word's list numbers (`<span style="mso-list:Ignore">1.&nbsp;&nbsp;</span>`) are kept as text when they hold
 *   digits or Han numerals (so "1." becomes a heading later, see ./clean-text.ts) and dropped when they are
 *   bullets (·, or Ø § drawn in a symbol font);
 * - hidden content (display:none, visibility:hidden, mso-hide:all, the hidden attribute) is dropped;
 * - a `<table>` without merged cells becomes a table block in an article body (./html-table.ts); elsewhere, and
 *   with merged cells, its cells become paragraphs (a paste with merged cells is refused by ./plugins/tables.ts);
 * - the editor's own serialised picture (`<figure data-picture>` with a base64 JPEG, from a copy, cut or drag
 *   inside the editor) becomes the same picture block with its caption, not re-encoded (./html-picture.ts); an
 *   `<img>` whose src the caller prepared (`pictures`: data: URL images of a web page or WPS, prepared by the app
 *   through ./plugins/picture-paste.ts) becomes that picture block where it stood; other images are dropped here
 *   (picture files on the clipboard are prepared by ./plugins/picture-insert.ts).
 * Text clean-up (punctuation, spaces, labels) happens after parsing, in ProseMirror's transformPasted.
 */

import { inlineText, type Inline } from '../../core/model/inline.js';
import type { Block, HeadingLevel, PictureImage } from '../../core/model/issue.js';
import { normalizeInlines } from './convert.js';
import { htmlTable } from './html-table.js';
import { ownPictureBlock } from './html-picture.js';
import { isHeadingLevel } from './schema.js';

/** The part of a DOM node the cleaner reads (real DOM nodes have it). */
export interface HtmlNodeLike {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly nodeValue: string | null;
  readonly childNodes: ArrayLike<HtmlNodeLike>;
}

/** The part of a DOM element the cleaner reads. */
export interface HtmlElementLike extends HtmlNodeLike {
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
}

/** The part of a Document the cleaner uses: a `<template>` to parse into. A real `Document` has it. */
export interface HtmlDocumentLike {
  createElement(tagName: 'template'): { innerHTML: string; readonly content: HtmlNodeLike };
}

/** Options of the cleaner. */
export interface CleanHtmlOptions {
  /** Keep headings (article body). False for the editor's note: headings become paragraphs. Default true. */
  readonly headings?: boolean;
  /** Prepared pictures of pasted `<img>` elements, by their src (article body only): each becomes a picture block. */
  readonly pictures?: ReadonlyMap<string, PictureImage>;
}

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;

/** Elements dropped with everything inside them. */
const DROP = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'param', 'img', 'image',
  'picture', 'source', 'track', 'video', 'audio', 'canvas', 'svg', 'math', 'map', 'area', 'noscript', 'noembed',
  'noframes', 'template', 'head', 'title', 'meta', 'link', 'base', 'input', 'select', 'option', 'optgroup',
  'textarea', 'button', 'datalist', 'output', 'progress', 'meter', 'dialog', 'slot', 'portal', 'xml', 'o:p',
  'rt', 'rp',
]);

/** Elements that start and end a block. */
const BLOCKS = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'dt', 'dd', 'blockquote', 'pre', 'section', 'article',
  'header', 'footer', 'aside', 'nav', 'main', 'figure', 'figcaption', 'address', 'td', 'th', 'tr', 'table',
  'thead', 'tbody', 'tfoot', 'caption', 'ul', 'ol', 'dl', 'hr', 'center', 'fieldset', 'legend', 'details',
  'summary', 'body', 'html', 'form', 'hgroup', 'menu', 'listing', 'plaintext', 'xmp',
]);

const HEADINGS: Readonly<Record<string, HeadingLevel>> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 4, h6: 4 };

/** The value of one declaration in a style attribute, lower-cased and trimmed, or undefined. */
export function styleValue(style: string, property: string): string | undefined {
  const re = new RegExp(`(?:^|;)\\s*${property.replace(/[-]/g, '\\-')}\\s*:\\s*([^;]*)`, 'i');
  const m = re.exec(style);
  return m ? m[1]!.replace(/!important/i, '').trim().toLowerCase() : undefined;
}

/** A CSS font-weight as bold (true), not bold (false) or unknown (undefined). */
export function fontWeightIsBold(value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'bold' || value === 'bolder') return true;
  if (value === 'normal' || value === 'lighter') return false;
  const n = Number(value);
  return Number.isFinite(n) ? n >= 600 : undefined;
}

/** Whether a style attribute hides its element (display:none, visibility:hidden, mso-hide:all). */
export function styleHides(style: string): boolean {
  return (
    styleValue(style, 'display') === 'none' ||
    styleValue(style, 'visibility') === 'hidden' ||
    styleValue(style, 'mso-hide') === 'all'
  );
}

/** Class names a style sheet makes bold: rules `.x {…}` or `tag.x {…}` with a bold font-weight. */
export function boldClassesFromCss(css: string): Set<string> {
  const classes = new Set<string>();
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/<!--|-->/g, '');
  for (const m of text.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    if (fontWeightIsBold(styleValue(m[2]!, 'font-weight')) !== true) continue;
    for (const selector of m[1]!.split(',')) {
      const c = /^\s*[a-z0-9]*\.([\w-]+)\s*$/i.exec(selector);
      if (c) classes.add(c[1]!);
    }
  }
  return classes;
}

/** Escapes text for HTML content. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** A picture as the editor's schema parses it back (./schema.ts). */
function pictureToHtml(b: Extract<Block, { type: 'picture' }>): string {
  const { data, width, height } = b.image;
  return `<figure data-picture="" data-width="${width}" data-height="${height}"><img src="data:image/jpeg;base64,${data}"><figcaption>${inlinesToHtml(b.content)}</figcaption></figure>`;
}

function inlinesToHtml(inlines: readonly Inline[]): string {
  return normalizeInlines(inlines)
    .map((i) => (i.bold ? `<strong>${escapeHtml(i.text)}</strong>` : escapeHtml(i.text)))
    .join('');
}

/**
 * Blocks as the minimal HTML the editor's schema parses: `<p>`, `<h1>`–`<h4>` (by level), `<strong>`, and
 * `<span data-heading-end></span>` between a run-in heading's sentence and its body. Text is escaped.
 */
export function blocksToHtml(blocks: readonly Block[]): string {
  return blocks
    .map((b) => {
      if (b.type === 'paragraph') return `<p>${inlinesToHtml(b.content)}</p>`;
      if (b.type === 'table') {
        const rows = b.rows.map((r, i) => `<tr>${r.cells.map((c) => (i === 0 ? `<th>${inlinesToHtml(c.content)}</th>` : `<td>${inlinesToHtml(c.content)}</td>`)).join('')}</tr>`);
        return `<table>${rows.join('')}</table>`;
      }
      if (b.type === 'picture') return pictureToHtml(b);
      const body = b.body === undefined ? '' : `<span data-heading-end=""></span>${inlinesToHtml(b.body)}`;
      return `<h${b.level}>${inlinesToHtml(b.content)}${body}</h${b.level}>`;
    })
    .join('');
}

/** The lower-case local name of an element ("o:p" for Word's <o:p>). */
function nameOf(node: HtmlNodeLike): string {
  return node.nodeName.toLowerCase();
}

/** The text content of a node, without dropped elements. */
function textOf(node: HtmlNodeLike): string {
  if (node.nodeType === TEXT || node.nodeType === CDATA) return node.nodeValue ?? '';
  if (node.nodeType !== ELEMENT && node.nodeType !== 11) return '';
  if (node.nodeType === ELEMENT && DROP.has(nameOf(node))) return '';
  let text = '';
  for (let i = 0; i < node.childNodes.length; i++) text += textOf(node.childNodes[i]!);
  return text;
}

/** The text of every <style> element in a tree (for class-based bold). */
function styleSheets(root: HtmlNodeLike): string {
  let css = '';
  const stack: HtmlNodeLike[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeType === ELEMENT && nameOf(node) === 'style') {
      for (let i = 0; i < node.childNodes.length; i++) css += node.childNodes[i]!.nodeValue ?? '';
      css += '\n';
      continue;
    }
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
  }
  return css;
}

interface OpenBlock {
  heading?: HeadingLevel;
  content: Inline[];
  body?: Inline[];
}

/** Builds blocks from a stream of text, bold state, block boundaries and markers. */
class BlockBuilder {
  readonly blocks: Block[] = [];
  private open: OpenBlock | undefined;

  constructor(readonly headings: boolean) {}

  /** Adds a finished block (a table) after the open one. */
  push(block: Block): void {
    this.close();
    this.blocks.push(block);
  }

  text(text: string, bold: boolean, heading: HeadingLevel | undefined): void {
    if (!text) return;
    this.open ??= { ...(heading !== undefined && this.headings ? { heading } : {}), content: [] };
    const runs = this.open.body ?? this.open.content;
    runs.push(bold ? { text, bold: true } : { text });
  }

  marker(): void {
    if (this.open?.heading !== undefined && this.open.body === undefined) this.open.body = [];
  }

  /** Ends the current block; a block without visible text is dropped. */
  close(): void {
    const open = this.open;
    this.open = undefined;
    if (!open) return;
    const content = normalizeInlines(open.content);
    const body = open.body === undefined ? undefined : normalizeInlines(open.body);
    if (!/[^\s\u3000]/u.test(inlineText(content) + inlineText(body ?? []))) return;
    if (open.heading === undefined) this.blocks.push({ type: 'paragraph', content: [...content, ...(body ?? [])] });
    else if (body === undefined) this.blocks.push({ type: 'heading', level: open.heading, content });
    else this.blocks.push({ type: 'heading', level: open.heading, content, body });
  }
}

interface Context {
  readonly bold: boolean;
  readonly heading: HeadingLevel | undefined;
  readonly pre: boolean;
}

type Step = { node: HtmlNodeLike; ctx: Context } | { close: true };

/** The level of a heading element. */
function headingLevelOf(el: HtmlElementLike, name: string): HeadingLevel | undefined {
  const level = HEADINGS[name];
  if (level === undefined) return undefined;
  const own = Number(el.getAttribute('data-level'));
  return isHeadingLevel(own) ? own : level;
}

/**
 * The blocks of a parsed HTML tree (a template's content, or any node): see the module comment for what is
 * kept. Walks without recursion, so deeply nested markup cannot overflow the stack.
 */
export function htmlTreeToBlocks(root: HtmlNodeLike, options: CleanHtmlOptions = {}): Block[] {
  const boldClasses = boldClassesFromCss(styleSheets(root));
  const builder = new BlockBuilder(options.headings !== false);
  const stack: Step[] = [];
  const start: Context = { bold: false, heading: undefined, pre: false };
  for (let i = root.childNodes.length - 1; i >= 0; i--) stack.push({ node: root.childNodes[i]!, ctx: start });

  while (stack.length > 0) {
    const step = stack.pop()!;
    if ('close' in step) {
      builder.close();
      continue;
    }
    const { node, ctx } = step;
    if (node.nodeType === TEXT || node.nodeType === CDATA) {
      const raw = node.nodeValue ?? '';
      if (ctx.pre) {
        raw.split(/\r\n|[\r\n]/).forEach((line, i) => {
          if (i > 0) builder.close();
          builder.text(line, ctx.bold, ctx.heading);
        });
      } else {
        builder.text(raw.replace(/[ \t\r\n\f]+/g, ' '), ctx.bold, ctx.heading);
      }
      continue;
    }
    if (node.nodeType !== ELEMENT) continue; // comments (Word's conditional comments), processing instructions
    const el = node as HtmlElementLike;
    const name = nameOf(el);
    if (name === 'img' && builder.headings && options.pictures) {
      const image = options.pictures.get((el.getAttribute('src') ?? '').trim());
      if (image) builder.push({ type: 'picture', image, content: [] });
      continue;
    }
    if (DROP.has(name) || name.startsWith('v:') || el.hasAttribute('hidden')) continue;
    const style = el.getAttribute('style') ?? '';
    if (styleHides(style)) continue;
    if (el.hasAttribute('data-heading-end')) {
      builder.marker();
      continue;
    }
    if (name === 'br') {
      builder.close();
      continue;
    }
    // Word's list number: kept as text when it holds digits or Han numerals ("1.", "一、", "（1）"), so that it
    // becomes a heading label later; dropped when it is a bullet ("·", or "Ø" and "§" drawn in Wingdings).
    if (/mso-list\s*:\s*ignore/i.test(style) && !/[\p{Nd}\p{Script=Han}]/u.test(textOf(el))) continue;

    let bold = ctx.bold;
    if (name === 'b' || name === 'strong') bold = true;
    const classes = (el.getAttribute('class') ?? '').split(/\s+/);
    if (classes.some((c) => c && boldClasses.has(c))) bold = true;
    const weight = fontWeightIsBold(styleValue(style, 'font-weight'));
    if (weight !== undefined) bold = weight;

    // A table the model can hold becomes a table block (article bodies only); others fall apart into their cells' text.
    if (name === 'table' && builder.headings) {
      const table = htmlTable(el, (cell) => htmlTreeToBlocks(cell, { headings: false }).flatMap((b, i) => [...(i > 0 ? [{ text: ' ' }] : []), ...(b.type === 'paragraph' ? b.content : [])]));
      if (table) {
        builder.push(table);
        continue;
      }
    }
    // The editor's own picture (a copy, cut or drag inside the editor) comes back as the same picture block.
    if (name === 'figure' && builder.headings) {
      const picture = ownPictureBlock(el, (caption) => htmlTreeToBlocks(caption, { headings: false }).flatMap((b) => (b.type === 'paragraph' ? b.content : [])));
      if (picture) {
        builder.push(picture);
        continue;
      }
    }
    const block = BLOCKS.has(name);
    const heading = block ? headingLevelOf(el, name) : ctx.heading;
    const child: Context = {
      bold,
      heading,
      pre: ctx.pre || name === 'pre' || name === 'listing' || name === 'plaintext' || name === 'xmp',
    };
    if (block) {
      builder.close();
      stack.push({ close: true });
    }
    for (let i = el.childNodes.length - 1; i >= 0; i--) stack.push({ node: el.childNodes[i]!, ctx: child });
  }
  builder.close();
  return builder.blocks;
}

/**
 * Cleans clipboard HTML: parses it in a `<template>` of `doc` (a detached document, e.g.
 * `document.implementation.createHTMLDocument('')`), keeps the bulletin's structure (see the module comment) and
 * returns fresh, minimal HTML for ProseMirror to parse. Never inserts anything into a live document.
 */
export function cleanPastedHtml(html: string, doc: HtmlDocumentLike, options: CleanHtmlOptions = {}): string {
  const template = doc.createElement('template');
  template.innerHTML = html;
  const blocks = htmlTreeToBlocks(template.content, options);
  template.innerHTML = '';
  return blocksToHtml(blocks);
}
