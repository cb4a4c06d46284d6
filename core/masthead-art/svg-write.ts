import { segmentsToSvgD } from './path-segments.js';
import type { Rgb } from './svg-colour.js';
import type { VectorArtwork } from './vector-art.js';

/**
 * The artwork as a clean SVG file written from the model (issue 12: the picture a .docx shows in Word 2016+ and
 * WPS): only <path> elements with their paint, in the chosen colours — nothing of the original file (comments,
 * metadata, styles) is carried over, so what Word shows is what the PDF prints.
 */
export function artworkSvg(art: VectorArtwork, opts: { readonly paint?: (rgb: Rgb) => Rgb; readonly title?: string } = {}): string {
  const paint = opts.paint ?? ((c: Rgb) => c);
  const hex = (c: Rgb) => `#${paint(c).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
  const n = (v: number) => String(Number(v.toFixed(3)));
  const paths = art.paths.map((p) => {
    const attrs = [
      `d="${segmentsToSvgD(p.segments)}"`,
      `fill="${p.fill ? hex(p.fill) : 'none'}"`,
      ...(p.fill && p.fillRule === 'evenodd' ? ['fill-rule="evenodd"'] : []),
      ...(p.stroke && p.strokeWidth > 0
        ? [
            `stroke="${hex(p.stroke)}"`,
            `stroke-width="${n(p.strokeWidth)}"`,
            `stroke-linecap="${p.lineCap}"`,
            `stroke-linejoin="${p.lineJoin}"`,
            `stroke-miterlimit="${n(p.miterLimit)}"`,
          ]
        : []),
    ];
    return `<path ${attrs.join(' ')}/>`;
  });
  const title = opts.title ?? art.title;
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(art.width)}" height="${n(art.height)}" viewBox="0 0 ${n(art.width)} ${n(art.height)}">` +
    (title ? `<title>${esc(title)}</title>` : '') +
    paths.join('') +
    `</svg>\n`
  );
}
