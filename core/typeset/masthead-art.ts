import { rgbToCmyk } from '../masthead-art/svg-colour.js';
import type { MastheadArtColour } from '../masthead-art/spec.js';
import type { MastheadArtwork } from '../masthead-art/vector-art.js';
import { MASTHEAD_ART_MIN_DPI } from '../masthead-art/spec.js';
import { transformSegments } from '../masthead-art/path-segments.js';
import type { ArtworkItem, PlacedPath, TextItem } from './page-layout.js';
import { RED, linePitch, type Cmyk, type LayoutPreset } from './preset.js';

/**
 * The 刊名 picture in the masthead (issue 12): it takes the place of the typeset 刊名 — the box the title's em
 * square occupies around its baseline (docs/layout-rules.md, Masthead), as tall as the title size and at most
 * the type area wide — scaled to fit with its proportions kept, centred. Its colours are the masthead red
 * (CMYK 0 100 100 0, GB/T 9704-2012 §7.2.2: 发文机关标志 in red) or its own, separated to CMYK.
 */

/** The title row's baseline as a fraction of the masthead height (masthead.ts ROWS.title). */
const TITLE_ROW = 0.3;
/** The box above and below the baseline, in title sizes: the em box of CJK faces (ascent 0.88, descent 0.12). */
const ABOVE = 0.92;
const BELOW = 0.12;

/** The masthead's box for the 刊名 picture. */
export function mastheadArtBox(preset: LayoutPreset): { x: number; y: number; width: number; height: number } {
  const baseline = preset.top + TITLE_ROW * preset.mastheadLines * linePitch(preset);
  const size = preset.mastheadTitleSize;
  return { x: preset.left, y: baseline - ABOVE * size, width: preset.width, height: (ABOVE + BELOW) * size };
}

export type PlaceResult = { readonly ok: true; readonly item: ArtworkItem } | { readonly ok: false; readonly reason: string };

/** Places artwork in the masthead box; a PNG under 600 dpi at that size is refused. */
export function placeMastheadArt(art: MastheadArtwork, opts: { preset: LayoutPreset; colour: MastheadArtColour; alt: string }): PlaceResult {
  const box = mastheadArtBox(opts.preset);
  const aspect = art.kind === 'vector' ? art.width / art.height : art.pixelWidth / art.pixelHeight;
  const height = Math.min(box.height, box.width / aspect);
  const width = height * aspect;
  const x = box.x + (box.width - width) / 2;
  const y = box.y + (box.height - height) / 2;
  if (art.kind === 'raster') {
    const dpi = art.pixelWidth / (width / 72);
    if (dpi < MASTHEAD_ART_MIN_DPI - 0.5) {
      return {
        ok: false,
        reason: `PNG 刊名图分辨率不足：印在 ${(width / 72 * 25.4).toFixed(0)} 毫米宽时只有 ${Math.floor(dpi)} dpi（至少 ${MASTHEAD_ART_MIN_DPI} dpi，即宽度至少 ${Math.ceil((width / 72) * MASTHEAD_ART_MIN_DPI)} 像素），请改用 SVG 或更大的图`,
      };
    }
    const pixels = { pixelWidth: art.pixelWidth, pixelHeight: art.pixelHeight, alt: opts.alt };
    // Own colours: a coloured picture as it is (CMYK in the PDF); a grey one in black. Red: the ink picture in red.
    if (opts.colour === 'own' && art.colour) return { ok: true, item: { kind: 'image', x, y, width, height, png: art.colour.png, cmyk: art.colour.cmyk, ...pixels } };
    return { ok: true, item: { kind: 'image', x, y, width, height, png: art.grey, tint: opts.colour === 'own' ? [0, 0, 0, 100] : RED, ...pixels } };
  }
  const s = width / art.width;
  const matrix = [s, 0, 0, s, x, y] as const;
  const colour = (rgb: readonly [number, number, number], cmyk?: Cmyk): Cmyk => (opts.colour === 'own' ? (cmyk ? [...cmyk] : rgbToCmyk(rgb)) : RED);
  const paths: PlacedPath[] = art.paths.map((p) => ({
    segments: transformSegments(p.segments, matrix),
    ...(p.fill ? { fill: colour(p.fill, p.fillCmyk) } : {}),
    ...(p.stroke ? { stroke: colour(p.stroke, p.strokeCmyk) } : {}),
    fillRule: p.fillRule,
    strokeWidth: p.strokeWidth * s,
    lineCap: p.lineCap,
    lineJoin: p.lineJoin,
    miterLimit: p.miterLimit,
  }));
  return { ok: true, item: { kind: 'vector', x, y, width, height, paths, alt: opts.alt } };
}

/** The masthead texts with the 刊名 made invisible (it stays as text under the picture). */
export function hideTypesetName(texts: readonly TextItem[]): TextItem[] {
  return texts.map((t) => (t.source === 'masthead.name' ? { ...t, invisible: true } : t));
}
