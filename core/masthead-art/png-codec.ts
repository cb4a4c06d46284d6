import { unzlibSync } from 'fflate';
import { MastheadArtError } from './svg-tree.js';

/**
 * PNG in the pure core (PNG specification, ISO/IEC 15948): chunks with their CRC-32 (§5.5), row filters (§9),
 * decoding every non-interlaced colour type and bit depth to pixels (§7, §11.2.2); writing is png-write.ts's.
 * Inflate through fflate (pure JavaScript); no node:zlib, no canvas.
 */

export interface PngHeader {
  readonly width: number;
  readonly height: number;
  readonly depth: number;
  /** 0 grey, 2 truecolour, 3 indexed, 4 grey with alpha, 6 truecolour with alpha. */
  readonly colour: number;
  readonly interlace: number;
}

/** The picture composited on white paper: per pixel its darkest channel (`ink`), and RGB when any pixel has colour. */
export interface PngPixels {
  readonly width: number;
  readonly height: number;
  /** min(r, g, b) per pixel, 0 = full ink, 255 = paper. */
  readonly ink: Uint8Array;
  /** r g b per pixel; absent when every pixel is grey. */
  readonly rgb?: Uint8Array;
}

const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Decodes a non-interlaced PNG of any colour type and depth (palette and tRNS transparency included) to pixels on
 * white: alpha a mixes a pixel with white paper (c·a + 255·(1 − a)), as the 刊名 prints on the paper of the masthead.
 */
export function decodePng(bytes: Uint8Array, header: PngHeader, chunks: { idat: Uint8Array; plte?: Uint8Array; trns?: Uint8Array }): PngPixels {
  const { width, height, depth, colour } = header;
  const channels = CHANNELS[colour];
  if (!channels || ![1, 2, 4, 8, 16].includes(depth)) throw new MastheadArtError('PNG 文件已损坏（颜色类型或位深无效）');
  if (colour === 3 && !chunks.plte) throw new MastheadArtError('PNG 文件已损坏（缺少调色板）');
  const bitsPerPixel = channels * depth;
  const rowBytes = Math.ceil((width * bitsPerPixel) / 8);
  let raw: Uint8Array;
  try {
    raw = unzlibSync(chunks.idat);
  } catch {
    throw new MastheadArtError('PNG 文件已损坏（图像数据无法解压）');
  }
  if (raw.length < height * (rowBytes + 1)) throw new MastheadArtError('PNG 文件已损坏（图像数据不完整）');
  const data = unfilterPng(raw, rowBytes, Math.max(1, bitsPerPixel >> 3));
  const n = width * height;
  const ink = new Uint8Array(n);
  const rgb = new Uint8Array(n * 3);
  let coloured = false;
  const max = (1 << Math.min(depth, 8)) - 1;
  // tRNS: one grey or RGB value that is transparent (16-bit samples), or alpha per palette entry.
  const trns = chunks.trns;
  const key = trns && colour === 0 ? (trns[0]! << 8) | trns[1]! : undefined;
  const keyRgb = trns && colour === 2 && trns.length >= 6 ? [(trns[0]! << 8) | trns[1]!, (trns[2]! << 8) | trns[3]!, (trns[4]! << 8) | trns[5]!] : undefined;
  const sample = (row: number, index: number): number => {
    const at = row * rowBytes;
    if (depth === 16) return (data[at + 2 * index]! << 8) | data[at + 2 * index + 1]!;
    const bit = index * depth;
    return (data[at + (bit >> 3)]! >> (8 - depth - (bit & 7))) & max;
  };
  const to8 = (v: number) => (depth === 16 ? v >> 8 : depth < 8 ? Math.round((v * 255) / max) : v);
  const plte = chunks.plte;
  let p = 0;
  for (let y = 0; y < height; y++) {
    const rowAt = y * rowBytes;
    for (let x = 0; x < width; x++, p++) {
      let r: number;
      let g: number;
      let b: number;
      let a = 255;
      const i = x * channels;
      if (depth === 8 && colour !== 3) {
        // The common case, read straight from the row.
        const at = rowAt + i;
        if (colour === 0 || colour === 4) {
          r = g = b = data[at]!;
          if (colour === 4) a = data[at + 1]!;
          else if (key !== undefined && r === key) a = 0;
        } else {
          r = data[at]!;
          g = data[at + 1]!;
          b = data[at + 2]!;
          if (colour === 6) a = data[at + 3]!;
          else if (keyRgb && r === keyRgb[0] && g === keyRgb[1] && b === keyRgb[2]) a = 0;
        }
      } else if (colour === 3) {
        const index = depth === 8 ? data[rowAt + x]! : sample(y, x);
        if (3 * index + 2 >= plte!.length) throw new MastheadArtError('PNG 文件已损坏（调色板索引越界）');
        r = plte![3 * index]!;
        g = plte![3 * index + 1]!;
        b = plte![3 * index + 2]!;
        if (trns && index < trns.length) a = trns[index]!;
      } else if (colour === 0 || colour === 4) {
        const v = sample(y, i);
        r = g = b = to8(v);
        if (colour === 4) a = to8(sample(y, i + 1));
        else if (key !== undefined && v === key) a = 0;
      } else {
        const vr = sample(y, i);
        const vg = sample(y, i + 1);
        const vb = sample(y, i + 2);
        r = to8(vr);
        g = to8(vg);
        b = to8(vb);
        if (colour === 6) a = to8(sample(y, i + 3));
        else if (keyRgb && vr === keyRgb[0] && vg === keyRgb[1] && vb === keyRgb[2]) a = 0;
      }
      if (a < 255) {
        const f = a / 255;
        r = Math.round(r * f + 255 * (1 - f));
        g = Math.round(g * f + 255 * (1 - f));
        b = Math.round(b * f + 255 * (1 - f));
      }
      ink[p] = r < g ? (r < b ? r : b) : g < b ? g : b;
      rgb[3 * p] = r;
      rgb[3 * p + 1] = g;
      rgb[3 * p + 2] = b;
      if (r !== g || g !== b) coloured = true;
    }
  }
  return { width, height, ink, ...(coloured ? { rgb } : {}) };
}

/** Undoes PNG row filters (PNG specification §9): each row a filter-type byte then `rowBytes` bytes. */
export function unfilterPng(data: Uint8Array, rowBytes: number, bpp: number): Uint8Array {
  const rows = Math.floor(data.length / (rowBytes + 1));
  const out = new Uint8Array(rows * rowBytes);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowBytes + 1)]!;
    const src = r * (rowBytes + 1) + 1;
    const at = r * rowBytes;
    const prev = at - rowBytes;
    const up = r > 0;
    switch (type) {
      case 0:
        out.set(data.subarray(src, src + rowBytes), at);
        break;
      case 1:
        for (let i = 0; i < rowBytes; i++) out[at + i] = (data[src + i]! + (i >= bpp ? out[at + i - bpp]! : 0)) & 0xff;
        break;
      case 2:
        for (let i = 0; i < rowBytes; i++) out[at + i] = (data[src + i]! + (up ? out[prev + i]! : 0)) & 0xff;
        break;
      case 3:
        for (let i = 0; i < rowBytes; i++) {
          const a = i >= bpp ? out[at + i - bpp]! : 0;
          const b = up ? out[prev + i]! : 0;
          out[at + i] = (data[src + i]! + ((a + b) >> 1)) & 0xff;
        }
        break;
      case 4:
        for (let i = 0; i < rowBytes; i++) {
          const a = i >= bpp ? out[at + i - bpp]! : 0;
          const b = up ? out[prev + i]! : 0;
          const c = up && i >= bpp ? out[prev + i - bpp]! : 0;
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          out[at + i] = (data[src + i]! + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)) & 0xff;
        }
        break;
      default:
        throw new MastheadArtError('PNG 数据无效（未知的行过滤方式）');
    }
  }
  return out;
}
