import { segmentBounds, type PathSegment } from '../../masthead-art/path-segments.js';
import type { ArtworkItem, PlacedPath } from '../../typeset/page-layout.js';
import { imageObject, type OfdPicture } from './ofd-pictures.js';
import { rgbOf } from './ofd-text.js';
import { box, el, mmOf } from './xml.js';

/**
 * Vector artwork (the 刊名 picture) in OFD: one PathObject per outline (GB/T 33190-2016 §9.1, CT_Path), its
 * Boundary the outline's box grown by half the stroke, its AbbreviatedData (§9.3, Table 36: M, L, B for a cubic
 * Bézier, C to close) relative to the boundary, in millimetres; fill and stroke colours, line width, cap, join,
 * miter limit and the fill rule as CT_Path's attributes.
 */

const CAP = { butt: 'Butt', round: 'Round', square: 'Square' } as const;
const JOIN = { miter: 'Miter', round: 'Round', bevel: 'Bevel' } as const;

function abbreviated(segments: readonly PathSegment[], ox: number, oy: number): string {
  const p = (x: number, y: number) => `${mmOf(x - ox)} ${mmOf(y - oy)}`;
  return segments
    .map((s) => {
      switch (s.op) {
        case 'M':
          return `M ${p(s.x, s.y)}`;
        case 'L':
          return `L ${p(s.x, s.y)}`;
        case 'C':
          return `B ${p(s.x1, s.y1)} ${p(s.x2, s.y2)} ${p(s.x, s.y)}`;
        case 'Z':
          return 'C';
      }
    })
    .join(' ');
}

function pathObject(id: number, p: PlacedPath): string | undefined {
  const bounds = segmentBounds(p.segments);
  if (!bounds) return undefined;
  const pad = p.stroke ? p.strokeWidth / 2 + p.strokeWidth * Math.max(1, p.miterLimit) * 0.5 : 0;
  const x = bounds.x0 - pad;
  const y = bounds.y0 - pad;
  return el(
    'ofd:PathObject',
    {
      ID: id,
      Boundary: box(x, y, bounds.x1 - bounds.x0 + 2 * pad, bounds.y1 - bounds.y0 + 2 * pad),
      LineWidth: p.stroke ? mmOf(p.strokeWidth) : undefined,
      Cap: p.stroke && p.lineCap !== 'butt' ? CAP[p.lineCap] : undefined,
      Join: p.stroke && p.lineJoin !== 'miter' ? JOIN[p.lineJoin] : undefined,
      MiterLimit: p.stroke ? String(p.miterLimit) : undefined,
      Stroke: p.stroke ? 'true' : 'false',
      Fill: p.fill ? 'true' : 'false',
      Rule: p.fill && p.fillRule === 'evenodd' ? 'Even-Odd' : undefined,
    },
    (p.fill ? el('ofd:FillColor', { Value: rgbOf(p.fill) }) : '') +
      (p.stroke ? el('ofd:StrokeColor', { Value: rgbOf(p.stroke) }) : '') +
      el('ofd:AbbreviatedData', {}, abbreviated(p.segments, x, y)),
  );
}

/**
 * The page objects of an artwork, each with an ID from `next`: vector outlines as PathObjects, a PNG 刊名 as an
 * ImageObject of its tinted resource in `art` (./ofd-pictures.ts ofdArtPictures; none drawn when it is missing).
 */
export function artworkObjects(a: ArtworkItem, next: () => number, art?: ReadonlyMap<Uint8Array, OfdPicture>): string[] {
  if (a.kind === 'image') {
    const picture = art?.get(a.png);
    return picture ? [imageObject(next(), a, picture)] : [];
  }
  const out: string[] = [];
  for (const p of a.paths) {
    const xml = pathObject(next(), p);
    if (xml) out.push(xml);
  }
  return out;
}
