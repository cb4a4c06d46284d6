/**
 * Conversion between the core model (core/model/issue.ts: Block[], Inline[]) and editor documents
 * (./schema.ts). The round trip is exact for normalized inlines (see {@link normalizeInlines}):
 * `docToBlocks(blocksToDoc(blocks))` deep-equals `blocks`, including bold runs and run-in headings; a heading's
 * `body` is present in the result exactly when the editor heading holds a `heading_end` marker.
 *
 * The one exception: a document is never empty (ProseMirror needs a textblock for the caret), so an empty
 * body is one empty paragraph, and one empty paragraph reads back as an empty body, `[]`.
 */

import { Fragment, type Node as PMNode, type Schema } from 'prosemirror-model';
import { normalizeInlines, type Inline } from '../../core/model/inline.js';
import type { Block, HeadingBlock } from '../../core/model/issue.js';
import { bodySchema, isHeadingLevel, noteSchema } from './schema.js';
import { nodeToTable, tableToNode } from './table-convert.js';

export { normalizeInlines };

/** Text nodes for inlines, bold as the `strong` mark. */
export function inlinesToNodes(inlines: readonly Inline[], schema: Schema): PMNode[] {
  const strong = schema.marks.strong!;
  return normalizeInlines(inlines).map((i) => schema.text(i.text, i.bold ? [strong.create()] : []));
}

/** Inlines of a run of a textblock's children (text nodes; atoms are skipped). */
function nodesToInlines(nodes: readonly PMNode[]): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes) {
    if (!node.isText || !node.text) continue;
    const bold = node.marks.some((m) => m.type.name === 'strong');
    out.push(bold ? { text: node.text, bold: true } : { text: node.text });
  }
  return normalizeInlines(out);
}

/** The inlines of a textblock's content, ignoring any marker. */
export function textblockInlines(node: PMNode): Inline[] {
  const children: PMNode[] = [];
  node.forEach((child) => children.push(child));
  return nodesToInlines(children);
}

/**
 * One block as an editor node. In a schema without headings (the note) a heading becomes a paragraph of its
 * sentence and body, run together as they print.
 */
export function blockToNode(block: Block, schema: Schema): PMNode {
  const headingType = schema.nodes.heading;
  if (block.type === 'table') {
    if (schema.nodes.table) return tableToNode(block, schema, inlinesToNodes);
    // The note has no tables: the cells as one paragraph, separated by full-width spaces.
    const cells = block.rows.flatMap((r) => r.cells.map((c) => c.content));
    const inlines = cells.flatMap((c, i) => (i > 0 ? [{ text: '　' }, ...c] : [...c]));
    return schema.nodes.paragraph!.create(null, inlinesToNodes(inlines, schema));
  }
  if (block.type === 'picture') {
    const pictureType = schema.nodes.picture;
    if (!pictureType) return schema.nodes.paragraph!.create(null, inlinesToNodes(block.content, schema));
    const { data, width, height } = block.image;
    return pictureType.create({ data, width, height }, inlinesToNodes(block.content.map((i) => ({ text: i.text })), schema));
  }
  if (block.type === 'paragraph' || !headingType) {
    const inlines = block.type === 'heading' ? [...block.content, ...(block.body ?? [])] : block.content;
    return schema.nodes.paragraph!.create(null, inlinesToNodes(inlines, schema));
  }
  if (!isHeadingLevel(block.level)) throw new RangeError(`heading level must be 1–4, not ${String(block.level)}`);
  const content = inlinesToNodes(block.content, schema);
  if (block.body !== undefined) {
    content.push(schema.nodes.heading_end!.create(), ...inlinesToNodes(block.body, schema));
  }
  return headingType.create({ level: block.level }, content);
}

/** An editor node (paragraph or heading) as a core block. */
export function nodeToBlock(node: PMNode): Block {
  if (node.type.name === 'table') return nodeToTable(node, textblockInlines);
  if (node.type.name === 'picture') {
    const { data, width, height } = node.attrs as { data: string; width: number; height: number };
    return { type: 'picture', image: { format: 'jpeg', data, width, height }, content: textblockInlines(node) };
  }
  if (node.type.name !== 'heading') return { type: 'paragraph', content: textblockInlines(node) };
  const children: PMNode[] = [];
  node.forEach((child) => children.push(child));
  const marker = children.findIndex((c) => c.type.name === 'heading_end');
  const level = node.attrs.level as HeadingBlock['level'];
  if (marker < 0) return { type: 'heading', level, content: nodesToInlines(children) };
  return {
    type: 'heading',
    level,
    content: nodesToInlines(children.slice(0, marker)),
    body: nodesToInlines(children.slice(marker + 1)),
  };
}

/** The editor document of an article body (or, with noteSchema, of any blocks as paragraphs). */
export function blocksToDoc(blocks: readonly Block[], schema: Schema = bodySchema): PMNode {
  const nodes = blocks.map((b) => blockToNode(b, schema));
  if (nodes.length === 0) nodes.push(schema.nodes.paragraph!.create());
  const doc = schema.topNodeType.create(null, Fragment.fromArray(nodes));
  doc.check();
  return doc;
}

/** Whether a document is the empty body: a single empty paragraph. */
export function isEmptyDoc(doc: PMNode): boolean {
  return doc.childCount === 1 && doc.firstChild!.type.name === 'paragraph' && doc.firstChild!.content.size === 0;
}

/** The blocks of an editor document; `[]` for the empty body (one empty paragraph). */
export function docToBlocks(doc: PMNode): Block[] {
  if (isEmptyDoc(doc)) return [];
  const blocks: Block[] = [];
  doc.forEach((node) => blocks.push(nodeToBlock(node)));
  return blocks;
}

/** The editor document of the editor's note: one paragraph per inline list. */
export function paragraphsToDoc(paragraphs: readonly (readonly Inline[])[], schema: Schema = noteSchema): PMNode {
  return blocksToDoc(
    paragraphs.map((content) => ({ type: 'paragraph', content })),
    schema,
  );
}

/** The paragraphs of an editor's-note document; `[]` for the empty note. Headings, if any, count as paragraphs. */
export function docToParagraphs(doc: PMNode): Inline[][] {
  return docToBlocks(doc).flatMap((b) =>
    b.type === 'table' ? [] : [b.type === 'heading' ? normalizeInlines([...b.content, ...(b.body ?? [])]) : [...b.content]],
  );
}
