/**
 * 刊名 artwork from a PDF file and from a colour PNG (issue 12.1), end to end through the command line and the
 * services' typesetter, read back by programs we did not write. The PDF artwork is the sample 刊名 SVG converted to
 * PDF by mutool and rewritten by qpdf with object streams: the exported bulletin draws it as vector paths (mutool
 * trace: stroke_path in DeviceCMYK red, no image), poppler renders red where the 刊名 sits as it does for the SVG,
 * and pdftotext still reads the 刊名. The colour PNG (written by pngjs) is one image: through the red palette, or in
 * its own colours as DeviceCMYK samples (pdfimages), rendered by poppler in those colours; the PDF/A-2 checker
 * passes it, and the OFD carries it as an RGB PNG the OFD package check accepts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInput } from '../../core/io/read-input.js';
import type { BulletinDocument } from '../../core/model/document.js';
import { toBase64 } from '../../core/masthead-art/spec.js';
import { mastheadArtBox } from '../../core/typeset/masthead-art.js';
import { presetByName } from '../../core/typeset/preset.js';
import { checkPdfa } from '../../services/pdfa-check.js';
import { createTypesetter, type Typesetter } from '../../services/typesetter.js';
import { runBulletin } from '../helpers/bulletin-cli.js';
import { openOfdBrowser } from '../helpers/ofd-browser.js';
import { checkOfdPackage, unzipFiles } from '../helpers/ofd-package-check.js';
import { CMYK_PROFILE } from '../helpers/pdfa-fixture.js';
import { REPO_ROOT, SAMPLE_FILE } from '../helpers/sample.js';
import { fileAvailable, runTool, toolAvailable } from '../helpers/system-tools.js';

const SAMPLE_SVG = join(REPO_ROOT, 'assets', 'mastheads', 'lianluo-dongtai.svg');

let dir: string;
let doc: BulletinDocument;
let typesetter: Typesetter;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'masthead-art-pdf-'));
  doc = readInput(readFileSync(SAMPLE_FILE), { name: SAMPLE_FILE, today: '2021-06-02' }).document;
  typesetter = createTypesetter();
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function trace(pdf: string): { tag: string; attrs: string }[] {
  const xml = runTool('mutool', ['trace', pdf, '1'], { encoding: 'utf8' });
  return [...xml.matchAll(/<(fill_path|stroke_path|fill_image|fill_text|ignore_text)\b([^>]*)>/g)].map((m) => ({ tag: m[1]!, attrs: m[2]! }));
}

/** Page 1 rendered by poppler at `dpi`: the pixels (RGB) inside the 刊名 box. */
function mastheadPixels(pdf: string, dpi = 36): [number, number, number][] {
  const ppm = execFileSync('pdftoppm', ['-r', String(dpi), '-f', '1', '-l', '1', pdf], { maxBuffer: 64 << 20 });
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'))!;
  const [width, start] = [Number(header[1]), header[0].length];
  const box = mastheadArtBox(presetByName('standard'));
  const k = dpi / 72;
  const out: [number, number, number][] = [];
  for (let y = Math.floor(box.y * k); y < Math.ceil((box.y + box.height) * k); y++) {
    for (let x = Math.floor(box.x * k); x < Math.ceil((box.x + box.width) * k); x++) {
      const i = start + 3 * (y * width + x);
      out.push([ppm[i]!, ppm[i + 1]!, ppm[i + 2]!]);
    }
  }
  return out;
}

const isRed = ([r, g, b]: [number, number, number]) => r > 180 && g < 90 && b < 90;
const isBlue = ([r, g, b]: [number, number, number]) => b > 120 && r < 90 && g < 120;

const withPng = (png: Uint8Array, colour: 'red' | 'own'): BulletinDocument => ({
  ...doc,
  publication: { ...doc.publication, mastheadArt: { kind: 'embedded', mime: 'image/png', data: toBase64(png) }, mastheadArtColour: colour },
});

/** A 3000×760 RGBA picture at 600 dpi: a red band over a blue band, transparent around them; written by pngjs. */
function colourPng(): Uint8Array {
  const png = new PNG({ width: 3000, height: 760, colorType: 6 });
  png.data.fill(0);
  for (let y = 150; y < 610; y++) {
    for (let x = 100; x < 2900; x++) {
      const i = 4 * (y * 3000 + x);
      const top = y < 380;
      png.data[i] = top ? 255 : 0;
      png.data[i + 1] = 0;
      png.data[i + 2] = top ? 0 : 255;
      png.data[i + 3] = 255;
    }
  }
  const bytes = PNG.sync.write(png, { colorType: 6 });
  // pHYs: 600 dpi (pngjs writes none).
  return withDpi(new Uint8Array(bytes), 600);
}

function withDpi(png: Uint8Array, dpi: number): Uint8Array {
  const phys = new Uint8Array(21);
  const view = new DataView(phys.buffer);
  view.setUint32(0, 9);
  phys.set([0x70, 0x48, 0x59, 0x73], 4);
  view.setUint32(8, Math.round(dpi / 0.0254));
  view.setUint32(12, Math.round(dpi / 0.0254));
  phys[16] = 1;
  let c = ~0;
  for (const b of phys.subarray(4, 17)) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  view.setUint32(17, ~c >>> 0);
  const out = new Uint8Array(png.length + 21);
  out.set(png.subarray(0, 33));
  out.set(phys, 33);
  out.set(png.subarray(33), 54);
  return out;
}

describe.skipIf(!toolAvailable('mutool', 'qpdf', 'pdftotext', 'pdftoppm'))('PDF artwork', () => {
  it('bulletin export --masthead-art 刊名.pdf (mutool from the sample SVG, qpdf object streams): vector paths in red, no image, poppler draws it where the SVG is, pdftotext reads the 刊名', async () => {
    const plainPdf = join(dir, 'mutool.pdf');
    const artPdf = join(dir, '刊名.pdf');
    runTool('mutool', ['convert', '-o', plainPdf, SAMPLE_SVG], { encoding: 'utf8' });
    runTool('qpdf', ['--object-streams=generate', plainPdf, artPdf], { encoding: 'utf8' });
    expect(runTool('qpdf', ['--show-xref', artPdf], { encoding: 'utf8' })).toMatch(/compressed; stream/);
    const out = join(dir, 'pdf-art.pdf');
    const run = await runBulletin(['export', SAMPLE_FILE, '-o', out, '--masthead-art', artPdf], { timeout: 120_000 });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const items = trace(out);
    // mutool's SVG conversion keeps the 31 strokes (with butt caps: it writes 0 J for the SVG's square caps).
    const red = items.filter((i) => i.tag === 'stroke_path' && /colorspace="DeviceCMYK" color="0 1 1 0"/.test(i.attrs));
    expect(red).toHaveLength(32); // 31 + the masthead rule
    expect(items.some((i) => i.tag === 'fill_image')).toBe(false);
    expect(items.some((i) => i.tag === 'ignore_text')).toBe(true);
    const text = runTool('pdftotext', ['-f', '1', '-l', '1', out, '-'], { encoding: 'utf8' });
    expect(text.split('\n')[0]!.trim()).toBe('联络动态');
    // Rendered: red where the 刊名 sits, nearly as much as with the SVG itself (caps differ), unlike the typeset 刊名.
    const svgOut = join(dir, 'svg-art.pdf');
    await runBulletin(['export', SAMPLE_FILE, '-o', svgOut, '--masthead-art', SAMPLE_SVG], { timeout: 120_000 });
    const plainOut = join(dir, 'typeset.pdf');
    writeFileSync(plainOut, (await typesetter.exportPdf(doc)).bytes);
    const fromPdf = mastheadPixels(out);
    const fromSvg = mastheadPixels(svgOut);
    const typeset = mastheadPixels(plainOut);
    const reds = [fromPdf, fromSvg].map((p) => p.filter(isRed).length);
    console.log(`red pixels in the 刊名 box at 36 dpi: PDF art ${reds[0]}, SVG art ${reds[1]}; file sizes: PDF art ${statSync(out).size} B, SVG art ${statSync(svgOut).size} B, typeset ${statSync(plainOut).size} B`);
    expect(reds[0]).toBeGreaterThan(200);
    // 16 % fewer: the PDF's strokes end butt where the SVG's square caps reach 12 units further at each end.
    expect(reds[0]!).toBeLessThan(reds[1]!);
    expect(reds[0]!).toBeGreaterThan(0.75 * reds[1]!);
    const differ = (a: typeof fromPdf, b: typeof fromPdf) => a.filter((p, i) => isRed(p) !== isRed(b[i]!)).length;
    expect(differ(fromPdf, typeset)).toBeGreaterThan(3 * differ(fromPdf, fromSvg));
  });

  it('own colours keep the PDF\'s CMYK ink exactly; a PDF with text is refused and the typeset 刊名 kept', async () => {
    const page = join(dir, 'page.txt');
    writeFileSync(page, '%%MediaBox 0 0 400 100\n0.2 0.3 0.4 0.1 k 10 10 380 80 re f\n0 0 0 1 K 3 w 20 50 m 380 50 l S\n');
    const art = join(dir, 'cmyk.pdf');
    runTool('mutool', ['create', '-o', art, page], { encoding: 'utf8' });
    const own: BulletinDocument = { ...doc, publication: { ...doc.publication, mastheadArt: { kind: 'embedded', mime: 'application/pdf', data: toBase64(readFileSync(art)) }, mastheadArtColour: 'own' } };
    const out = join(dir, 'own.pdf');
    writeFileSync(out, (await typesetter.exportPdf(own)).bytes);
    const items = trace(out);
    expect(items.some((i) => i.tag === 'fill_path' && /colorspace="DeviceCMYK" color="\.2 \.3 \.4 \.1"/.test(i.attrs))).toBe(true);
    expect(items.some((i) => i.tag === 'stroke_path' && /colorspace="DeviceCMYK" color="0 0 0 1"/.test(i.attrs))).toBe(true);
    // The OFD draws the same outlines as PathObjects (the fill, the stroke and the masthead rule).
    const ofdPage = unzipFiles(typesetter.exportOfd(own).bytes).get('Doc_0/Pages/Page_0/Content.xml')!.toString('utf8');
    expect(ofdPage.match(/<ofd:PathObject /g)).toHaveLength(3);
    // Text (a font) in the artwork: refused on the command line with the reason, exit 0, typeset 刊名.
    writeFileSync(page, '%%MediaBox 0 0 400 100\n%%Font F1 Helvetica\nBT /F1 40 Tf 10 30 Td (LLDT) Tj ET\n');
    const textArt = join(dir, 'text.pdf');
    runTool('mutool', ['create', '-o', textArt, page], { encoding: 'utf8' });
    const textOut = join(dir, 'text-out.pdf');
    const run = await runBulletin(['export', SAMPLE_FILE, '-o', textOut, '--masthead-art', textArt], { timeout: 120_000 });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/刊名图未采用：text\.pdf：PDF 刊名图含有文字.*转曲.*仍使用排印的刊名/);
    expect(trace(textOut).some((i) => i.tag === 'ignore_text')).toBe(false);
  });
});

describe.skipIf(!toolAvailable('mutool', 'pdfimages', 'pdftoppm'))('colour PNG artwork', () => {
  it('red: one image through the red palette, both bands print red; own: DeviceCMYK samples, red over blue', async () => {
    const png = colourPng();
    const redOut = join(dir, 'png-red.pdf');
    const result = await typesetter.exportPdf(withPng(png, 'red'));
    expect(result.typeset.mastheadArtProblem).toBeUndefined();
    writeFileSync(redOut, result.bytes);
    const ownOut = join(dir, 'png-own.pdf');
    writeFileSync(ownOut, (await typesetter.exportPdf(withPng(png, 'own'))).bytes);
    for (const file of [redOut, ownOut]) {
      const images = trace(file).filter((i) => i.tag === 'fill_image');
      expect(images).toHaveLength(1);
      expect(images[0]!.attrs).toMatch(/width="3000" height="760"/);
    }
    const list = (file: string) => runTool('pdfimages', ['-f', '1', '-l', '1', '-list', file], { encoding: 'utf8' }).split('\n')[2]!;
    expect(list(redOut)).toMatch(/\bindex\s+1\s+8\b/);
    expect(list(ownOut)).toMatch(/\bcmyk\s+4\s+8\b/);
    const red = mastheadPixels(redOut, 72);
    const own = mastheadPixels(ownOut, 72);
    console.log(`PNG 刊名 at 72 dpi: red mode ${red.filter(isRed).length} red / ${red.filter(isBlue).length} blue; own ${own.filter(isRed).length} red / ${own.filter(isBlue).length} blue`);
    expect(red.filter(isBlue)).toHaveLength(0);
    expect(red.filter(isRed).length).toBeGreaterThan(1000);
    const ownRed = own.filter(isRed).length;
    const ownBlue = own.filter(isBlue).length;
    expect(ownBlue).toBeGreaterThan(500);
    expect(Math.abs(ownRed - ownBlue) / ownBlue).toBeLessThan(0.2);
    expect(red.filter(isRed).length).toBeGreaterThan(1.6 * ownRed);
  });

  it.skipIf(!fileAvailable(CMYK_PROFILE, 'libgs-common', 'PDF/A 测试用的 CMYK 输出特性文件'))('a PDF/A-2u with a colour PNG 刊名 in its own colours passes the PDF/A-2 checker', async () => {
    const art = withPng(colourPng(), 'own');
    const layout = typesetter.typeset(art).layout;
    const bytes = await typesetter.renderLayout(layout, art, { pdfa: { icc: readFileSync(CMYK_PROFILE), condition: 'Artifex PS CMYK' }, subsets: 'exact' });
    const report = await checkPdfa(bytes);
    expect(report.results.filter((r) => !r.pass)).toEqual([]);
  });

  it.skipIf(!toolAvailable('chromium', 'unzip'))('the OFD carries the colour PNG in its own colours as an RGB PNG, the package check passes', async () => {
    const ofd = typesetter.exportOfd(withPng(colourPng(), 'own'), { now: new Date('2021-06-02T09:00:00Z'), version: '0.1.0' }).bytes;
    const files = unzipFiles(ofd);
    expect(files.get('Doc_0/Pages/Page_0/Content.xml')!.toString('utf8').match(/<ofd:ImageObject /g)).toHaveLength(1);
    const art = [...files.entries()].find(([name]) => /Art_\d+\.png$/.test(name))!;
    const read = PNG.sync.read(art[1]);
    expect([read.width, read.height]).toEqual([3000, 760]);
    const at = (x: number, y: number) => [...read.data.subarray(4 * (y * 3000 + x), 4 * (y * 3000 + x) + 3)];
    expect([at(1500, 200), at(1500, 500), at(10, 10)]).toEqual([
      [255, 0, 0],
      [0, 0, 255],
      [255, 255, 255],
    ]);
    const browser = await openOfdBrowser();
    try {
      const checked = await checkOfdPackage(files, browser.parseXml);
      expect(checked.problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
