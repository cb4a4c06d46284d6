import { fromBase64 } from '../../model/picture.js';
import type { ImageItem, PageLayout } from '../../typeset/page-layout.js';
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

/** A picture's entry in PublicRes.xml. */
export function multiMediaElement(p: OfdPicture): string {
  return el('ofd:MultiMedia', { ID: p.id, Type: 'Image', Format: 'JPEG' }, el('ofd:MediaFile', {}, p.file));
}

/** A picture drawn on a page. */
export function imageObject(id: number, item: ImageItem, picture: OfdPicture): string {
  return el('ofd:ImageObject', {
    ID: id,
    Boundary: box(item.x, item.y, item.width, item.height),
    CTM: `${mmOf(item.width)} 0 0 ${mmOf(item.height)} 0 0`,
    ResourceID: picture.id,
  });
}
