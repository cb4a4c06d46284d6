import type { PathSegment } from '../masthead-art/path-segments.js';
import type { ArtworkItem, PlacedPath } from '../typeset/page-layout.js';
import type { Cmyk } from '../typeset/preset.js';
import { num } from './pdf-writer.js';

/**
 * Artwork in a PDF content stream (ISO 32000-1 §8.5 path construction and painting, §8.9 images): each outline as
 * path operators (m l c h) painted with f / f* / S / B / B* in DeviceCMYK, inside q … Q so nothing leaks into the
 * text after it; an image as its XObject scaled over the box. Page y runs up, the layout's down.
 */

function cmyk(color: Cmyk): string {
  return color.map((c) => num(c / 100)).join(' ');
}

const CAP = { butt: 0, round: 1, square: 2 } as const;
const JOIN = { miter: 0, round: 1, bevel: 2 } as const;

function construct(segments: readonly PathSegment[], height: number): string {
  let out = '';
  for (const s of segments) {
    switch (s.op) {
      case 'M':
        out += `${num(s.x)} ${num(height - s.y)} m `;
        break;
      case 'L':
        out += `${num(s.x)} ${num(height - s.y)} l `;
        break;
      case 'C':
        out += `${num(s.x1)} ${num(height - s.y1)} ${num(s.x2)} ${num(height - s.y2)} ${num(s.x)} ${num(height - s.y)} c `;
        break;
      case 'Z':
        out += 'h ';
        break;
    }
  }
  return out;
}

function paintOperator(p: PlacedPath): string {
  const even = p.fillRule === 'evenodd' ? '*' : '';
  if (p.fill && p.stroke) return `B${even}`;
  if (p.fill) return `f${even}`;
  return 'S';
}

function pathContent(p: PlacedPath, height: number): string {
  let state = '';
  if (p.fill) state += `${cmyk(p.fill)} k `;
  if (p.stroke) state += `${cmyk(p.stroke)} K ${num(p.strokeWidth)} w ${CAP[p.lineCap]} J ${JOIN[p.lineJoin]} j ${num(Math.max(1, p.miterLimit))} M `;
  return `${state}${construct(p.segments, height)}${paintOperator(p)}\n`;
}

/** An artwork's content: its paths, or its image drawn through the XObject named `image`. */
export function artworkContent(a: ArtworkItem, opts: { readonly pageHeight: number; readonly image?: (a: ArtworkItem) => string }): string {
  if (a.kind === 'image') {
    if (!opts.image) return '';
    const y = opts.pageHeight - a.y - a.height;
    return `q ${num(a.width)} 0 0 ${num(a.height)} ${num(a.x)} ${num(y)} cm /${opts.image(a)} Do Q\n`;
  }
  return `q\n${a.paths.map((p) => pathContent(p, opts.pageHeight)).join('')}Q\n`;
}

/**
 * The PDF image dictionary of a PNG artwork: a greyscale one's data is the PNG's own zlib stream with the PNG
 * predictor, printed through a CMYK palette; an own-colour one's is its DeviceCMYK samples (ArtworkItem `cmyk`).
 */
export function pngImageDict(a: Extract<ArtworkItem, { kind: 'image' }>): Record<string, string> {
  if (!a.tint) {
    return { Type: '/XObject', Subtype: '/Image', Width: String(a.pixelWidth), Height: String(a.pixelHeight), ColorSpace: '/DeviceCMYK', BitsPerComponent: '8', Filter: '/FlateDecode' };
  }
  // Grey level g prints as (1 − g/255) of the tint: an Indexed palette over DeviceCMYK (§8.6.6.3), 256 entries.
  let lookup = '<';
  for (let g = 0; g < 256; g++) {
    const f = 1 - g / 255;
    for (const c of a.tint) lookup += Math.round((c / 100) * f * 255).toString(16).padStart(2, '0');
  }
  lookup += '>';
  return {
    Type: '/XObject',
    Subtype: '/Image',
    Width: String(a.pixelWidth),
    Height: String(a.pixelHeight),
    ColorSpace: `[/Indexed /DeviceCMYK 255 ${lookup}]`,
    BitsPerComponent: '8',
    Filter: '/FlateDecode',
    DecodeParms: `<</Predictor 15 /Colors 1 /BitsPerComponent 8 /Columns ${a.pixelWidth}>>`,
  };
}
