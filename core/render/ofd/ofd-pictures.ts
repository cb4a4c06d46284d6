import { fromBase64 } from '../../model/picture.js';
import type { ArtworkItem, ImageItem, PageLayout } from '../../typeset/page-layout.js';
import { tintedGreyPng } from './ofd-art-png.js';
import type { IdAllocator } from './ofd-ids.js';
import { box, el, mmOf } from './xml.js';

/**
 * Pictures in OFD (GB/T 33190-2016): each distinct picture is a multimedia resource of PublicRes.xml (§7.9,
 * CT_MultiMedia Type="Image", its JPEG file in Res/), drawn on a page by an ImageObject (§10, CT_Image) whose CTM
 * maps the unit square onto its boundary.
 */

/** A picture's resource: its ID, file name in Res/ and bytes. */
export interface OfdPicture {
  readonly id: number;
  readonly file: string;
  readonly bytes: Uint8Array;
  /** 'PNG' for a PNG 刊名 (./ofd-art-png.ts); default 'JPEG'. */
  readonly format?: 'JPEG' | 'PNG';
}

/** The distinct pictures of a layout as resources, by their data; IDs are allocated in drawing order. */
export function ofdPictures(layout: PageLayout, ids: IdAllocator): Map<string, OfdPicture> {
  const out = new Map<string, OfdPicture>();
  for (const page of layout.pages) {
    for (const item of page.images ?? []) {
      if (out.has(item.image.data)) continue;
      out.set(item.image.data, { id: ids.next(), file: `Image_${out.size}.jpg`, bytes: fromBase64(item.image.data) });
    }
  }
  return out;
}

/**
 * The PNG 刊名 pictures of a layout (ArtworkItem kind 'image') as resources, by their PNG bytes: each tinted to its
 * print colour as an indexed-colour PNG (./ofd-art-png.ts).
 */
export function ofdArtPictures(layout: PageLayout, ids: IdAllocator): Map<Uint8Array, OfdPicture> {
  const out = new Map<Uint8Array, OfdPicture>();
  for (const page of layout.pages) {
    for (const a of page.artworks ?? []) {
      if (a.kind !== 'image' || out.has(a.png)) continue;
      out.set(a.png, { id: ids.next(), file: `Art_${out.size}.png`, bytes: a.tint ? tintedGreyPng(a.png, a.tint) : a.png, format: 'PNG' });
    }
  }
  return out;
}

/** A picture's entry in PublicRes.xml. */
export function multiMediaElement(p: OfdPicture): string {
  return el('ofd:MultiMedia', { ID: p.id, Type: 'Image', Format: p.format ?? 'JPEG' }, el('ofd:MediaFile', {}, p.file));
}

/** A picture drawn on a page (a picture of an article, or a PNG 刊名). */
export function imageObject(id: number, item: ImageItem | Extract<ArtworkItem, { kind: 'image' }>, picture: OfdPicture): string {
  return el('ofd:ImageObject', {
    ID: id,
    Boundary: box(item.x, item.y, item.width, item.height),
    CTM: `${mmOf(item.width)} 0 0 ${mmOf(item.height)} 0 0`,
    ResourceID: picture.id,
  });
}
