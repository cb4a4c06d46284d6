import type { Cmyk } from '../../typeset/preset.js';
import { rgbOf } from './ofd-text.js';
import { pngChunk as chunk } from '../../masthead-art/png-write.js';

/**
 * A PNG 刊名 for OFD. OFD has no way to recolour an image (no PDF-style Indexed colour space on an ImageObject), and
 * the 刊名 PNG is 8-bit greyscale (core/masthead-art/png-artwork.ts accepts only that). An 8-bit greyscale PNG's
 * image data (filtered scanlines, one byte a pixel) is byte for byte that of an 8-bit indexed-colour PNG (PNG
 * specification, ISO/IEC 15948 §11.2.2 IHDR colour types 0 and 3), so the tinted picture is the same file with
 * colour type 3 and a PLTE (§11.2.3) mapping grey g to the tint mixed with white paper: 0 (black) prints as the
 * tint, 255 as white. Nothing is decoded or re-compressed; tRNS (whose greyscale form does not apply to a
 * palette) is left out.
 */

/** The 256-entry palette: grey g → tint × (1 − g/255) + white × g/255, in RGB (the OFD's colour space). */
export function tintPalette(tint: Cmyk): Uint8Array {
  const [r, g, b] = rgbOf(tint).split(' ').map(Number) as [number, number, number];
  const out = new Uint8Array(256 * 3);
  for (let v = 0; v < 256; v++) {
    const t = v / 255;
    out[v * 3] = Math.round(r + (255 - r) * t);
    out[v * 3 + 1] = Math.round(g + (255 - g) * t);
    out[v * 3 + 2] = Math.round(b + (255 - b) * t);
  }
  return out;
}

/**
 * The 8-bit greyscale PNG `png` as an indexed-colour PNG printing in `tint`; a PNG that is not 8-bit greyscale
 * (not produced by the 刊名 reader) is returned unchanged.
 */
export function tintedGreyPng(png: Uint8Array, tint: Cmyk): Uint8Array {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  if (png.length < 33 || view.getUint32(0) !== 0x89504e47 || png[24] !== 8 || png[25] !== 0) return png;
  const parts: Uint8Array[] = [png.subarray(0, 8)];
  let pos = 8;
  while (pos + 12 <= png.length) {
    const len = view.getUint32(pos);
    const type = String.fromCharCode(...png.subarray(pos + 4, pos + 8));
    const end = pos + 12 + len;
    if (end > png.length) return png;
    if (type === 'IHDR') {
      const data = png.slice(pos + 8, pos + 8 + len);
      data[9] = 3; // indexed colour
      parts.push(chunk('IHDR', data), chunk('PLTE', tintPalette(tint)));
    } else if (type !== 'tRNS') {
      parts.push(png.subarray(pos, end));
    }
    pos = end;
    if (type === 'IEND') break;
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
