import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { PictureImage } from '../core/model/issue.js';
import { checkPicture, PICTURE_LIMITS, PictureError, toBase64 } from '../core/model/picture.js';
import { targetPixels } from '../core/typeset/picture-block.js';
import { STANDARD, type LayoutPreset } from '../core/typeset/preset.js';

/**
 * Prepares a JPEG or PNG file to be placed in an article (issue 12 point 3): checks it (core/model/picture.ts:
 * format, file size, 100 megapixels — before decoding), decodes it with pure-JS codecs (jpeg-js, pngjs; no native
 * module), turns it upright by its EXIF orientation, flattens transparency onto white paper, scales it down to
 * 300 dpi at its largest placed size (the type width) with an area average, and re-encodes it as a baseline sRGB
 * JPEG. The result is embedded in the issue file; the PDF writer passes it through (DCTDecode) with an sRGB ICC
 * profile, which keeps the PDF/A file printable on the CMYK output intent.
 */

/** Options of {@link preparePicture}. */
export interface PreparePictureOptions {
  /** The page design the size is computed for (default the standard preset, the widest type area). */
  readonly preset?: LayoutPreset;
  /** JPEG quality 1–100 (default {@link PICTURE_LIMITS.quality}). */
  readonly quality?: number;
}

/** A prepared picture and what was done to it. */
export interface PreparedPicture {
  readonly image: PictureImage;
  /** Size of the source file and its pixels. */
  readonly source: { readonly format: 'jpeg' | 'png'; readonly bytes: number; readonly width: number; readonly height: number };
}

/** Re-encodes a picture file; throws {@link PictureError} with a Chinese message when it cannot be used. */
export function preparePicture(bytes: Uint8Array, options: PreparePictureOptions = {}): PreparedPicture {
  const header = checkPicture(bytes);
  let rgba: { width: number; height: number; data: Uint8Array };
  try {
    rgba = header.format === 'jpeg' ? decodeJpeg(bytes) : decodePng(bytes);
  } catch (e) {
    if (e instanceof PictureError) throw e;
    throw new PictureError(`图片文件已损坏，无法读取（${header.format === 'png' ? 'PNG' : 'JPEG'}）`);
  }
  const upright = header.format === 'jpeg' ? orient(rgba, exifOrientation(bytes)) : rgba;
  const target = targetPixels(upright, options.preset ?? STANDARD);
  const scaled = scaleDown(upright, target);
  const encoded = jpeg.encode({ data: scaled.data, width: scaled.width, height: scaled.height }, options.quality ?? PICTURE_LIMITS.quality);
  return {
    image: { format: 'jpeg', data: toBase64(new Uint8Array(encoded.data)), width: scaled.width, height: scaled.height },
    source: { format: header.format, bytes: bytes.length, width: header.width, height: header.height },
  };
}

function decodeJpeg(bytes: Uint8Array): { width: number; height: number; data: Uint8Array } {
  const out = jpeg.decode(bytes, {
    useTArray: true,
    formatAsRGBA: true,
    maxResolutionInMP: PICTURE_LIMITS.maxPixels / 1e6,
    maxMemoryUsageInMB: 1200,
  });
  if (!out.width || !out.height || out.data.length < out.width * out.height * 4) throw new Error('short');
  return { width: out.width, height: out.height, data: out.data };
}

function decodePng(bytes: Uint8Array): { width: number; height: number; data: Uint8Array } {
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
  const data = new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length);
  // Transparent parts print as the paper: composite onto white.
  for (let i = 0; i < data.length; i += 4) {
    const a = data[i + 3]!;
    if (a === 255) continue;
    for (let c = 0; c < 3; c++) data[i + c] = Math.round((data[i + c]! * a + 255 * (255 - a)) / 255);
    data[i + 3] = 255;
  }
  return { width: png.width, height: png.height, data };
}

/** EXIF orientation (TIFF tag 0x0112 of IFD0 in the APP1 "Exif" segment), 1 when absent. */
export function exifOrientation(b: Uint8Array): number {
  let at = 2;
  while (at + 4 < b.length && b[at] === 0xff) {
    const marker = b[at + 1]!;
    const length = (b[at + 2]! << 8) | b[at + 3]!;
    if (marker === 0xda) break;
    if (marker === 0xe1 && String.fromCharCode(...b.subarray(at + 4, at + 8)) === 'Exif') {
      const tiff = at + 10;
      const little = b[tiff] === 0x49;
      const u16 = (p: number) => (little ? b[p]! | (b[p + 1]! << 8) : (b[p]! << 8) | b[p + 1]!);
      const u32 = (p: number) => (little ? u16(p) + u16(p + 2) * 65536 : u16(p) * 65536 + u16(p + 2));
      const ifd = tiff + u32(tiff + 4);
      const count = ifd + 2 <= b.length ? u16(ifd) : 0;
      for (let i = 0; i < count; i++) {
        const entry = ifd + 2 + i * 12;
        if (entry + 12 > b.length) break;
        if (u16(entry) === 0x0112) return u16(entry + 8);
      }
      return 1;
    }
    at += 2 + length;
  }
  return 1;
}

/** Turns pixels upright for EXIF orientation 3 (180°), 6 (90° clockwise) or 8 (90° anticlockwise); mirrors ignored. */
function orient(img: { width: number; height: number; data: Uint8Array }, orientation: number) {
  if (orientation !== 3 && orientation !== 6 && orientation !== 8) return img;
  const { width: w, height: h, data } = img;
  const rotate = orientation !== 3;
  const W = rotate ? h : w;
  const H = rotate ? w : h;
  const out = new Uint8Array(W * H * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let X: number;
      let Y: number;
      if (orientation === 3) [X, Y] = [w - 1 - x, h - 1 - y];
      else if (orientation === 6) [X, Y] = [h - 1 - y, x];
      else [X, Y] = [y, w - 1 - x];
      const s = (y * w + x) * 4;
      const d = (Y * W + X) * 4;
      out[d] = data[s]!;
      out[d + 1] = data[s + 1]!;
      out[d + 2] = data[s + 2]!;
      out[d + 3] = 255;
    }
  }
  return { width: W, height: H, data: out };
}

/** Scales RGBA pixels down to a size by averaging the source area of each target pixel (a box filter). */
function scaleDown(img: { width: number; height: number; data: Uint8Array }, to: { width: number; height: number }) {
  if (to.width >= img.width && to.height >= img.height) return img;
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(to.width * to.height * 4);
  const sx = w / to.width;
  const sy = h / to.height;
  const xFrom = new Int32Array(to.width + 1);
  for (let x = 0; x <= to.width; x++) xFrom[x] = Math.min(w, Math.floor(x * sx));
  const acc = new Float64Array(to.width * 3);
  for (let y = 0; y < to.height; y++) {
    const y0 = Math.floor(y * sy);
    const y1 = Math.max(y0 + 1, Math.min(h, Math.floor((y + 1) * sy)));
    acc.fill(0);
    for (let sy2 = y0; sy2 < y1; sy2++) {
      const row = sy2 * w * 4;
      for (let x = 0; x < to.width; x++) {
        const x0 = xFrom[x]!;
        const x1 = Math.max(x0 + 1, xFrom[x + 1]!);
        let r = 0;
        let g = 0;
        let b = 0;
        for (let sx2 = x0; sx2 < x1; sx2++) {
          const s = row + sx2 * 4;
          r += data[s]!;
          g += data[s + 1]!;
          b += data[s + 2]!;
        }
        acc[x * 3] += r / (x1 - x0);
        acc[x * 3 + 1] += g / (x1 - x0);
        acc[x * 3 + 2] += b / (x1 - x0);
      }
    }
    const n = y1 - y0;
    for (let x = 0; x < to.width; x++) {
      const d = (y * to.width + x) * 4;
      out[d] = Math.round(acc[x * 3]! / n);
      out[d + 1] = Math.round(acc[x * 3 + 1]! / n);
      out[d + 2] = Math.round(acc[x * 3 + 2]! / n);
      out[d + 3] = 255;
    }
  }
  return { width: to.width, height: to.height, data: out };
}
