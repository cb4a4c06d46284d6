import { ImageRun } from 'docx';
import { MASTHEAD_PICTURE_NAME, type MastheadArtColour } from '../masthead-art/spec.js';
import type { MastheadArtwork } from '../masthead-art/vector-art.js';
import type { Rgb } from '../masthead-art/svg-colour.js';
import { rasteriseArtwork } from '../masthead-art/rasterise.js';
import { encodePng } from '../masthead-art/png-write.js';
import { artworkSvg } from '../masthead-art/svg-write.js';
import { placeMastheadArt } from '../typeset/masthead-art.js';
import { RED, type LayoutPreset } from '../typeset/preset.js';
import { tintedGreyPng } from './ofd/ofd-art-png.js';

/**
 * The 刊名 picture of a .docx (issue 12), inline in the masthead paragraph at exactly the size the PDF places it
 * (core/typeset/masthead-art.ts). An SVG 刊名 goes in twice, as Word 2016+ and WPS expect: an SVG written from the
 * vector model (core/masthead-art/svg-write.ts) in the a:blip's asvg:svgBlip extension, and a PNG of it in the
 * blip itself for readers without SVG (LibreOffice 7.4 among them) — drawn by the core's rasteriser at
 * {@link DOCX_ART_DPI} of the printed size. A PNG 刊名 is embedded as it is (recoloured: the grey PNG as an indexed
 * one in the masthead red, ./ofd/ofd-art-png.ts). The picture's alternative text (wp:docPr descr and title) is the
 * 刊名, so the text stays findable; its name {@link MASTHEAD_PICTURE_NAME} tells our Word importer the picture is the
 * masthead (core/import/word/docx-reader.ts reads the 刊名 back from it).
 */

/** Resolution of the PNG drawn from a vector 刊名, at its printed size. */
export const DOCX_ART_DPI = 600;

/** The masthead red as the RGB Word shows (the masthead's red text is FF0000 too). */
const RED_RGB: Rgb = [255, 0, 0];

export type DocxMastheadArt =
  | { readonly ok: true; readonly run: ImageRun; readonly width: number; readonly height: number; readonly png: Uint8Array; readonly svg?: string }
  | { readonly ok: false; readonly reason: string };

/**
 * Pictures already drawn, by artwork (the art source hands out one object per content) and colour and size: a
 * caller that exports again (the app's Word service) keeps one, so the 刊名 is rasterised once.
 */
export type DocxArtCache = WeakMap<MastheadArtwork, Map<string, { readonly png: Uint8Array; readonly svg: string }>>;

export function createDocxArtCache(): DocxArtCache {
  return new WeakMap();
}

/** The inline picture for the masthead paragraph, or why there is none (the typeset 刊名 stands then). */
export function docxMastheadArt(
  art: MastheadArtwork,
  opts: { readonly preset: LayoutPreset; readonly colour: MastheadArtColour; readonly alt: string; readonly cache?: DocxArtCache },
): DocxMastheadArt {
  const placed = placeMastheadArt(art, opts);
  if (!placed.ok) return placed;
  const { width, height } = placed.item; // points
  // docx sizes pictures in pixels at 96 per inch and writes round(px × 9525) EMU: px = pt × 4/3 keeps the exact size.
  const transformation = { width: (width * 96) / 72, height: (height * 96) / 72 };
  const altText = { name: MASTHEAD_PICTURE_NAME, description: opts.alt, title: opts.alt };
  if (art.kind === 'raster') {
    const png = opts.colour === 'red' ? tintedGreyPng(art.bytes, RED) : art.bytes;
    return { ok: true, width, height, png, run: new ImageRun({ type: 'png', data: png, transformation, altText }) };
  }
  const paint = opts.colour === 'red' ? () => RED_RGB : undefined;
  const pixelWidth = Math.max(1, Math.ceil((width / 72) * DOCX_ART_DPI));
  const pixelHeight = Math.max(1, Math.ceil((height / 72) * DOCX_ART_DPI));
  const key = `${opts.colour}:${pixelWidth}x${pixelHeight}:${opts.alt}`;
  let drawn = opts.cache?.get(art)?.get(key);
  if (!drawn) {
    const image = rasteriseArtwork(art, { pixelWidth, pixelHeight, ...(paint ? { paint } : {}) });
    drawn = { png: encodePng(image, { dpi: DOCX_ART_DPI }), svg: artworkSvg(art, { ...(paint ? { paint } : {}), title: opts.alt }) };
    if (opts.cache) {
      const forArt = opts.cache.get(art) ?? new Map();
      forArt.set(key, drawn);
      opts.cache.set(art, forArt);
    }
  }
  const { png, svg } = drawn;
  const run = new ImageRun({
    type: 'svg',
    data: new TextEncoder().encode(svg),
    fallback: { type: 'png', data: png },
    transformation,
    altText,
  });
  return { ok: true, width, height, png, svg, run };
}
