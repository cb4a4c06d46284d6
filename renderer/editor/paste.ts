/**
 * Paste: how clipboard content becomes bulletin text. Three ProseMirror hooks, in the order ProseMirror calls
 * them:
 * 1. `transformPastedHTML` — {@link cleanPastedHtml} (./clean-html.ts) rebuilds the HTML from Word, WPS or a web
 *    page as bare blocks, bold and headings, parsed in a detached document, before ProseMirror parses it;
 * 2. `clipboardTextParser` — plain text (no HTML on the clipboard, or Ctrl+Shift+V) through
 *    {@link pastedTextToBlocks} (./clean-text.ts): one block per line;
 * 3. `transformPasted` — {@link cleanPastedSlice}: every pasted block's text cleaned (control characters,
 *    punctuation, spaces between Han and Latin) and lines starting with a typed label made headings.
 * Text pasted into the middle of a line continues that line: it keeps its leading space and is never made a
 * heading.
 */

import { Fragment, type Node as PMNode, type ResolvedPos, type Schema, Slice } from 'prosemirror-model';
import { type EditorState, Plugin, PluginKey } from 'prosemirror-state';
import { blockToNode, nodeToBlock } from './convert.js';
import { cleanPastedHtml, type HtmlDocumentLike } from './clean-html.js';
import { cleanPastedBlock, isEmptyBlock, pastedTextToBlocks } from './clean-text.js';
import { copiedText } from './copy.js';
import { kindOfSchema } from './schema.js';

export { cleanPastedHtml, blocksToHtml, htmlTreeToBlocks } from './clean-html.js';
export type { CleanHtmlOptions, HtmlDocumentLike, HtmlElementLike, HtmlNodeLike } from './clean-html.js';
export { cleanInlineText, cleanPastedBlock, pastedTextToBlocks } from './clean-text.js';
export type { BlockEdges, CleanOptions, PastedTextOptions } from './clean-text.js';

/** Where a paste lands: whether text in the same block precedes the caret and follows the selection. */
export interface PasteContext {
  /** Text before the caret in its block: the paste's first block continues it. */
  readonly continuesText: boolean;
  /** Text after the selection in its block: the paste's last block runs into it. */
  readonly textFollows: boolean;
}

/** The paste context of an editor state's selection. */
export function pasteContext(state: EditorState): PasteContext {
  const { $from, $to } = state.selection;
  return {
    continuesText: $from.parent.isTextblock && $from.parentOffset > 0,
    textFollows: $to.parent.isTextblock && $to.parentOffset < $to.parent.content.size,
  };
}

/**
 * A pasted slice with each block cleaned (./clean-text.ts): text normalized, labelled lines made headings
 * (not in the editor's note). An open first block that continues text keeps its leading spaces and is never made
 * a heading; an open last block that runs into text keeps its trailing spaces. Blocks left empty between others
 * are dropped.
 */
export function cleanPastedSlice(
  slice: Slice,
  schema: Schema,
  context: PasteContext = { continuesText: false, textFollows: false },
): Slice {
  const headings = kindOfSchema(schema) === 'body';
  const count = slice.content.childCount;
  const nodes: PMNode[] = [];
  let changed = false;
  slice.content.forEach((node, _offset, index) => {
    if (node.type.name === 'table') {
      const cleaned = blockToNode(cleanPastedBlock(nodeToBlock(node)), schema);
      if (!cleaned.eq(node)) changed = true;
      nodes.push(cleaned);
      return;
    }
    if (!node.isTextblock) {
      nodes.push(node);
      return;
    }
    const openStart = index === 0 && slice.openStart > 0;
    const openEnd = index === count - 1 && slice.openEnd > 0;
    const continues = openStart && context.continuesText;
    const block = cleanPastedBlock(
      nodeToBlock(node),
      { headings },
      { trimStart: !continues, trimEnd: !(openEnd && context.textFollows), detectLabel: !continues },
    );
    // An empty block in the middle goes (the first and last stay: they carry the slice's open edges).
    if (index > 0 && index < count - 1 && isEmptyBlock(block)) {
      changed = true;
      return;
    }
    const cleaned = blockToNode(block, schema);
    if (!cleaned.eq(node)) changed = true;
    nodes.push(cleaned);
  });
  return changed ? new Slice(Fragment.fromArray(nodes), slice.openStart, slice.openEnd) : slice;
}

/** Plain text as a slice for the editor: cleaned blocks (see pastedTextToBlocks), open at both ends. */
export function pastedTextToSlice(text: string, schema: Schema, $context?: ResolvedPos): Slice {
  const continuesText = !!$context && $context.parent.isTextblock && $context.parentOffset > 0;
  const blocks = pastedTextToBlocks(text, { headings: kindOfSchema(schema) === 'body', continuesText });
  if (blocks.length === 0) return Slice.empty;
  return Slice.maxOpen(Fragment.fromArray(blocks.map((b) => blockToNode(b, schema))));
}

/** The key of the paste plugin. */
export const pasteKey = new PluginKey('bulletin-paste');

/**
 * The plugin holding the clipboard hooks: the three paste hooks above, and the plain text of a copy with heading
 * numbers (./copy.ts). HTML is parsed in a detached document made from the editor's own document
 * (`implementation.createHTMLDocument('')`), created on the first paste.
 */
export function pastePlugin(schema: Schema): Plugin {
  const headings = kindOfSchema(schema) === 'body';
  let detached: HtmlDocumentLike | undefined;
  return new Plugin({
    key: pasteKey,
    props: {
      transformPastedHTML(html, view) {
        const doc: HtmlDocumentLike = detached ?? view.dom.ownerDocument.implementation.createHTMLDocument('');
        detached = doc;
        return cleanPastedHtml(html, doc, { headings });
      },
      clipboardTextParser(text, $context) {
        return pastedTextToSlice(text, schema, $context);
      },
      transformPasted(slice, view) {
        return cleanPastedSlice(slice, schema, pasteContext(view.state));
      },
      clipboardTextSerializer(slice, view) {
        const { $from } = view.state.selection;
        return copiedText(slice, view.state.doc, $from.index(0), $from.parentOffset === 0);
      },
    },
  });
}
