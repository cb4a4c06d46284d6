/**
 * 刊名 artwork (issue 12.1): the SVG reader of core/masthead-art (path data with every command, basic shapes,
 * transforms, paint and the cascade), its refusals of unsafe or broken files, the PNG checks, placement in the
 * masthead box, and the PDF / OFD / preview drawing of the placed outlines.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEmbeddedArt, loadMastheadArt } from '../../core/masthead-art/load.js';
import { parseTransform, apply } from '../../core/masthead-art/matrix.js';
import { segmentBounds, type PathSegment } from '../../core/masthead-art/path-segments.js';
import { rgbToCmyk } from '../../core/masthead-art/svg-colour.js';
import { parsePathData } from '../../core/masthead-art/svg-path-data.js';
import { svgToArtwork } from '../../core/masthead-art/svg-artwork.js';
import { MASTHEAD_ART_MAX_BYTES, toBase64 } from '../../core/masthead-art/spec.js';
import { artworkContent, pngImageDict } from '../../core/render/artwork-content.js';
import { artworkObjects } from '../../core/render/ofd/ofd-artwork.js';
import { pageContent } from '../../core/render/page-content.js';
import { mastheadArtBox, placeMastheadArt } from '../../core/typeset/masthead-art.js';
import { presetByName, RED } from '../../core/typeset/preset.js';
import { greyPng } from '../helpers/grey-png.js';
import { REPO_ROOT } from '../helpers/sample.js';

const SAMPLE_SVG = readFileSync(join(REPO_ROOT, 'assets', 'mastheads', 'lianluo-dongtai.svg'));
const FILLED_SVG = readFileSync(join(REPO_ROOT, 'tests', 'fixtures', 'masthead-art', 'filled.svg'));
const svg = (body: string, attrs = 'viewBox="0 0 100 100"') => new TextEncoder().encode(`<svg xmlns="http://www.w3.org/2000/svg" ${attrs}>${body}</svg>`);
const ends = (segments: readonly PathSegment[]) => segments.filter((s) => s.op !== 'Z').map((s) => [Math.round((s as { x: number }).x * 1000) / 1000, Math.round((s as { y: number }).y * 1000) / 1000]);

describe('SVG path data', () => {
  it('reduces relative and absolute M L H V Z to absolute moves and lines', () => {
    const segs = parsePathData('m10 10 h20 v20 H10 l5-5 L0 0 z m1 1 2 2');
    expect(segs.map((s) => s.op).join('')).toBe('MLLLLLZML');
    expect(ends(segs)).toEqual([[10, 10], [30, 10], [30, 30], [10, 30], [15, 25], [0, 0], [11, 11], [13, 13]]);
  });

  it('raises Q/T to cubics and reflects control points for S and T', () => {
    const segs = parsePathData('M0 0 Q 10 10 20 0 T 40 0 C 45 5 50 5 55 0 S 65 -5 70 0');
    expect(segs.map((s) => s.op).join('')).toBe('MCCCC');
    const t = segs[2] as Extract<PathSegment, { op: 'C' }>;
    // The reflected quadratic control point of T is (30, -10): the cubic's first control is 2/3 of the way there.
    expect(t.x1).toBeCloseTo(20 + (2 / 3) * 10);
    expect(t.y1).toBeCloseTo((2 / 3) * -10);
    const s = segs[4] as Extract<PathSegment, { op: 'C' }>;
    expect([s.x1, s.y1]).toEqual([60, -5]);
  });

  it('turns an elliptical arc into cubic pieces through its end point, staying on the ellipse', () => {
    const segs = parsePathData('M0 50 A50 50 0 0 1 100 50');
    const cubic = segs.filter((s) => s.op === 'C');
    expect(cubic).toHaveLength(2); // 180° in pieces of at most 90°
    const last = cubic[1] as Extract<PathSegment, { op: 'C' }>;
    expect([last.x, last.y]).toEqual([100, 50]);
    const mid = cubic[0] as Extract<PathSegment, { op: 'C' }>;
    // sweep-flag 1 with y down: the half circle goes over the top (y = 0 at x = 50).
    expect(mid.x).toBeCloseTo(50, 6);
    expect(mid.y).toBeCloseTo(0, 6);
  });

  it('scales up radii too small for the end points (SVG F.6.6) and treats a zero radius as a line', () => {
    const segs = parsePathData('M0 0 a1 1 0 0 0 10 0');
    const bounds = segmentBounds(segs)!;
    expect(bounds.y1 - bounds.y0).toBeGreaterThan(4); // a half circle of radius 5
    expect(parsePathData('M0 0 A0 5 0 0 1 10 0')[1]).toEqual({ op: 'L', x: 10, y: 0 });
  });

  it('reads minified data: arc flags without separators, numbers run together', () => {
    const compact = parsePathData('M0 0a5 5 0 0110 0l.5.5-1-1');
    const spaced = parsePathData('M 0 0 a 5 5 0 0 1 10 0 l 0.5 0.5 -1 -1');
    expect(compact).toEqual(spaced);
    expect(ends(compact).at(-1)).toEqual([9.5, -0.5]);
  });

  it('refuses malformed data in Chinese', () => {
    expect(() => parsePathData('L10 10')).toThrow(/须以 M 开始/);
    expect(() => parsePathData('M10 10 L 5')).toThrow(/路径数据有误/);
    expect(() => parsePathData('M0 0 A 5 5 0 2 1 10 0')).toThrow(/圆弧标志/);
    expect(() => parsePathData('M0 0 X 5')).toThrow(/无法识别/);
  });
});

describe('transforms', () => {
  it('composes a list left to right as SVG does', () => {
    const m = parseTransform('translate(10 20) scale(2) rotate(90)');
    const [x, y] = apply(m, 1, 0);
    expect(x).toBeCloseTo(10);
    expect(y).toBeCloseTo(22);
    expect(apply(parseTransform('rotate(180 5 5)'), 0, 0).map((v) => Math.round(v))).toEqual([10, 10]);
    expect(() => parseTransform('wobble(3)')).toThrow();
  });
});

describe('SVG artwork', () => {
  it('reads the sample 刊名: 31 stroked outlines in its red, square caps, the viewBox size and the title', () => {
    const art = svgToArtwork(SAMPLE_SVG.toString('utf8'));
    expect([art.width, art.height]).toEqual([940, 240]);
    expect(art.title).toBe('联络动态');
    expect(art.paths).toHaveLength(31);
    for (const p of art.paths) {
      expect(p.fill).toBeUndefined();
      expect(p.stroke).toEqual([0xe6, 0x00, 0x12]);
      expect(p.strokeWidth).toBe(24);
      expect(p.lineCap).toBe('square');
    }
    // 络's group is translated by (250, 10): its first stroke starts at (58 + 250, 8 + 10).
    expect(art.paths.find((p) => p.segments[0]!.op === 'M' && (p.segments[0] as { x: number }).x === 308)).toBeDefined();
  });

  it('reads every basic shape, <use>, classes and ids from <style>, style="", and skips hidden and unpainted shapes', () => {
    const art = svgToArtwork(FILLED_SVG.toString('utf8'));
    // rect, circle, ellipse, polygon, polyline, line, path, circle#dot, use → 9 (the unpainted rect and display:none are left out)
    expect(art.paths).toHaveLength(9);
    const [rect, circle, ellipse, polygon, polyline, line, path, dot, use] = art.paths;
    expect(rect!.fill).toEqual([0, 0, 0]);
    expect(rect!.segments.some((s) => s.op === 'C')).toBe(true); // rounded corners
    expect(segmentBounds(rect!.segments)).toEqual({ x0: 10, y0: 10, x1: 50, y1: 50 }); // translate + scale(0.5)
    expect(circle!.fill).toEqual([0, 0, 255]);
    expect(ellipse!.fill).toEqual([0xe6, 0, 0x12]);
    expect(polygon!.fillRule).toBe('evenodd');
    expect(polygon!.segments.at(-1)).toEqual({ op: 'Z' });
    expect(polyline!.fill).toBeUndefined();
    expect(polyline!.stroke).toEqual([0, 0, 0]);
    expect(polyline!.lineJoin).toBe('round');
    expect(line!.lineCap).toBe('round');
    expect(line!.fill).toBeUndefined();
    expect(path!.segments.filter((s) => s.op === 'C').length).toBeGreaterThan(4);
    expect(dot!.fill).toEqual([0, 128, 0]);
    expect(segmentBounds(use!.segments)).toEqual({ x0: 370, y0: 0, x1: 380, y1: 10 });
  });

  it('takes the size from width/height without a viewBox, in CSS units', () => {
    const art = svgToArtwork('<svg xmlns="http://www.w3.org/2000/svg" width="2in" height="1in"><rect width="10" height="10"/></svg>');
    expect([art.width, art.height]).toEqual([192, 96]);
  });
});

describe('refusals (bad input): the reason in Chinese', () => {
  const refused = (bytes: Uint8Array, name = 'x.svg') => {
    const r = loadMastheadArt(bytes, { name });
    expect(r.ok).toBe(false);
    return r.ok ? '' : r.reason;
  };

  it('refuses scripts, event attributes and javascript: links', () => {
    expect(refused(svg('<script>alert(1)</script><rect width="5" height="5"/>'))).toMatch(/脚本（<script>）/);
    expect(refused(svg('<rect width="5" height="5" onclick="evil()"/>'))).toMatch(/脚本事件属性.*onclick/);
    expect(refused(svg('<a href="javascript:alert(1)"><rect width="5" height="5"/></a>'))).toMatch(/外部资源|脚本/);
    expect(refused(svg('<foreignObject><div/></foreignObject>'))).toMatch(/foreignObject/);
  });

  it('refuses external references: href, xlink:href, url(), @import, xml-stylesheet, <image>, DOCTYPE entities', () => {
    expect(refused(svg('<use href="http://example.com/a.svg#x"/>'))).toMatch(/外部资源.*http:\/\/example.com/);
    expect(refused(svg('<use xlink:href="file:///etc/passwd"/>', 'xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 9 9"'))).toMatch(/外部资源.*file:/);
    expect(refused(svg('<rect width="5" height="5" fill="url(http://x/y.svg#g)"/>'))).toMatch(/外部资源/);
    expect(refused(svg('<style>@import url("http://x/y.css");</style><rect width="5" height="5"/>'))).toMatch(/@import/);
    expect(refused(new TextEncoder().encode('<?xml-stylesheet href="http://x/a.css"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9"/>'))).toMatch(/xml-stylesheet/);
    expect(refused(svg('<image href="data:image/png;base64,AAAA" width="5" height="5"/>'))).toMatch(/位图/);
    expect(refused(new TextEncoder().encode('<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9">&x;</svg>'))).toMatch(/DOCTYPE/);
  });

  it('refuses files over 5 MB, empty, broken or not SVG at all, text not converted to outlines, and nothing drawn', () => {
    const big = new Uint8Array(MASTHEAD_ART_MAX_BYTES + 1).fill(0x20);
    big.set(svg(''));
    expect(refused(big)).toMatch(/过大.*上限 5 MB/);
    expect(refused(new Uint8Array(0))).toMatch(/空的/);
    expect(refused(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><rect'))).toMatch(/已损坏/);
    expect(refused(new TextEncoder().encode('hello'), 'a.txt')).toMatch(/不支持的刊名图格式/);
    expect(refused(svg('<text x="0" y="10">联络动态</text>'))).toMatch(/文字.*转为轮廓/);
    expect(refused(svg('<rect width="0" height="5"/>'))).toMatch(/没有可绘制的图形/);
    expect(refused(svg('<path d="M0 0 L"/>'))).toMatch(/路径数据有误/);
    expect(refused(new TextEncoder().encode('%PDF-1.7\n'), 'a.pdf')).toMatch(/PDF 文件已损坏/);
    expect(loadEmbeddedArt({ mime: 'image/svg+xml', data: '***' })).toEqual({ ok: false, reason: expect.stringMatching(/base64/) });
  });

  it('accepts an 8-bit grey PNG as it is; refuses interlaced and broken PNGs', () => {
    const grey = greyPng({ width: 40, height: 10, dpi: 600 });
    const ok = loadMastheadArt(grey);
    expect(ok.ok && ok.art.kind === 'raster' && ok.art.dpi).toBe(600);
    expect(ok.ok && ok.art.kind === 'raster' && ok.art.grey).toBe(grey);
    const interlaced = greyPng({ width: 4, height: 4 });
    interlaced[28] = 1;
    expect(refused(interlaced, 'a.png')).toMatch(/隔行扫描/);
    expect(refused(greyPng({ width: 4, height: 4 }).subarray(0, 40), 'a.png')).toMatch(/PNG 文件已损坏/);
  });
});

describe('placement in the masthead', () => {
  const preset = presetByName('standard');
  const art = svgToArtwork(SAMPLE_SVG.toString('utf8'));

  it('fits the picture in the 刊名 box, centred, proportions kept, recoloured to the masthead red', () => {
    const placed = placeMastheadArt(art, { preset, colour: 'red', alt: '联络动态' });
    expect(placed.ok).toBe(true);
    if (!placed.ok || placed.item.kind !== 'vector') return;
    const box = mastheadArtBox(preset);
    const item = placed.item;
    expect(item.height).toBeCloseTo(box.height);
    expect(item.width / item.height).toBeCloseTo(940 / 240);
    expect(item.x + item.width / 2).toBeCloseTo(box.x + box.width / 2);
    expect(item.paths.every((p) => p.stroke === RED)).toBe(true);
    expect(item.paths[0]!.strokeWidth).toBeCloseTo((24 * item.width) / 940);
    for (const p of item.paths) {
      const b = segmentBounds(p.segments)!;
      expect(b.x0).toBeGreaterThanOrEqual(item.x - 1e-6);
      expect(b.x1).toBeLessThanOrEqual(item.x + item.width + 1e-6);
    }
  });

  it('keeps its own colours separated to CMYK when the profile says so', () => {
    const placed = placeMastheadArt(svgToArtwork(FILLED_SVG.toString('utf8')), { preset, colour: 'own', alt: 'x' });
    if (!placed.ok || placed.item.kind !== 'vector') throw new Error('not placed');
    expect(placed.item.paths[1]!.fill).toEqual([100, 100, 0, 0]);
    expect(rgbToCmyk([255, 0, 0])).toEqual([0, 100, 100, 0]);
    expect(rgbToCmyk([0, 0, 0])).toEqual([0, 0, 0, 100]);
  });

  it('refuses a PNG under 600 dpi at the printed size, naming the pixels needed', () => {
    const small = loadMastheadArt(greyPng({ width: 800, height: 200 }));
    if (!small.ok) throw new Error(small.reason);
    const placed = placeMastheadArt(small.art, { preset, colour: 'red', alt: 'x' });
    expect(placed.ok).toBe(false);
    expect(placed.ok ? '' : placed.reason).toMatch(/分辨率不足.*至少 600 dpi/);
    const large = loadMastheadArt(greyPng({ width: 3000, height: 760 }));
    if (!large.ok) throw new Error(large.reason);
    expect(placeMastheadArt(large.art, { preset, colour: 'red', alt: 'x' }).ok).toBe(true);
  });
});

describe('drawing the placed artwork', () => {
  const preset = presetByName('standard');
  const placed = placeMastheadArt(svgToArtwork(FILLED_SVG.toString('utf8')), { preset, colour: 'red', alt: '测试' });
  if (!placed.ok) throw new Error(placed.reason);
  const item = placed.item;

  it('PDF: path operators in DeviceCMYK inside q … Q, fill rules and strokes as the SVG says', () => {
    const content = artworkContent(item, { pageHeight: 841.89 });
    expect(content.startsWith('q\n')).toBe(true);
    expect(content.trimEnd().endsWith('Q')).toBe(true);
    expect(content).toMatch(/0 1 1 0 k [^\n]* c [^\n]*f\n/); // a filled curve in red
    expect(content).toMatch(/ f\*\n/); // the even-odd polygon
    expect(content).toMatch(/0 1 1 0 K [\d.]+ w 0 J 1 j [\d.]+ M [^\n]* S\n/); // the polyline, round join
    expect(content).toMatch(/ 1 J /); // the line's round cap
    expect(content).not.toMatch(/ rg | RG /); // CMYK only
  });

  it('PDF: a page draws artwork before texts, as an artifact when tagged, the 刊名 text in render mode 3', () => {
    const page = {
      number: 1,
      rules: [],
      lines: [],
      artworks: [item],
      texts: [{ x: 100, baseline: 100, text: '测试', face: 'f', size: 56, color: RED, charSpacing: 0, source: 'masthead.name', invisible: true }],
    };
    const content = pageContent(page, { pageHeight: 841.89, encode: () => ({ resource: 'F1', op: '<0001> Tj' }) });
    expect(content.indexOf(' c ')).toBeLessThan(content.indexOf('BT'));
    expect(content).toMatch(/q 3 Tr [^\n]*BT \/F1[^\n]*ET Q\n/);
    const tagged = pageContent(page, { pageHeight: 841.89, encode: () => ({ resource: 'F1', op: '<0001> Tj' }), mark: () => [{ text: '测试', role: 'P' }], begin: () => 0 });
    expect(tagged).toMatch(/\/Artifact <<\/Type \/Layout>> BDC\nq\n/);
  });

  it('PDF: a grey PNG becomes an Indexed DeviceCMYK image with the PNG predictor, printing black as the tint', () => {
    const png = loadMastheadArt(greyPng({ width: 3000, height: 760 }));
    if (!png.ok) throw new Error(png.reason);
    const p = placeMastheadArt(png.art, { preset, colour: 'red', alt: 'x' });
    if (!p.ok || p.item.kind !== 'image') throw new Error('not placed');
    const dict = pngImageDict(p.item);
    expect(dict.ColorSpace).toMatch(/^\[\/Indexed \/DeviceCMYK 255 <00ffff00/);
    expect(dict.DecodeParms).toBe('<</Predictor 15 /Colors 1 /BitsPerComponent 8 /Columns 3000>>');
    expect(artworkContent(p.item, { pageHeight: 800, image: () => 'Im1' })).toMatch(/^q [\d.]+ 0 0 [\d.]+ [\d.]+ [\d.]+ cm \/Im1 Do Q\n$/);
  });

  it('OFD: one PathObject per outline with AbbreviatedData in M L B C, stroke and fill attributes', () => {
    let id = 100;
    const objects = artworkObjects(item, () => id++);
    expect(objects).toHaveLength(9);
    expect(objects[0]).toMatch(/^<ofd:PathObject ID="100" Boundary="[\d. ]+"[^>]*Stroke="false" Fill="true">/);
    expect(objects[0]).toMatch(/<ofd:AbbreviatedData>M [\d. ]+ L [^<]* B [^<]* C<\/ofd:AbbreviatedData>/);
    expect(objects[3]).toMatch(/Rule="Even-Odd"/);
    expect(objects[4]).toMatch(/LineWidth="[\d.]+" Join="Round"[^>]*Stroke="true" Fill="false"/);
  });

  it('embedded artwork round-trips through base64', () => {
    const r = loadEmbeddedArt({ mime: 'image/svg+xml', data: toBase64(SAMPLE_SVG) });
    expect(r.ok && r.art.kind === 'vector' && r.art.paths.length).toBe(31);
  });
});
