import { zlibSync } from 'fflate';
import { decodePng, type PngHeader } from './png-codec.js';
import { concat, encodeGreyOrRgbPng } from './png-write.js';
import { rgbToCmyk } from './svg-colour.js';
import { MastheadArtError } from './svg-tree.js';
import type { RasterArtwork } from './vector-art.js';

/**
 * A PNG 刊名 (PNG specification, ISO/IEC 15948 §11): its header, declared resolution (pHYs, pixels per metre) and
 * pixels. Every non-interlaced PNG is accepted — greyscale, truecolour, palette, with alpha or tRNS, any bit
 * depth. An 8-bit greyscale file without alpha goes into the PDF as it is (its zlib stream with the PNG predictor,
 * never decoded). Any other is decoded in the core (png-codec.ts) and composited on white paper, giving:
 * - the ink picture, an 8-bit greyscale PNG of each pixel's darkest channel (min r, g, b): printed through a
 *   CMYK palette in the masthead red (colour "red") — every coloured stroke prints as full red, as an SVG's fills
 *   all do, where the luminance would print a red 刊名 at 30 % less ink — or in black when a grey picture keeps its
 *   own colours;
 * - for a picture with colour, its RGB (an 8-bit truecolour PNG, for OFD and the previews) and its samples
 *   separated to DeviceCMYK by the same rule as vector artwork's own colours (svg-colour.ts rgbToCmyk: #ff0000
 *   prints 0 100 100 0), deflated, for the PDF: the PDF stays CMYK only, as PDF/A with a CMYK output intent asks.
 */
export function readPng(bytes: Uint8Array): RasterArtwork {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 33 || view.getUint32(0) !== 0x89504e47) throw new MastheadArtError('PNG 文件已损坏（文件头无效）');
  let pos = 8;
  let header: PngHeader | undefined;
  let dpi: number | undefined;
  const idat: Uint8Array[] = [];
  let plte: Uint8Array | undefined;
  let trns: Uint8Array | undefined;
  while (pos + 8 <= bytes.length) {
    const len = view.getUint32(pos);
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    const data = pos + 8;
    if (data + len + 4 > bytes.length) throw new MastheadArtError('PNG 文件已损坏（数据块不完整）');
    if (type === 'IHDR') {
      header = {
        width: view.getUint32(data),
        height: view.getUint32(data + 4),
        depth: bytes[data + 8]!,
        colour: bytes[data + 9]!,
        interlace: bytes[data + 12]!,
      };
    } else if (type === 'pHYs' && bytes[data + 8] === 1) {
      dpi = view.getUint32(data) * 0.0254;
    } else if (type === 'IDAT') idat.push(bytes.subarray(data, data + len));
    else if (type === 'PLTE') plte = bytes.subarray(data, data + len);
    else if (type === 'tRNS') trns = bytes.subarray(data, data + len);
    else if (type === 'IEND') break;
    pos = data + len + 4;
  }
  if (!header || !idat.length || header.width === 0 || header.height === 0) throw new MastheadArtError('PNG 文件已损坏（缺少图像数据）');
  if (header.width * header.height > 100_000_000) throw new MastheadArtError(`PNG 图像过大（${header.width}×${header.height} 像素）`);
  if (header.interlace !== 0) throw new MastheadArtError('PNG 不能是隔行扫描格式，请另存为普通 PNG');
  const base = { kind: 'raster', format: 'png', pixelWidth: header.width, pixelHeight: header.height, ...(dpi ? { dpi: Math.round(dpi) } : {}) } as const;
  if (header.depth === 8 && header.colour === 0) return { ...base, bytes, grey: bytes };
  const pixels = decodePng(bytes, header, { idat: concat(idat), ...(plte ? { plte } : {}), ...(trns ? { trns } : {}) });
  const size = { width: header.width, height: header.height, ...(dpi ? { dpi: Math.round(dpi) } : {}) };
  const grey = encodeGreyOrRgbPng({ ...size, channels: 1, data: pixels.ink });
  if (!pixels.rgb) return { ...base, bytes, grey };
  const rgb = pixels.rgb;
  const cmyk = new Uint8Array((rgb.length / 3) * 4);
  const memo = new Map<number, [number, number, number, number]>();
  for (let p = 0, q = 0; p < rgb.length; p += 3, q += 4) {
    const key = (rgb[p]! << 16) | (rgb[p + 1]! << 8) | rgb[p + 2]!;
    let c = memo.get(key);
    if (!c) {
      c = rgbToCmyk([rgb[p]!, rgb[p + 1]!, rgb[p + 2]!]).map((v) => Math.round(v * 2.55)) as [number, number, number, number];
      if (memo.size < 65536) memo.set(key, c);
    }
    cmyk.set(c, q);
  }
  // An 8-bit truecolour file without transparency already is the RGB PNG; others are written out on white.
  const plainRgb = header.depth === 8 && header.colour === 2 && !trns;
  return { ...base, bytes, grey, colour: { png: plainRgb ? bytes : encodeGreyOrRgbPng({ ...size, channels: 3, data: rgb }), cmyk: zlibSync(cmyk, { level: 6 }) } };
}

/** The IDAT data concatenated: a zlib stream of filtered scanlines, one grey byte per pixel. */
export function pngImageData(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [];
  let pos = 8;
  while (pos + 8 <= bytes.length) {
    const len = view.getUint32(pos);
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    if (type === 'IDAT') parts.push(bytes.subarray(pos + 8, pos + 8 + len));
    if (type === 'IEND') break;
    pos += 12 + len;
  }
  return concat(parts);
}
