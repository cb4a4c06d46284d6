/**
 * The core's rasteriser and PNG writer (issue 12: the PNG a .docx shows for a vector 刊名), read back with pngjs (a
 * decoder we did not write): coverage of filled shapes under both winding rules, anti-aliased edges, strokes with
 * their caps and joins, painting order and colours; the SVG written from the model reads back as the same model.
 */
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { rasteriseArtwork, type RgbaImage } from '../../core/masthead-art/rasterise.js';
import { encodePng } from '../../core/masthead-art/png-write.js';
import { artworkSvg } from '../../core/masthead-art/svg-write.js';
import { svgToArtwork } from '../../core/masthead-art/svg-artwork.js';
import type { PathSegment } from '../../core/masthead-art/path-segments.js';
import type { ArtPath, VectorArtwork } from '../../core/masthead-art/vector-art.js';
import type { Rgb } from '../../core/masthead-art/svg-colour.js';

const rect = (x: number, y: number, w: number, h: number, clockwise = true): PathSegment[] =>
  clockwise
    ? [{ op: 'M', x, y }, { op: 'L', x: x + w, y }, { op: 'L', x: x + w, y: y + h }, { op: 'L', x, y: y + h }, { op: 'Z' }]
    : [{ op: 'M', x, y }, { op: 'L', x, y: y + h }, { op: 'L', x: x + w, y: y + h }, { op: 'L', x: x + w, y }, { op: 'Z' }];

const fill = (segments: PathSegment[], colour: Rgb = [0, 0, 0], fillRule: 'nonzero' | 'evenodd' = 'nonzero'): ArtPath => ({
  segments,
  fill: colour,
  fillRule,
  strokeWidth: 0,
  lineCap: 'butt',
  lineJoin: 'miter',
  miterLimit: 4,
});

const stroke = (segments: PathSegment[], width: number, cap: ArtPath['lineCap'], join: ArtPath['lineJoin'] = 'miter'): ArtPath => ({
  segments,
  stroke: [0, 0, 0],
  fillRule: 'nonzero',
  strokeWidth: width,
  lineCap: cap,
  lineJoin: join,
  miterLimit: 4,
});

const art = (paths: ArtPath[], width = 100, height = 100): VectorArtwork => ({ kind: 'vector', width, height, paths });
const alpha = (img: RgbaImage, x: number, y: number) => img.data[(y * img.width + x) * 4 + 3]!;
const rgb = (img: RgbaImage, x: number, y: number) => [...img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 3)];
/** Sum of alpha over the picture, in whole pixels. */
const area = (img: RgbaImage) => {
  let sum = 0;
  for (let i = 3; i < img.data.length; i += 4) sum += img.data[i]! / 255;
  return sum;
};

describe('rasteriseArtwork', () => {
  it('fills a rectangle: solid inside, clear outside, edges on half pixels anti-aliased to half', () => {
    const img = rasteriseArtwork(art([fill(rect(10.5, 20, 30, 40))]), { pixelWidth: 100, pixelHeight: 100 });
    expect(alpha(img, 25, 40)).toBe(255);
    expect(alpha(img, 5, 40)).toBe(0);
    expect(alpha(img, 25, 70)).toBe(0);
    expect(alpha(img, 10, 40)).toBe(128); // half of the pixel 10…11 is inside
    expect(alpha(img, 40, 40)).toBe(128);
    expect(area(img)).toBeCloseTo(30 * 40, 0);
  });

  it('scales the artwork to the pixel size with its proportions kept, centred', () => {
    const img = rasteriseArtwork(art([fill(rect(0, 0, 10, 10))], 10, 10), { pixelWidth: 40, pixelHeight: 20 });
    // 10×10 units in 40×20 pixels: scale 2, centred horizontally (x 10…30).
    expect(alpha(img, 9, 10)).toBe(0);
    expect(alpha(img, 10, 10)).toBe(255);
    expect(alpha(img, 29, 10)).toBe(255);
    expect(alpha(img, 30, 10)).toBe(0);
    expect(area(img)).toBeCloseTo(400, 0);
  });

  it('nonzero keeps a hole wound the same way filled, even-odd leaves it empty; a hole wound the other way is empty under both', () => {
    const same = [...rect(10, 10, 80, 80), ...rect(30, 30, 40, 40)];
    const opposite = [...rect(10, 10, 80, 80), ...rect(30, 30, 40, 40, false)];
    const size = { pixelWidth: 100, pixelHeight: 100 };
    expect(alpha(rasteriseArtwork(art([fill(same, [0, 0, 0], 'nonzero')]), size), 50, 50)).toBe(255);
    expect(alpha(rasteriseArtwork(art([fill(same, [0, 0, 0], 'evenodd')]), size), 50, 50)).toBe(0);
    expect(alpha(rasteriseArtwork(art([fill(opposite, [0, 0, 0], 'nonzero')]), size), 50, 50)).toBe(0);
    expect(area(rasteriseArtwork(art([fill(opposite, [0, 0, 0], 'evenodd')]), size))).toBeCloseTo(80 * 80 - 40 * 40, 0);
  });

  it('flattens curves: a circle of four Béziers covers πr² less at most the chords\' tenth of a pixel along its edge', () => {
    const k = 0.5522847498 * 40;
    const c: PathSegment[] = [
      { op: 'M', x: 90, y: 50 },
      { op: 'C', x1: 90, y1: 50 + k, x2: 50 + k, y2: 90, x: 50, y: 90 },
      { op: 'C', x1: 50 - k, y1: 90, x2: 10, y2: 50 + k, x: 10, y: 50 },
      { op: 'C', x1: 10, y1: 50 - k, x2: 50 - k, y2: 10, x: 50, y: 10 },
      { op: 'C', x1: 50 + k, y1: 10, x2: 90, y2: 50 - k, x: 90, y: 50 },
      { op: 'Z' },
    ];
    const img = rasteriseArtwork(art([fill(c)]), { pixelWidth: 100, pixelHeight: 100 });
    const circleArea = Math.PI * 40 * 40;
    expect(area(img)).toBeGreaterThan(circleArea - 2 * Math.PI * 40 * 0.1);
    expect(area(img)).toBeLessThan(circleArea * 1.001);
    expect(alpha(img, 50, 50)).toBe(255);
    expect(alpha(img, 15, 15)).toBe(0);
  });

  it('strokes a line with butt, square and round caps', () => {
    const line: PathSegment[] = [{ op: 'M', x: 20, y: 50 }, { op: 'L', x: 80, y: 50 }];
    const size = { pixelWidth: 100, pixelHeight: 100 };
    const butt = rasteriseArtwork(art([stroke(line, 10, 'butt')]), size);
    const square = rasteriseArtwork(art([stroke(line, 10, 'square')]), size);
    const round = rasteriseArtwork(art([stroke(line, 10, 'round')]), size);
    expect(area(butt)).toBeCloseTo(600, 0);
    expect(area(square)).toBeCloseTo(700, 0);
    expect(area(round) / (600 + Math.PI * 25)).toBeGreaterThan(0.99);
    expect(area(round) / (600 + Math.PI * 25)).toBeLessThan(1.01);
    expect(alpha(butt, 17, 50)).toBe(0);
    expect(alpha(square, 17, 50)).toBe(255);
    expect(alpha(butt, 50, 44)).toBe(0);
    expect(alpha(butt, 50, 46)).toBe(255);
  });

  it('joins: a miter fills the corner within the limit, a bevel cuts it, a closed square outline is solid all round', () => {
    const corner: PathSegment[] = [{ op: 'M', x: 20, y: 80 }, { op: 'L', x: 20, y: 20 }, { op: 'L', x: 80, y: 20 }];
    const size = { pixelWidth: 100, pixelHeight: 100 };
    const miter = rasteriseArtwork(art([stroke(corner, 10, 'butt', 'miter')]), size);
    const bevel = rasteriseArtwork(art([stroke(corner, 10, 'butt', 'bevel')]), size);
    // The outer corner pixel (15…16, 15…16) is inside the miter, outside the bevel.
    expect(alpha(miter, 15, 15)).toBe(255);
    expect(alpha(bevel, 15, 15)).toBe(0);
    expect(area(miter) - area(bevel)).toBeCloseTo(12.5, 0);
    const outline = rasteriseArtwork(art([stroke(rect(20, 20, 60, 60), 10, 'butt')]), size);
    expect(area(outline)).toBeCloseTo(70 * 70 - 50 * 50, 0);
    expect(alpha(outline, 50, 50)).toBe(0);
    expect(alpha(outline, 15, 15)).toBe(255);
  });

  it('paints in order in each path\u2019s colour, or all in one colour when asked', () => {
    const paths = [fill(rect(10, 10, 50, 50), [0, 0, 255]), fill(rect(40, 40, 50, 50), [0, 128, 0])];
    const own = rasteriseArtwork(art(paths), { pixelWidth: 100, pixelHeight: 100 });
    expect(rgb(own, 20, 20)).toEqual([0, 0, 255]);
    expect(rgb(own, 50, 50)).toEqual([0, 128, 0]); // the later path on top
    const red = rasteriseArtwork(art(paths), { pixelWidth: 100, pixelHeight: 100, paint: () => [255, 0, 0] });
    expect(rgb(red, 20, 20)).toEqual([255, 0, 0]);
    expect(rgb(red, 50, 50)).toEqual([255, 0, 0]);
  });
});

describe('encodePng', () => {
  const decode = (bytes: Uint8Array) => PNG.sync.read(Buffer.from(bytes));

  it('writes a one-colour picture as indexed colour with alpha, read back pixel for pixel, with its resolution', () => {
    const img = rasteriseArtwork(art([fill(rect(10.5, 20.25, 30, 40))]), { pixelWidth: 100, pixelHeight: 80, paint: () => [255, 0, 0] });
    const bytes = encodePng(img, { dpi: 600 });
    expect(bytes[25]).toBe(3); // IHDR colour type: indexed
    const png = decode(bytes);
    expect([png.width, png.height]).toEqual([100, 80]);
    for (let i = 0; i < img.data.length; i += 4) {
      const a = img.data[i + 3]!;
      expect(png.data[i + 3]).toBe(a);
      if (a > 0) expect([png.data[i], png.data[i + 1], png.data[i + 2]]).toEqual([255, 0, 0]);
    }
    const text = Buffer.from(bytes).toString('latin1');
    const at = text.indexOf('pHYs');
    expect(Buffer.from(bytes).readUInt32BE(at + 4)).toBe(Math.round(600 / 0.0254));
  });

  it('writes a picture of several colours as RGBA, read back pixel for pixel', () => {
    const img = rasteriseArtwork(art([fill(rect(10, 10, 50, 50), [0, 0, 255]), fill(rect(40.3, 40.7, 50, 50), [0, 128, 0])]), {
      pixelWidth: 100,
      pixelHeight: 100,
    });
    const bytes = encodePng(img);
    expect(bytes[25]).toBe(6);
    expect([...decode(bytes).data]).toEqual([...img.data]);
  });
});

describe('artworkSvg', () => {
  it('writes paths that read back as the same artwork, recoloured when asked', () => {
    const source = art([
      fill([...rect(10, 10, 80, 80), ...rect(30, 30, 40, 40)], [10, 20, 30], 'evenodd'),
      stroke([{ op: 'M', x: 5, y: 5 }, { op: 'C', x1: 20, y1: 0, x2: 40, y2: 10, x: 60, y: 5 }], 4, 'round', 'bevel'),
    ]);
    const back = svgToArtwork(artworkSvg(source, { title: '联络动态' }));
    expect(back.title).toBe('联络动态');
    expect([back.width, back.height]).toEqual([100, 100]);
    expect(back.paths).toHaveLength(2);
    expect(back.paths[0]).toMatchObject({ fill: [10, 20, 30], fillRule: 'evenodd', segments: source.paths[0]!.segments });
    expect(back.paths[1]).toMatchObject({ stroke: [0, 0, 0], strokeWidth: 4, lineCap: 'round', lineJoin: 'bevel', segments: source.paths[1]!.segments });
    expect(back.paths[1]!.fill).toBeUndefined();
    const red = svgToArtwork(artworkSvg(source, { paint: () => [255, 0, 0] }));
    expect(red.paths.map((p) => p.fill ?? p.stroke)).toEqual([[255, 0, 0], [255, 0, 0]]);
  });
});
