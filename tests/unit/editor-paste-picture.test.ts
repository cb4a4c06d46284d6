import { Fragment, Slice } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import type { Block } from '../../core/model/issue.js';
import { blocksToHtml, htmlTreeToBlocks, type HtmlNodeLike } from '../../renderer/editor/clean-html.js';
import { blockToNode, nodeToBlock } from '../../renderer/editor/convert.js';
import { cleanPastedSlice } from '../../renderer/editor/paste.js';
import { bodySchema } from '../../renderer/editor/schema.js';
import { dataUrlBytes, imagesInTree, remoteImagesMessage } from '../../renderer/editor/plugins/picture-paste.js';

// Hand-built trees shaped like what a browser's parser makes of the editor's own clipboard HTML (the picture
// node's toDOM in renderer/editor/schema.ts); the real parser and clipboard are exercised in tests/e2e/pictures.

type Attrs = Record<string, string>;
interface FakeNode extends HtmlNodeLike {
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
}
function el(name: string, attrs: Attrs = {}, ...children: (FakeNode | string)[]): FakeNode {
  const nodes = children.map((c) => (typeof c === 'string' ? text(c) : c));
  return {
    nodeType: 1,
    nodeName: name.toUpperCase(),
    nodeValue: null,
    childNodes: nodes,
    getAttribute: (n) => attrs[n] ?? null,
    hasAttribute: (n) => n in attrs,
  };
}
function text(value: string): FakeNode {
  return { nodeType: 3, nodeName: '#text', nodeValue: value, childNodes: [], getAttribute: () => null, hasAttribute: () => false };
}
function fragment(...children: FakeNode[]): HtmlNodeLike {
  return { nodeType: 11, nodeName: '#document-fragment', nodeValue: null, childNodes: children };
}

const JPEG = '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==';

/** The editor's serialised picture, as the schema's toDOM writes it (with ProseMirror's slice marker). */
function ownFigure(caption: (FakeNode | string)[], attrs: Attrs = {}, src = `data:image/jpeg;base64,${JPEG}`): FakeNode {
  return el(
    'figure',
    { class: 'bulletin-picture', 'data-picture': '', 'data-width': '640', 'data-height': '480', 'data-pm-slice': '0 0 []', ...attrs },
    el('img', { src, contenteditable: 'false', alt: '图片', draggable: 'false' }),
    el('figcaption', { class: 'bulletin-caption', 'data-placeholder': '图注（可空）' }, ...caption),
  );
}

describe('paste of the editor\'s own pictures (copy, cut, drag inside the editor)', () => {
  it('keeps the picture with its caption, the same JPEG and pixel size, between the text around it', () => {
    const tree = fragment(el('p', {}, '前一段。'), ownFigure(['图为', el('strong', {}, '座谈会'), '现场']), el('p', {}, '后一段。'));
    expect(htmlTreeToBlocks(tree)).toEqual([
      { type: 'paragraph', content: [{ text: '前一段。' }] },
      { type: 'picture', image: { format: 'jpeg', data: JPEG, width: 640, height: 480 }, content: [{ text: '图为座谈会现场' }] },
      { type: 'paragraph', content: [{ text: '后一段。' }] },
    ]);
  });

  it('keeps two pictures, and one with an empty caption', () => {
    const blocks = htmlTreeToBlocks(fragment(ownFigure(['甲']), ownFigure([])));
    expect(blocks.map((b) => b.type)).toEqual(['picture', 'picture']);
    expect(blocks[1]).toEqual({ type: 'picture', image: { format: 'jpeg', data: JPEG, width: 640, height: 480 }, content: [] });
  });

  it('round-trips through the cleaner\'s own HTML and the editor schema without touching the image', () => {
    const block: Block = { type: 'picture', image: { format: 'jpeg', data: JPEG, width: 12, height: 34 }, content: [{ text: '图注' }] };
    const html = blocksToHtml([block]);
    expect(html).toContain(`data-width="12"`);
    expect(html).toContain(JPEG);
    const node = blockToNode(block, bodySchema);
    expect(node.type.name).toBe('picture');
    expect(nodeToBlock(node)).toEqual(block);
    // transformPasted keeps a pasted picture (its caption cleaned, the image untouched).
    const slice = new Slice(Fragment.from(blockToNode({ ...block, content: [{ text: ' 图注 ' }] }, bodySchema)), 0, 0);
    const cleaned = cleanPastedSlice(slice, bodySchema);
    expect(cleaned.content.childCount).toBe(1);
    expect(nodeToBlock(cleaned.content.child(0))).toEqual(block);
  });

  it('does not take images the editor could not have made: the caption stays as text, the image goes', () => {
    const cases: FakeNode[] = [
      ownFigure(['非JPEG'], {}, 'data:image/png;base64,iVBORw0KGgo='),
      ownFigure(['外链'], {}, 'https://example.com/a.jpg'),
      ownFigure(['坏数据'], {}, 'data:image/jpeg;base64,/9j/<script>'),
      ownFigure(['不是JPEG'], {}, 'data:image/jpeg;base64,AAAA'),
      ownFigure(['无宽度'], { 'data-width': '' }),
      ownFigure(['负高度'], { 'data-height': '-3' }),
      ownFigure(['太大'], { 'data-width': '20000', 'data-height': '20000' }),
      el('figure', {}, el('img', { src: `data:image/jpeg;base64,${JPEG}` }), el('figcaption', {}, '无标记')),
    ];
    for (const figure of cases) {
      const blocks = htmlTreeToBlocks(fragment(figure));
      expect(blocks.every((b) => b.type === 'paragraph'), JSON.stringify(blocks)).toBe(true);
      expect(blocks).toHaveLength(1);
    }
  });

  it('in the editor\'s note (no pictures) keeps only the caption text', () => {
    expect(htmlTreeToBlocks(fragment(ownFigure(['图注'])), { headings: false })).toEqual([{ type: 'paragraph', content: [{ text: '图注' }] }]);
  });
});

describe('pasted HTML from outside with data: URL images (renderer/editor/plugins/picture-paste.ts)', () => {
  const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
  const web = () =>
    fragment(
      el('p', {}, '前文', el('img', { src: `data:image/jpeg;base64,${JPEG}` }), '后文。'),
      el('figure', {}, el('img', { src: png }), el('figcaption', {}, '网页图注')),
      el('p', {}, el('img', { src: 'https://example.org/a.jpg' }), '末段。'),
      ownFigure(['自己的图']),
    );

  it('finds data: URL images in order, counts images by address, skips the editor\'s own pictures', () => {
    const found = imagesInTree(web());
    expect(found.data).toEqual([`data:image/jpeg;base64,${JPEG}`, png]);
    expect(found.remote).toBe(1);
  });

  it('decodes a data: URL to its bytes, and refuses one that is not', () => {
    const bytes = dataUrlBytes(png)!;
    expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect([...dataUrlBytes(`data:image/jpeg;base64,${JPEG}`)!.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(dataUrlBytes('data:image/png;base64,@@@')).toBeUndefined();
    expect(dataUrlBytes('data:image/png;base64,')).toBeUndefined();
  });

  it('puts each prepared image as a picture block where it stood, drops the others, keeps all text', () => {
    const prepared = { format: 'jpeg' as const, data: JPEG, width: 10, height: 8 };
    const blocks = htmlTreeToBlocks(web(), { pictures: new Map([[`data:image/jpeg;base64,${JPEG}`, prepared]]) });
    expect(blocks).toEqual([
      { type: 'paragraph', content: [{ text: '前文' }] },
      { type: 'picture', image: prepared, content: [] },
      { type: 'paragraph', content: [{ text: '后文。' }] },
      { type: 'paragraph', content: [{ text: '网页图注' }] },
      { type: 'paragraph', content: [{ text: '末段。' }] },
      { type: 'picture', image: { format: 'jpeg', data: JPEG, width: 640, height: 480 }, content: [{ text: '自己的图' }] },
    ]);
    // Without prepared pictures (as before), every foreign image is dropped.
    expect(htmlTreeToBlocks(web()).filter((b) => b.type === 'picture')).toHaveLength(1);
  });

  it('says in Chinese why images by address are left out', () => {
    expect(remoteImagesMessage(2)).toContain('2张图片');
    expect(remoteImagesMessage(2)).toContain('离线');
  });
});
