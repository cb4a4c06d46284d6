import { zlibSync } from 'fflate';
import type { RgbaImage } from './rasterise.js';

/**
 * Writing PNG files (PNG specification, ISO/IEC 15948): chunks with their CRC (§5.3, §5.5), and an RGBA picture —
 * as an 8-bit indexed-colour PNG with a tRNS alpha table (§11.2.3, §11.3.2.1) when every pixel is one colour at
 * different opacities (a 刊名 recoloured red: one byte a pixel), else as 8-bit RGBA (colour type 6). Each scanline
 * gets the filter (§9.2: None, Sub, Up, Average, Paeth) whose bytes sum smallest (the heuristic of §12.8); the data
 * is deflated by fflate; pHYs (§11.3.5.3) states the resolution.
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 of bytes (PNG §5.5). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One chunk: length, type, data, CRC. */
export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

const SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Byte arrays one after another. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A PNG from 8-bit samples: IHDR, PLTE/tRNS if given, pHYs when `dpi` is given, filtered IDAT, IEND. */
function writePng(opts: {
  readonly width: number;
  readonly height: number;
  /** IHDR colour type (§11.2.2): 0 grey, 2 RGB, 3 indexed, 6 RGBA. */
  readonly colourType: 0 | 2 | 3 | 6;
  readonly bpp: number;
  readonly raw: Uint8Array;
  readonly plte?: Uint8Array;
  readonly trns?: Uint8Array;
  readonly dpi?: number;
}): Uint8Array {
  const { width, height, bpp } = opts;
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr[8] = 8;
  ihdr[9] = opts.colourType;
  const parts = [SIGNATURE, pngChunk('IHDR', ihdr)];
  if (opts.plte) parts.push(pngChunk('PLTE', opts.plte));
  if (opts.trns) parts.push(pngChunk('tRNS', opts.trns));
  if (opts.dpi) {
    const phys = new Uint8Array(9);
    const ppm = Math.round(opts.dpi / 0.0254);
    new DataView(phys.buffer).setUint32(0, ppm);
    new DataView(phys.buffer).setUint32(4, ppm);
    phys[8] = 1;
    parts.push(pngChunk('pHYs', phys));
  }
  parts.push(pngChunk('IDAT', zlibSync(filtered(opts.raw, width * bpp, height, bpp), { level: 6 })), pngChunk('IEND', new Uint8Array(0)));
  return concat(parts);
}

/** The PNG of an RGBA picture at `dpi` pixels per inch. */
export function encodePng(image: RgbaImage, opts: { readonly dpi?: number } = {}): Uint8Array {
  const { width, height, data } = image;
  const single = singleColour(image);
  if (single) {
    // Palette entry i: the colour at opacity i/255.
    const raw = new Uint8Array(width * height);
    for (let i = 0; i < width * height; i++) raw[i] = data[i * 4 + 3]!;
    const plte = new Uint8Array(256 * 3);
    const trns = new Uint8Array(256);
    for (let i = 0; i < 256; i++) {
      plte.set(single, i * 3);
      trns[i] = i;
    }
    return writePng({ width, height, colourType: 3, bpp: 1, raw, plte, trns, ...(opts.dpi ? { dpi: opts.dpi } : {}) });
  }
  return writePng({ width, height, colourType: 6, bpp: 4, raw: data.subarray(0, width * height * 4), ...(opts.dpi ? { dpi: opts.dpi } : {}) });
}

/** An 8-bit greyscale (1 channel) or truecolour (3 channels) PNG of `data`, rows one after another. */
export function encodeGreyOrRgbPng(opts: { width: number; height: number; channels: 1 | 3; data: Uint8Array; dpi?: number }): Uint8Array {
  const { width, height, channels, data } = opts;
  return writePng({ width, height, colourType: channels === 1 ? 0 : 2, bpp: channels, raw: data, ...(opts.dpi ? { dpi: opts.dpi } : {}) });
}

/** The one RGB every visible pixel has, or undefined. */
function singleColour(image: RgbaImage): Uint8Array | undefined {
  const d = image.data;
  let colour: Uint8Array | undefined;
  for (let i = 0; i < image.width * image.height; i++) {
    if (d[i * 4 + 3] === 0) continue;
    if (!colour) colour = d.slice(i * 4, i * 4 + 3);
    else if (colour[0] !== d[i * 4] || colour[1] !== d[i * 4 + 1] || colour[2] !== d[i * 4 + 2]) return undefined;
  }
  return colour ?? new Uint8Array([0, 0, 0]);
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Scanlines, each with its filter type byte in front. */
function filtered(raw: Uint8Array, stride: number, height: number, bpp: number): Uint8Array {
  const out = new Uint8Array(height * (stride + 1));
  const candidates = [0, 1, 2, 3, 4].map(() => new Uint8Array(stride));
  const zero = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const row = raw.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? raw.subarray((y - 1) * stride, y * stride) : zero;
    const [none, sub, up, avg, pae] = candidates as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
    const sums = [0, 0, 0, 0, 0];
    for (let i = 0; i < stride; i++) {
      const x = row[i]!;
      const a = i >= bpp ? row[i - bpp]! : 0;
      const b = prev[i]!;
      const c = i >= bpp ? prev[i - bpp]! : 0;
      none[i] = x;
      sub[i] = (x - a) & 0xff;
      up[i] = (x - b) & 0xff;
      avg[i] = (x - ((a + b) >> 1)) & 0xff;
      pae[i] = (x - paeth(a, b, c)) & 0xff;
    }
    for (let t = 0; t < 5; t++) {
      const cand = candidates[t]!;
      let sum = 0;
      for (let i = 0; i < stride; i++) {
        const v = cand[i]!;
        sum += v < 128 ? v : 256 - v;
      }
      sums[t] = sum;
    }
    let best = 0;
    for (let t = 1; t < 5; t++) if (sums[t]! < sums[best]!) best = t;
    const target = y * (stride + 1);
    out[target] = best;
    out.set(candidates[best]!, target + 1);
  }
  return out;
}
