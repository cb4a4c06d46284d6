/**
 * The editor's own pictures in pasted HTML (issue 12 point 3): a copy, cut or drag of a picture inside the editor
 * puts the picture node's serialised form on the clipboard (./schema.ts `toDOM`): `<figure data-picture
 * data-width data-height><img src="data:image/jpeg;base64,…"><figcaption>图注</figcaption></figure>`. The HTML
 * cleaner (./clean-html.ts) rebuilds everything else from scratch; this recognises that form and makes the
 * picture block again — the same JPEG, not re-encoded — with its caption as plain text.
 *
 * Only an image the editor itself could have made is taken: a base64 baseline JPEG (starts FF D8 FF), a pixel
 * size that is a positive whole number within {@link PICTURE_LIMITS}; anything else is not a picture of ours and
 * falls to the cleaner (its caption stays as a paragraph, the image is dropped).
 */
import { normalizeInlines, type Inline } from '../../core/model/inline.js';
import type { PictureBlock } from '../../core/model/issue.js';
import { PICTURE_LIMITS } from '../../core/model/picture.js';
import type { HtmlElementLike, HtmlNodeLike } from './clean-html.js';

const ELEMENT = 1;
/** base64 of a JPEG's first bytes FF D8 FF. */
const JPEG_BASE64 = /^\/9j\/[A-Za-z0-9+/]*={0,2}$/;
const DATA_URL = /^data:image\/jpeg;base64,(.*)$/s;

function nameOf(node: HtmlNodeLike): string {
  return node.nodeName.toLowerCase();
}

/** The first descendant element with a name (depth first, without recursion). */
function firstElement(root: HtmlNodeLike, name: string): HtmlElementLike | undefined {
  const stack: HtmlNodeLike[] = [];
  for (let i = root.childNodes.length - 1; i >= 0; i--) stack.push(root.childNodes[i]!);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeType !== ELEMENT) continue;
    if (nameOf(node) === name) return node as HtmlElementLike;
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
  }
  return undefined;
}

function pixelCount(value: string | null): number | undefined {
  if (value === null || !/^\d{1,6}$/.test(value.trim())) return undefined;
  const n = Number(value);
  return n >= 1 ? n : undefined;
}

/** Whether an element is the editor's serialised picture (`<figure data-picture>`). */
export function isOwnPictureElement(el: HtmlElementLike): boolean {
  return nameOf(el) === 'figure' && el.hasAttribute('data-picture');
}

/**
 * The picture block of the editor's serialised picture, or undefined when the element is not one or its image is
 * not a JPEG the editor could have made. `captionInlines` reads the figcaption's text (the cleaner's own walk);
 * bold is dropped (a caption holds plain text).
 */
export function ownPictureBlock(
  figure: HtmlElementLike,
  captionInlines: (caption: HtmlElementLike) => Inline[],
): PictureBlock | undefined {
  if (!isOwnPictureElement(figure)) return undefined;
  const width = pixelCount(figure.getAttribute('data-width'));
  const height = pixelCount(figure.getAttribute('data-height'));
  if (width === undefined || height === undefined || width * height > PICTURE_LIMITS.maxPixels) return undefined;
  const src = firstElement(figure, 'img')?.getAttribute('src') ?? '';
  const data = DATA_URL.exec(src.trim())?.[1]?.replace(/\s+/g, '');
  if (!data || !JPEG_BASE64.test(data)) return undefined;
  const caption = firstElement(figure, 'figcaption');
  const text = caption ? captionInlines(caption).map((i) => i.text).join('') : '';
  const content = normalizeInlines(text ? [{ text }] : []);
  return { type: 'picture', image: { format: 'jpeg', data, width, height }, content };
}
