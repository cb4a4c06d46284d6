/**
 * The 刊名 picture in the .docx (issue 12): the package's parts read back from the zip — content types for PNG and
 * SVG, the relationships, the inline w:drawing in the masthead paragraph with its asvg:svgBlip, the size in EMU
 * exactly as the PDF places the picture, the alternative text — and our own Word importer reading the file back
 * with the 刊名 kept and no article picture. (tests/integration/masthead-art-docx.test.ts lays the file out with
 * LibreOffice.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { readDocx } from '../../core/import/word/docx-reader.js';
import { importWordIssue } from '../../core/import/word/word-issue.js';
import { child, descendants, parseXml, plainText } from '../../core/import/word/xml-tree.js';
import { readInput } from '../../core/io/read-input.js';
import { createArtSource } from '../../core/masthead-art/art-source.js';
import { loadMastheadArt } from '../../core/masthead-art/load.js';
import { toBase64 } from '../../core/masthead-art/spec.js';
import { exportDocx } from '../../core/render/docx-export.js';
import { placeMastheadArt } from '../../core/typeset/masthead-art.js';
import { STANDARD } from '../../core/typeset/preset.js';
import type { BulletinDocument } from '../../core/model/document.js';
import { greyPng } from '../helpers/grey-png.js';
import { REPO_ROOT, sampleBytes } from '../helpers/sample.js';

const SVG = readFileSync(join(REPO_ROOT, 'assets', 'mastheads', 'lianluo-dongtai.svg'));
const sample = readInput(sampleBytes(), { name: 'sample.txt', today: '2021-06-02' }).document;

const withArt = (bytes: Uint8Array, mime: 'image/svg+xml' | 'image/png', colour?: 'red' | 'own'): BulletinDocument => ({
  ...sample,
  publication: { ...sample.publication, mastheadArt: { kind: 'embedded', mime, data: toBase64(bytes) }, ...(colour ? { mastheadArtColour: colour } : {}) },
});

async function unpack(doc: BulletinDocument, problems: string[] = []) {
  const bytes = await exportDocx(doc, { artSource: createArtSource(), onMastheadArtProblem: (r) => problems.push(r) });
  const files = unzipSync(bytes);
  const text = (name: string) => new TextDecoder().decode(files[name]!);
  const document = parseXml(text('word/document.xml'), 'document.xml');
  const rels = parseXml(text('word/_rels/document.xml.rels'), 'rels');
  const target = (id: string | undefined) => descendants(rels, 'Relationship').find((r) => r.attrs['Id'] === id)?.attrs['Target'];
  return { bytes, files, text, document, target, first: descendants(document, 'w:p')[0]! };
}

const emu = (pt: number) => Math.round(pt * 12700);

describe('the 刊名 picture in the .docx', async () => {
  const svgDoc = withArt(SVG, 'image/svg+xml');
  const placed = (() => {
    const loaded = loadMastheadArt(SVG);
    if (!loaded.ok) throw new Error(loaded.reason);
    const p = placeMastheadArt(loaded.art, { preset: STANDARD, colour: 'red', alt: '联络动态' });
    if (!p.ok) throw new Error(p.reason);
    return p.item;
  })();

  it('puts an SVG 刊名 inline in the masthead paragraph: SVG in asvg:svgBlip, PNG in the blip, at the PDF\u2019s size, alt text the 刊名', async () => {
    const { files, text, first, target } = await unpack(svgDoc);
    const types = text('[Content_Types].xml');
    expect(types).toContain('ContentType="image/png" Extension="png"');
    expect(types).toContain('ContentType="image/svg+xml" Extension="svg"');
    expect(plainText(first)).toBe(''); // no typeset 刊名
    const inline = descendants(first, 'wp:inline')[0]!;
    expect(inline).toBeDefined();
    const extent = child(inline, 'wp:extent')!.attrs;
    expect(Number(extent['cx'])).toBe(emu(placed.width));
    expect(Number(extent['cy'])).toBe(emu(placed.height));
    expect(child(inline, 'wp:docPr')!.attrs).toMatchObject({ name: '刊名图', descr: '联络动态', title: '联络动态' });
    const blip = descendants(inline, 'a:blip')[0]!;
    const svgBlip = descendants(blip, 'asvg:svgBlip')[0]!;
    expect(svgBlip.attrs['xmlns:asvg']).toBe('http://schemas.microsoft.com/office/drawing/2016/SVG/main');
    const pngPart = `word/${target(blip.attrs['r:embed'])}`;
    const svgPart = `word/${target(svgBlip.attrs['r:embed'])}`;
    expect(pngPart).toMatch(/\.png$/);
    expect(svgPart).toMatch(/\.svg$/);
    // The PNG: 600 dpi of the printed size, the masthead red, transparent where there is no ink.
    const png = PNG.sync.read(Buffer.from(files[pngPart]!));
    expect(png.width).toBe(Math.ceil((placed.width / 72) * 600));
    expect(png.height).toBe(Math.ceil((placed.height / 72) * 600));
    let ink = 0;
    let notRed = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      if (png.data[i + 3]! === 0) continue;
      if (png.data[i] !== 255 || png.data[i + 1] !== 0 || png.data[i + 2] !== 0) notRed++;
      if (png.data[i + 3] === 255) ink++;
    }
    expect(notRed).toBe(0);
    expect(ink / (png.width * png.height)).toBeGreaterThan(0.2);
    expect(ink / (png.width * png.height)).toBeLessThan(0.8);
    // The SVG: written from the model, paths only, in red.
    const svg = new TextDecoder().decode(files[svgPart]!);
    expect(svg).toContain('<title>联络动态</title>');
    expect(svg).not.toMatch(/<(script|image|g|text)\b/);
    expect(new Set(svg.match(/#[0-9a-f]{6}/g))).toEqual(new Set(['#ff0000']));
  });

  it('keeps the artwork\u2019s own colours when the profile says so', async () => {
    const { files, first, target } = await unpack(withArt(SVG, 'image/svg+xml', 'own'));
    const blip = descendants(first, 'a:blip')[0]!;
    const png = PNG.sync.read(Buffer.from(files[`word/${target(blip.attrs['r:embed'])}`]!));
    const solid = [];
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i + 3] === 255) solid.push(png.data.readUInt32BE(i));
    expect(new Set(solid)).toEqual(new Set([0xe60012ff])); // the file's #e60012
    const svg = new TextDecoder().decode(files[`word/${target(descendants(blip, 'asvg:svgBlip')[0]!.attrs['r:embed'])}`]!);
    expect(new Set(svg.match(/#[0-9a-f]{6}/g))).toEqual(new Set(['#e60012']));
  });

  it('embeds a PNG 刊名 as it is, or as an indexed PNG in the masthead red; no SVG', async () => {
    const grey = greyPng({ width: 3000, height: 760, dpi: 600 });
    const red = await unpack(withArt(grey, 'image/png'));
    const blip = descendants(red.first, 'a:blip')[0]!;
    expect(descendants(blip, 'asvg:svgBlip')).toHaveLength(0);
    const part = red.files[`word/${red.target(blip.attrs['r:embed'])}`]!;
    expect(part[25]).toBe(3); // indexed colour
    const decoded = PNG.sync.read(Buffer.from(part));
    const mid = (380 * 3000 + 1500) * 4; // in the dark band: the red
    expect([...decoded.data.subarray(mid, mid + 3)]).toEqual([255, 0, 0]);
    expect([...decoded.data.subarray(0, 3)]).toEqual([255, 255, 255]); // paper stays white
    const own = await unpack(withArt(grey, 'image/png', 'own'));
    const ownBlip = descendants(own.first, 'a:blip')[0]!;
    expect([...own.files[`word/${own.target(ownBlip.attrs['r:embed'])}`]!]).toEqual([...grey]);
    expect(descendants(own.first, 'wp:docPr')[0]!.attrs['descr']).toBe('联络动态');
  });

  it('keeps the typeset 刊名 and says why when the picture cannot be used', async () => {
    const problems: string[] = [];
    const low = await unpack(withArt(greyPng({ width: 1200, height: 300, dpi: 300 }), 'image/png'), problems);
    expect(plainText(low.first)).toBe('联络动态');
    expect(descendants(low.first, 'w:drawing')).toHaveLength(0);
    expect(problems.join()).toMatch(/分辨率不足/);
    const none = await exportDocx(svgDoc); // no artSource
    expect(plainText(descendants(parseXml(new TextDecoder().decode(unzipSync(none)['word/document.xml']!), 'd'), 'w:p')[0]!)).toBe('联络动态');
  });

  it('reads back with our Word importer: the 刊名 kept, no article picture, nothing reported about a picture', async () => {
    const { bytes } = await unpack(svgDoc);
    const content = readDocx(bytes);
    expect(content.paragraphs.flatMap((p) => p.pictures ?? [])).toHaveLength(0);
    expect(content.notes.filter((n) => n.kind === 'picture')).toEqual([]);
    const { document } = importWordIssue(content, { today: '2021-06-02' });
    expect(document.publication.name).toBe('联络动态');
    const blocks = document.issue.articles.flatMap((a) => a.body);
    expect(blocks.filter((b) => b.type === 'picture')).toHaveLength(0);
    expect(document.issue.articles.map((a) => a.title)).toEqual(sample.issue.articles.map((a) => a.title));
    expect(document.issue.number).toBe(sample.issue.number);
  });
});
