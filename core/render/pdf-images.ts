import { fromBase64 } from '../model/picture.js';
import type { PictureImage } from '../model/issue.js';
import type { PageLayout } from '../typeset/page-layout.js';
import type { Deflate } from './pdf-fonts.js';
import { srgbProfile } from './srgb-profile.js';
import { ref, type PdfObject } from './pdf-writer.js';

/**
 * Pictures of a layout as PDF image XObjects (ISO 32000-1 §8.9.5): each distinct picture once, its baseline JPEG
 * passed through unchanged with /DCTDecode, in an /ICCBased sRGB colour space (./srgb-profile.ts) so that a PDF/A
 * file with a CMYK output intent stays valid and the print shop converts the photo to CMYK with a defined source.
 */

/** The distinct pictures of a layout, with the resource name of each (by its data). */
export interface LayoutImages {
  readonly list: readonly PictureImage[];
  readonly names: ReadonlyMap<string, string>;
}

/** Collects a layout's pictures in drawing order: /Im0, /Im1, … */
export function collectImages(layout: PageLayout): LayoutImages {
  const list: PictureImage[] = [];
  const names = new Map<string, string>();
  for (const page of layout.pages) {
    for (const item of page.images ?? []) {
      if (names.has(item.image.data)) continue;
      names.set(item.image.data, `Im${list.length}`);
      list.push(item.image);
    }
  }
  return { list, names };
}

/** The objects of the pictures numbered from `first`: the ICC profile stream, then the images; and the /XObject dictionary. */
export function imageObjects(
  images: readonly PictureImage[],
  opts: { readonly first: number; readonly deflate?: Deflate },
): { first: number; objects: PdfObject[]; resources: string } {
  const icc = srgbProfile();
  const objects: PdfObject[] = [
    opts.deflate
      ? { dict: { N: '3', Alternate: '/DeviceRGB', Filter: '/FlateDecode' }, data: opts.deflate(icc) }
      : { dict: { N: '3', Alternate: '/DeviceRGB' }, data: icc },
  ];
  const colorSpace = `[/ICCBased ${ref(opts.first)}]`;
  let resources = '<<';
  images.forEach((image, i) => {
    objects.push({
      dict: {
        Type: '/XObject',
        Subtype: '/Image',
        Width: String(image.width),
        Height: String(image.height),
        ColorSpace: colorSpace,
        BitsPerComponent: '8',
        Filter: '/DCTDecode',
      },
      data: fromBase64(image.data),
    });
    resources += `/Im${i} ${ref(opts.first + 1 + i)}`;
  });
  return { first: opts.first, objects, resources: `${resources}>>` };
}
