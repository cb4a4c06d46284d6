import type { EditorView } from 'prosemirror-view';
import type { PictureImage } from '../../../core/model/issue.js';
import { cleanPastedHtml, type HtmlDocumentLike, type HtmlElementLike, type HtmlNodeLike } from '../clean-html.js';
import { isOwnPictureElement } from '../html-picture.js';

/**
 * Pictures inside pasted HTML (issue 12 point 3): a web page or WPS copies a picture as `<img
 * src="data:image/jpeg;base64,…">` (or data:image/png) among the text. Such a paste is taken over: the editor fires
 * {@link PICTURE_HTML_EVENT} with the HTML and the images' bytes; the app prepares each image through the same path
 * as a picture file (preload API → export worker → services/picture-prepare.ts: checked, re-encoded to 300 dpi,
 * refused in Chinese when unsupported, corrupt or too large) and then calls {@link pasteHtmlWithPictures}, which
 * pastes the HTML with every prepared image as a picture block where its <img> stood (./clean-html.ts
 * `pictures`) and drops the refused ones, keeping all the text. Images by address (http/https, file:, cid:…)
 * cannot be fetched by an offline editor: the text is pasted as before and a notice says how many were left out.
 * The editor's own pictures (`<figure data-picture>`) are not foreign: they paste as they are (./html-picture.ts).
 */

/** The DOM event a paste of HTML holding data: URL images fires (bubbling, on the editor's DOM). */
export const PICTURE_HTML_EVENT = 'bulletin-picture-html';

/** An image found in pasted HTML, by its data: URL. */
export interface PastedImage {
  /** The src attribute as pasted (the key the cleaner looks the prepared picture up by). */
  readonly src: string;
  /** The file name it is prepared under (for messages): 粘贴的图片1.jpg. */
  readonly name: string;
  /** Its bytes, or undefined when the data: URL cannot be decoded (a corrupt picture). */
  readonly bytes: Uint8Array | undefined;
}

/** The detail of {@link PICTURE_HTML_EVENT}. */
export interface PictureHtmlDetail {
  readonly view: EditorView;
  readonly html: string;
  readonly images: readonly PastedImage[];
  /** Images by address that were left out (http, https, file…). */
  readonly remote: number;
}

/** The images of pasted HTML: data: URL images in document order, and how many others (by address). */
export interface HtmlImages {
  readonly data: readonly string[];
  readonly remote: number;
}

const ELEMENT = 1;

/** The images of a parsed HTML tree, outside the editor's own pictures (depth first, without recursion). */
export function imagesInTree(root: HtmlNodeLike): HtmlImages {
  const data: string[] = [];
  let remote = 0;
  const stack: HtmlNodeLike[] = [];
  for (let i = root.childNodes.length - 1; i >= 0; i--) stack.push(root.childNodes[i]!);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeType !== ELEMENT) continue;
    const el = node as HtmlElementLike;
    const name = el.nodeName.toLowerCase();
    if (name === 'figure' && isOwnPictureElement(el)) continue;
    if (name === 'img') {
      const src = (el.getAttribute('src') ?? '').trim();
      if (/^data:image\//i.test(src)) data.push(src);
      else if (src) remote++;
      continue;
    }
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
  }
  return { data, remote };
}

/** The images of pasted HTML, parsed inert in a `<template>` of a detached document (as the cleaner does). */
export function imagesInHtml(html: string, doc: HtmlDocumentLike): HtmlImages {
  if (!/<img/i.test(html)) return { data: [], remote: 0 };
  const template = doc.createElement('template');
  template.innerHTML = html;
  const found = imagesInTree(template.content);
  template.innerHTML = '';
  return found;
}

/** The bytes of a data: URL (base64 or percent-encoded), or undefined when it cannot be decoded. */
export function dataUrlBytes(src: string): Uint8Array | undefined {
  const m = /^data:([^,]*?),(.*)$/is.exec(src.trim());
  if (!m) return undefined;
  const base64 = /;base64$/i.test(m[1]!);
  try {
    if (base64) {
      const text = atob(m[2]!.replace(/\s+/g, ''));
      const out = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
      return out.length ? out : undefined;
    }
    const text = decodeURIComponent(m[2]!);
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
    return out.length ? out : undefined;
  } catch {
    return undefined;
  }
}

/** The file name an image is prepared under, by its MIME type: 粘贴的图片2.png. */
function nameFor(src: string, n: number): string {
  const type = /^data:image\/([a-z0-9.+-]+)/i.exec(src)?.[1]?.toLowerCase() ?? 'img';
  const ext = type === 'jpeg' ? 'jpg' : type === 'svg+xml' ? 'svg' : type;
  return `粘贴的图片${n}.${ext}`;
}

/** What is said about images by address that were left out. */
export function remoteImagesMessage(count: number): string {
  return `粘贴内容中有${count}张图片是网络或本机地址，编辑器离线无法取得，已只粘贴文字；请把图片另存为文件后用“插图”插入`;
}

/**
 * The paste handler's part for HTML with images: fires {@link PICTURE_HTML_EVENT} and returns true (the paste is
 * taken over) when the HTML holds data: URL images; otherwise returns false (the ordinary paste goes on), after
 * a notice when images by address are left out.
 */
export function handlePastedHtmlImages(
  view: EditorView,
  html: string,
  ctx: { readonly doc: HtmlDocumentLike; readonly notice: (message: string) => void },
): boolean {
  const found = imagesInHtml(html, ctx.doc);
  if (found.data.length === 0) {
    if (found.remote > 0) ctx.notice(remoteImagesMessage(found.remote));
    return false;
  }
  const images = found.data.map((src, i) => ({ src, name: nameFor(src, i + 1), bytes: dataUrlBytes(src) }));
  const detail: PictureHtmlDetail = { view, html, images, remote: found.remote };
  view.dom.dispatchEvent(new CustomEvent(PICTURE_HTML_EVENT, { detail, bubbles: true }));
  return true;
}

/**
 * Pastes HTML at the selection with its prepared images as pictures (by src; images not in `pictures` are left
 * out), through the editor's ordinary paste: the cleaner runs with the pictures, its output (the editor's own
 * picture form) goes through `view.pasteHTML` and the paste plugin's hooks.
 */
export function pasteHtmlWithPictures(
  view: EditorView,
  html: string,
  pictures: ReadonlyMap<string, PictureImage>,
  doc: HtmlDocumentLike,
): void {
  const cleaned = cleanPastedHtml(html, doc, { pictures });
  view.pasteHTML(cleaned);
}
