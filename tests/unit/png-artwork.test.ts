/**
 * Colour PNG 刊名 (issue 12.1): truecolour, palette, greyscale with alpha and 16-bit files written by pngjs (not our
 * code) are decoded in the core, composited on white, and give the ink picture (darkest channel, for the masthead
 * red) and, when coloured, an RGB PNG and DeviceCMYK samples for own colours — read back by pngjs and inflated.
 */
import { unzlibSync, zlibSync } from 'fflate';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { loadMastheadArt } from '../../core/masthead-art/load.js';
import { readPng } from '../../core/masthead-art/png-artwork.js';
import { pngChunk as chunk, concat } from '../../core/masthead-art/png-write.js';
import type { RasterArtwork } from '../../core/masthead-art/vector-art.js';
import { pngImageDict } from '../../core/render/artwork-content.js';
import { placeMastheadArt } from '../../core/typeset/masthead-art.js';
import { presetByName, RED } from '../../core/typeset/preset.js';

/** A 4×1 picture: red, black, half-transparent blue, transparent; written by pngjs. */
function pngjsFile(opts: { colorType: 0 | 2 | 4 | 6 }): Uint8Array {
  const png = new PNG({ width: 4, height: 1, colorType: opts.colorType, inputColorType: 6, inputHasAlpha: true });
  png.data = Buffer.from([255, 0, 0, 255, 0, 0, 0, 255, 0, 0, 255, 128, 0, 255, 0, 0]);
  return new Uint8Array(PNG.sync.write(png, { colorType: opts.colorType, inputColorType: 6, inputHasAlpha: true }));
}

/** A one-row PNG from its filtered scanline bytes (for depths and types pngjs does not write). */
function handMade(o: { depth: number; colour: number; raw: number[]; width?: number; plte?: number[]; trns?: number[] }): Uint8Array {
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, o.width ?? 4);
  new DataView(ihdr.buffer).setUint32(4, 1);
  ihdr[8] = o.depth;
  ihdr[9] = o.colour;
  return concat([
    Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
    chunk('IHDR', ihdr),
    ...(o.plte ? [chunk('PLTE', Uint8Array.from(o.plte))] : []),
    ...(o.trns ? [chunk('tRNS', Uint8Array.from(o.trns))] : []),
    chunk('IDAT', zlibSync(Uint8Array.from(o.raw))),
    chunk('IEND', new Uint8Array()),
  ]);
}

const pixels = (png: Uint8Array) => [...PNG.sync.read(Buffer.from(png)).data];
const raster = (bytes: Uint8Array): RasterArtwork => {
  const r = loadMastheadArt(bytes, { name: 'a.png' });
  if (!r.ok || r.art.kind !== 'raster') throw new Error(r.ok ? 'not raster' : r.reason);
  return r.art;
};

describe('colour PNG 刊名', () => {
  it('truecolour with alpha: composited on white; ink is the darkest channel; RGB and CMYK for own colours', () => {
    const art = raster(pngjsFile({ colorType: 6 }));
    // Ink (grey PNG): red and black full ink, half blue 127, transparent is paper.
    expect(pixels(art.grey).filter((_, i) => i % 4 === 0)).toEqual([0, 0, 127, 255]);
    expect(pixels(art.colour!.png)).toEqual([255, 0, 0, 255, 0, 0, 0, 255, 127, 127, 255, 255, 255, 255, 255, 255]);
    const cmyk = [...unzlibSync(art.colour!.cmyk)];
    expect(cmyk.slice(0, 4)).toEqual([0, 255, 255, 0]);
    expect(cmyk.slice(4, 8)).toEqual([0, 0, 0, 255]);
    expect(cmyk.slice(12, 16)).toEqual([0, 0, 0, 0]);
  });

  it('truecolour, 16-bit (hand-made) and grey with alpha decode alike; a grey picture has no colour part', () => {
    expect(pixels(raster(pngjsFile({ colorType: 2 })).colour!.png).slice(0, 8)).toEqual([255, 0, 0, 255, 0, 0, 0, 255]);
    expect(pixels(raster(handMade({ depth: 16, colour: 6, raw: [0, ...[0xffff, 0, 0, 0xffff, 0, 0, 0, 0xffff, 0, 0, 0xffff, 0x8000, 0, 0xffff, 0, 0].flatMap((v) => [v >> 8, v & 0xff])] })).grey).filter((_, i) => i % 4 === 0)).toEqual([0, 0, 127, 255]);
    const grey = raster(pngjsFile({ colorType: 4 }));
    expect(grey.colour).toBeUndefined();
    expect(pixels(grey.grey).filter((_, i) => i % 4 === 0)).toEqual([85, 0, 170, 255]); // pngjs greys RGB by the mean; alpha 128 over white
  });

  it('a palette PNG with tRNS (4-bit indices)', () => {
    const file = handMade({ depth: 4, colour: 3, raw: [0, 0x01, 0x20], plte: [230, 0, 18, 255, 255, 255, 0, 0, 0], trns: [255, 255, 0], width: 3 });
    const art = readPng(file);
    expect(pixels(art.colour!.png).slice(0, 12)).toEqual([230, 0, 18, 255, 255, 255, 255, 255, 255, 255, 255, 255]);
  });

  it('placed: red prints the ink picture through the red palette; own prints the DeviceCMYK samples', () => {
    const wide = new PNG({ width: 4000, height: 100, colorType: 6 });
    wide.data.fill(255);
    for (let i = 0; i < 4000 * 50 * 4; i += 4) wide.data[i + 1] = wide.data[i + 2] = 0;
    const art = raster(new Uint8Array(PNG.sync.write(wide)));
    const preset = presetByName('standard');
    const red = placeMastheadArt(art, { preset, colour: 'red', alt: '' });
    expect(red.ok && red.item.kind === 'image' && red.item.tint).toEqual(RED);
    expect(red.ok && red.item.kind === 'image' && red.item.png).toBe(art.grey);
    const own = placeMastheadArt(art, { preset, colour: 'own', alt: '' });
    if (!own.ok || own.item.kind !== 'image') throw new Error('not placed');
    expect(own.item.tint).toBeUndefined();
    expect(pngImageDict(own.item)).toMatchObject({ ColorSpace: '/DeviceCMYK', BitsPerComponent: '8', Filter: '/FlateDecode', Width: '4000' });
    expect(unzlibSync(own.item.cmyk!).length).toBe(4000 * 100 * 4);
  });
});
