import * as fontkit from 'fontkit';
import type { LoadedFace } from './face-set.js';
import { encodeTrueTypeSubset, withComponents } from './font-subset.js';
import { sfntOf } from './sfnt.js';

/**
 * Glyph outlines as SVG path data (font units, y up), as fontkit draws them — for the preview, which paints the
 * glyphs the PDF embeds. A face held without its glyph data (FontFace.glyf) is never asked by fontkit for an
 * outline: the glyphs wanted (with the parts of composite glyphs) are first made into a small TrueType subset by
 * the PDF's subsetter (./font-subset.ts), and fontkit draws them from that, point for point the same outlines.
 */
export function glyphOutlines(face: LoadedFace, gids: readonly number[]): Map<number, string> {
  const out = new Map<number, string>();
  if (!face.glyf) {
    for (const gid of gids) out.set(gid, outline(face.font, gid));
    return out;
  }
  const sfnt = sfntOf(face);
  const list = withComponents(sfnt, [0, ...new Set(gids.filter((g) => g !== 0))]);
  const index = new Map(list.map((g, i) => [g, i]));
  const small = fontkit.create(encodeTrueTypeSubset(sfnt, list));
  for (const gid of gids) out.set(gid, outline(small, index.get(gid)!));
  return out;
}

function outline(font: fontkit.Font, gid: number): string {
  return (font as unknown as { getGlyph(id: number): { path: { toSVG(): string } } }).getGlyph(gid).path.toSVG();
}
