/**
 * The ProseMirror schema of one body of text in the bulletin: an article's body (paragraphs and numbered
 * section headings) or the 编者按 (paragraphs only). It mirrors core/model/issue.ts:
 *
 * | core model                          | editor document                                            |
 * |-------------------------------------|------------------------------------------------------------|
 * | `ParagraphBlock { content }`        | `paragraph` (text*)                                        |
 * | `HeadingBlock { level, content }`   | `heading {level}` (text*)                                  |
 * | `HeadingBlock { level, content, body }` (run in) | `heading {level}` (content, `heading_end`, body) |
 * | `Inline { text, bold }`             | text with the `strong` mark                                |
 * | `TableBlock { rows, widths }`       | `table` > `table_row` > `table_header`/`table_cell` (text*), ./table-schema.ts |
 *
 * Run-in headings. A run-in heading ("一、深化活动主题。这次活动……") is ONE textblock whose content is the heading
 * sentence, then a `heading_end` marker (an inline atom, zero characters of text, drawn as a thin bar), then the
 * paragraph text that runs on after it. The content expression `text* (heading_end text*)?` lets the schema
 * itself guarantee at most one marker per heading and none in paragraphs. The presence of the marker is the
 * only record of "run in": there is deliberately no `runIn` attribute, because an attribute and a marker could
 * disagree (Backspace over the marker, a paste, a split) and every command would have to keep them in step.
 * Use {@link headingEndOffset} / {@link isRunIn} to ask. One textblock (rather than heading + paragraph nodes)
 * means the caret moves, selects and deletes across the boundary exactly as across any character, which is
 * how editors treat the sentence and the text after it: as one line of prose.
 *
 * Numbers are never text: a heading's label (一、（一）1.（1）) is computed from the document by the numbering
 * plugin and drawn by CSS from a `data-label` attribute.
 */

import { type DOMOutputSpec, type MarkSpec, type Node as PMNode, type NodeSpec, Schema } from 'prosemirror-model';
import type { HeadingLevel } from '../../core/model/issue.js';
import { tableNodeSpecs } from './table-schema.js';

/** Which body an editor edits: an article body (headings allowed) or the editor's note (paragraphs only). */
export type EditorKind = 'body' | 'note';

/** The heading levels, 一、 （一） 1. （1）. */
export const HEADING_LEVELS: readonly HeadingLevel[] = [1, 2, 3, 4];

/** Whether a value is a heading level 1–4. */
export function isHeadingLevel(value: unknown): value is HeadingLevel {
  return value === 1 || value === 2 || value === 3 || value === 4;
}

/** The level of an HTML heading element: our own `data-level`, else h1–h4 as levels 1–4 (h5, h6 as 4). */
function levelOfElement(dom: { getAttribute(name: string): string | null; nodeName: string }): HeadingLevel {
  const own = Number(dom.getAttribute('data-level'));
  if (isHeadingLevel(own)) return own;
  const n = Number(dom.nodeName.slice(1));
  return isHeadingLevel(n) ? n : 4;
}

const paragraph: NodeSpec = {
  group: 'block',
  content: 'text*',
  parseDOM: [{ tag: 'p' }],
  toDOM: (): DOMOutputSpec => ['p', { class: 'bulletin-paragraph' }, 0],
};

const heading: NodeSpec = {
  group: 'block',
  content: 'text* (heading_end text*)?',
  attrs: {
    level: {
      default: 1,
      validate: (value: unknown) => {
        if (!isHeadingLevel(value)) throw new RangeError(`heading level must be 1–4, not ${String(value)}`);
      },
    },
  },
  // Pasting over a heading's whole text keeps the heading; a pasted heading keeps its type.
  defining: true,
  parseDOM: [
    {
      tag: 'h1, h2, h3, h4, h5, h6',
      getAttrs: (dom) => ({ level: levelOfElement(dom) }),
    },
  ],
  toDOM: (node: PMNode): DOMOutputSpec => [
    // Level 1 renders as <h2>: the article title above the editor is the page's <h1>.
    `h${(node.attrs.level as number) + 1}`,
    { class: 'bulletin-heading', 'data-level': String(node.attrs.level) },
    0,
  ],
};

const headingEnd: NodeSpec = {
  inline: true,
  atom: true,
  selectable: false,
  // No text of its own: copied as plain text, "深化活动主题。这次活动" reads as one line, as it prints.
  leafText: () => '',
  parseDOM: [{ tag: 'span[data-heading-end]' }],
  toDOM: (): DOMOutputSpec => [
    'span',
    {
      class: 'bulletin-heading-end',
      'data-heading-end': '',
      contenteditable: 'false',
      title: '标题句到此结束，后面是接排的正文',
    },
  ],
};

/**
 * A picture (issue 12): the image (a re-encoded baseline JPEG, base64, with its pixel size) as attributes, the
 * 图注 as the node's text, edited in the figcaption under the image.
 */
const picture: NodeSpec = {
  group: 'block',
  content: 'text*',
  marks: '',
  attrs: { data: { default: '' }, width: { default: 1 }, height: { default: 1 } },
  isolating: true,
  defining: true,
  parseDOM: [
    {
      tag: 'figure[data-picture]',
      contentElement: 'figcaption',
      getAttrs: (dom) => {
        const src = dom.querySelector('img')?.getAttribute('src') ?? '';
        const data = /^data:image\/jpeg;base64,(.+)$/.exec(src)?.[1];
        if (!data) return false;
        return { data, width: Number(dom.getAttribute('data-width')) || 1, height: Number(dom.getAttribute('data-height')) || 1 };
      },
    },
  ],
  toDOM: (node: PMNode): DOMOutputSpec => [
    'figure',
    { class: 'bulletin-picture', 'data-picture': '', 'data-width': String(node.attrs.width), 'data-height': String(node.attrs.height) },
    ['img', { src: `data:image/jpeg;base64,${node.attrs.data as string}`, contenteditable: 'false', alt: '图片', draggable: 'false' }],
    ['figcaption', { class: 'bulletin-caption', 'data-placeholder': '图注（可空）' }, 0],
  ],
};

const strong: MarkSpec = {
  parseDOM: [
    { tag: 'strong' },
    // Google Docs wraps everything in <b style="font-weight:normal">.
    { tag: 'b', getAttrs: (dom) => (dom.style.fontWeight !== 'normal' && null) },
    { style: 'font-weight=400', clearMark: (mark) => mark.type.name === 'strong' },
    { style: 'font-weight', getAttrs: (value) => (/^(?:bold(?:er)?|[6-9]\d\d)$/.test(value) && null) },
  ],
  toDOM: (): DOMOutputSpec => ['strong', 0],
};

/** The schema of an article body: paragraphs, headings (levels 1–4, possibly run in), tables and bold. */
export const bodySchema = new Schema({
  nodes: {
    doc: { content: 'block+' },
    paragraph,
    heading,
    heading_end: headingEnd,
    picture,
    text: { group: 'inline' },
    ...tableNodeSpecs,
  },
  marks: { strong },
});

/** The schema of the editor's note (编者按): paragraphs and bold only. */
export const noteSchema = new Schema({
  nodes: {
    doc: { content: 'block+' },
    paragraph,
    text: { group: 'inline' },
  },
  marks: { strong },
});

/** The schema for a kind of body. */
export function schemaFor(kind: EditorKind): Schema {
  return kind === 'note' ? noteSchema : bodySchema;
}

/** The kind of body a schema edits: 'body' when it has headings. */
export function kindOfSchema(schema: Schema): EditorKind {
  return schema.nodes.heading ? 'body' : 'note';
}

/** The offset (in the heading's content) of its run-in marker, or -1 when the heading stands alone. */
export function headingEndOffset(heading: PMNode): number {
  let found = -1;
  heading.forEach((child, offset) => {
    if (found < 0 && child.type.name === 'heading_end') found = offset;
  });
  return found;
}

/**
 * Whether a heading is run in as the core model defines it: it has a marker and text after the marker.
 * (A marker with nothing after it is kept — it becomes `body: []` — but prints as a standalone heading.)
 */
export function isRunIn(heading: PMNode): boolean {
  const offset = headingEndOffset(heading);
  return offset >= 0 && offset + 1 < heading.content.size;
}
