import { zlibSync } from 'fflate';
import { pngChunk as chunk } from '../../core/masthead-art/png-write.js';

/**
 * An 8-bit greyscale PNG (or another colour type, for refusals) with a dark band across the middle, and its
 * resolution in pHYs: test input made here, so the tests need no binary fixture.
 */
export function greyPng(opts: { width: number; height: number; dpi?: number; colourType?: number }): Uint8Array {
  const channels = opts.colourType === 2 ? 3 : opts.colourType === 6 ? 4 : 1;
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, opts.width);
  v.setUint32(4, opts.height);
  ihdr[8] = 8;
  ihdr[9] = opts.colourType ?? 0;
  const rows = new Uint8Array(opts.height * (1 + opts.width * channels));
  for (let y = 0; y < opts.height; y++) {
    const dark = y > opts.height / 3 && y < (2 * opts.height) / 3;
    rows.fill(dark ? 0 : 255, y * (1 + opts.width * channels) + 1, (y + 1) * (1 + opts.width * channels));
  }
  const parts = [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)];
  if (opts.dpi) {
    const phys = new Uint8Array(9);
    const ppm = Math.round(opts.dpi / 0.0254);
    new DataView(phys.buffer).setUint32(0, ppm);
    new DataView(phys.buffer).setUint32(4, ppm);
    phys[8] = 1;
    parts.push(chunk('pHYs', phys));
  }
  parts.push(chunk('IDAT', zlibSync(rows)), chunk('IEND', new Uint8Array(0)));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
