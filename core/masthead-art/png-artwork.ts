import { MastheadArtError } from './svg-tree.js';
import type { RasterArtwork } from './vector-art.js';

/**
 * A PNG 刊名 (PNG specification, ISO/IEC 15948 §11): its header (size, bit depth, colour type, interlace) and its
 * declared resolution (pHYs, pixels per metre). Only what can go straight into a PDF image with the PNG predictor
 * is accepted — 8-bit greyscale, not interlaced, no alpha channel — so the file's compressed data is embedded as
 * it is, never decoded or resampled, and printed through a CMYK palette (the masthead red, or black): the PDF stays
 * CMYK only, as PDF/A with a CMYK output intent requires.
 */
export function readPng(bytes: Uint8Array): RasterArtwork {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 33 || view.getUint32(0) !== 0x89504e47) throw new MastheadArtError('PNG 文件已损坏（文件头无效）');
  let pos = 8;
  let header: { width: number; height: number; depth: number; colour: number; interlace: number } | undefined;
  let dpi: number | undefined;
  let sawData = false;
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
      dpi = (view.getUint32(data) * 0.0254);
    } else if (type === 'IDAT') sawData = true;
    else if (type === 'IEND') break;
    pos = data + len + 4;
  }
  if (!header || !sawData || header.width === 0 || header.height === 0) throw new MastheadArtError('PNG 文件已损坏（缺少图像数据）');
  if (header.width * header.height > 100_000_000) throw new MastheadArtError(`PNG 图像过大（${header.width}×${header.height} 像素）`);
  if (header.depth !== 8 || header.colour !== 0) {
    throw new MastheadArtError('PNG 刊名图须为 8 位灰度图、不带透明通道（印刷时按刊头红色或黑色着色）；彩色刊名请改用 SVG');
  }
  if (header.interlace !== 0) throw new MastheadArtError('PNG 不能是隔行扫描格式，请另存为普通 PNG');
  return {
    kind: 'raster',
    format: 'png',
    bytes,
    pixelWidth: header.width,
    pixelHeight: header.height,
    ...(dpi ? { dpi: Math.round(dpi) } : {}),
  };
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
  const data = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    data.set(p, at);
    at += p.length;
  }
  return data;
}
