/**
 * 刊名 artwork (issue 12.1) end to end through the command line and the services' typesetter, read back by
 * programs we did not write: mutool trace (the picture is vector paths in DeviceCMYK red, no image), pdftotext
 * (the 刊名 is still text), our own plain-text import of that text (the round trip keeps the 刊名), the PDF/A-2
 * checker with the artwork in a PDF/A-2u file, a PNG 刊名 as an image, and the OFD read by ofd.js and drawn like
 * the PDF's first page by pdf.js (the outlines are in both).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInput } from '../../core/io/read-input.js';
import type { BulletinDocument } from '../../core/model/document.js';
import { serializeDocument } from '../../core/model/format.js';
import { toBase64 } from '../../core/masthead-art/spec.js';
import { checkPdfa } from '../../services/pdfa-check.js';
import { createTypesetter, type Typesetter } from '../../services/typesetter.js';
import { runBulletin } from '../helpers/bulletin-cli.js';
import { greyPng } from '../helpers/grey-png.js';
import { openOfdBrowser } from '../helpers/ofd-browser.js';
import { checkOfdPackage, unzipFiles } from '../helpers/ofd-package-check.js';
import { CMYK_PROFILE } from '../helpers/pdfa-fixture.js';
import { REPO_ROOT, SAMPLE_FILE } from '../helpers/sample.js';
import { fileAvailable, runTool, toolAvailable } from '../helpers/system-tools.js';

const SAMPLE_SVG = join(REPO_ROOT, 'assets', 'mastheads', 'lianluo-dongtai.svg');
const FILLED_SVG = join(REPO_ROOT, 'tests', 'fixtures', 'masthead-art', 'filled.svg');

let dir: string;
let doc: BulletinDocument;
let typesetter: Typesetter;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'masthead-art-'));
  doc = readInput(readFileSync(SAMPLE_FILE), { name: SAMPLE_FILE, today: '2021-06-02' }).document;
  typesetter = createTypesetter();
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The elements of mutool trace's page 1 (fill_path, stroke_path, fill_image, fill_text…) with their attributes. */
function trace(pdf: string): { tag: string; attrs: string }[] {
  const xml = runTool('mutool', ['trace', pdf, '1'], { encoding: 'utf8' });
  return [...xml.matchAll(/<(fill_path|stroke_path|fill_image|fill_text|ignore_text|clip_text)\b([^>]*)>/g)].map((m) => ({ tag: m[1]!, attrs: m[2]! }));
}

const withArt = (art: string, colour?: 'red' | 'own'): BulletinDocument => ({
  ...doc,
  publication: {
    ...doc.publication,
    mastheadArt: { kind: 'embedded', mime: 'image/svg+xml', data: toBase64(readFileSync(art)) },
    ...(colour ? { mastheadArtColour: colour } : {}),
  },
});

describe.skipIf(!toolAvailable('mutool', 'pdftotext'))('masthead artwork in the PDF', () => {
  it('bulletin export --masthead-art: the sample 刊名 is stroked paths in DeviceCMYK 0 1 1 0, no image; pdftotext still finds 联络动态', async () => {
    const out = join(dir, 'cli.pdf');
    const run = await runBulletin(['export', SAMPLE_FILE, '-o', out, '--masthead-art', SAMPLE_SVG], { timeout: 120_000 });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const items = trace(out);
    const red = items.filter((i) => i.tag === 'stroke_path' && /colorspace="DeviceCMYK" color="0 1 1 0"/.test(i.attrs) && /linecap="2,2,2"/.test(i.attrs));
    expect(red).toHaveLength(31);
    expect(items.some((i) => i.tag === 'fill_image')).toBe(false);
    // The 刊名 is still text on page 1, drawn invisibly (mutool reports invisible text as ignore_text).
    expect(items.some((i) => i.tag === 'ignore_text')).toBe(true);
    const text = runTool('pdftotext', ['-f', '1', '-l', '1', out, '-'], { encoding: 'utf8' });
    expect(text.split('\n')[0]!.trim()).toBe('联络动态');
    // Our plain-text import of the PDF's text reads the 刊名 back (the round trip keeps working).
    const back = readInput(Buffer.from(runTool('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' })), { name: 'back.txt' });
    expect(back.document.publication.name).toBe('联络动态');
    expect(back.document.issue.number).toBe(doc.issue.number);
  });

  it('filled shapes print as fill_path in the masthead red; with "own" colours they keep theirs, separated to CMYK', async () => {
    const red = join(dir, 'filled-red.pdf');
    writeFileSync(red, (await typesetter.exportPdf(withArt(FILLED_SVG))).bytes);
    const fills = trace(red).filter((i) => i.tag === 'fill_path');
    expect(fills.filter((i) => /colorspace="DeviceCMYK" color="0 1 1 0"/.test(i.attrs)).length).toBeGreaterThanOrEqual(7);
    expect(fills.some((i) => /winding="eofill"/.test(i.attrs))).toBe(true);
    const own = join(dir, 'filled-own.pdf');
    writeFileSync(own, (await typesetter.exportPdf(withArt(FILLED_SVG, 'own'))).bytes);
    const ownFills = trace(own).filter((i) => i.tag === 'fill_path').map((i) => /color="([^"]*)"/.exec(i.attrs)?.[1]);
    expect(ownFills).toContain('1 1 0 0'); // the blue circle
    expect(ownFills).toContain('0 0 0 1'); // black shapes
  });

  it('a broken picture in the profile: the typeset 刊名 prints instead and the result says why', async () => {
    const broken: BulletinDocument = {
      ...doc,
      publication: { ...doc.publication, mastheadArt: { kind: 'embedded', mime: 'image/svg+xml', data: toBase64(new TextEncoder().encode('<svg><script>x</script></svg>')) } },
    };
    const result = await typesetter.exportPdf(broken);
    expect(result.typeset.mastheadArtProblem).toMatch(/脚本/);
    const file = join(dir, 'broken.pdf');
    writeFileSync(file, result.bytes);
    const items = trace(file);
    expect(items.some((i) => i.tag === 'ignore_text')).toBe(false);
    expect(items.filter((i) => i.tag === 'stroke_path')).toHaveLength(1); // the masthead rule only
  });

  it('bulletin export refuses an unsafe picture on stderr and keeps the typeset 刊名 (exit 0)', async () => {
    const bad = join(dir, 'bad.svg');
    writeFileSync(bad, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9"><use href="http://example.com/x.svg#a"/></svg>');
    const out = join(dir, 'bad.pdf');
    const run = await runBulletin(['export', SAMPLE_FILE, '-o', out, '--masthead-art', bad], { timeout: 120_000 });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/刊名图未采用：bad\.svg：SVG 引用了外部资源.*仍使用排印的刊名/);
    expect(trace(out).some((i) => i.tag === 'ignore_text')).toBe(false);
  });

  it('an issue file naming its picture by a relative path beside it exports with the artwork', async () => {
    const issueDir = mkdtempSync(join(dir, 'issue-'));
    writeFileSync(join(issueDir, '刊名.svg'), readFileSync(SAMPLE_SVG));
    const file = join(issueDir, 'issue.json');
    writeFileSync(file, serializeDocument({ ...doc, publication: { ...doc.publication, mastheadArt: { kind: 'file', path: '刊名.svg' } } }));
    const out = join(dir, 'relative.pdf');
    const run = await runBulletin(['export', file, '-o', out], { timeout: 120_000 });
    expect(run.stderr).toBe('');
    expect(trace(out).filter((i) => i.tag === 'stroke_path' && /color="0 1 1 0"/.test(i.attrs)).length).toBe(32); // 31 + the rule
  });

  it('a 600 dpi grey PNG is one image XObject at the 刊名 box; a 300 dpi one is refused', async () => {
    const png = greyPng({ width: 3000, height: 760, dpi: 600 });
    const pngDoc: BulletinDocument = { ...doc, publication: { ...doc.publication, mastheadArt: { kind: 'embedded', mime: 'image/png', data: toBase64(png) } } };
    const file = join(dir, 'png.pdf');
    const result = await typesetter.exportPdf(pngDoc);
    expect(result.typeset.mastheadArtProblem).toBeUndefined();
    writeFileSync(file, result.bytes);
    const images = trace(file).filter((i) => i.tag === 'fill_image');
    expect(images).toHaveLength(1);
    expect(images[0]!.attrs).toMatch(/width="3000" height="760"/);
    const low = greyPng({ width: 1200, height: 300, dpi: 300 });
    const lowResult = typesetter.typeset({ ...doc, publication: { ...doc.publication, mastheadArt: { kind: 'embedded', mime: 'image/png', data: toBase64(low) } } });
    expect(lowResult.mastheadArtProblem).toMatch(/分辨率不足/);
    expect(lowResult.layout.pages[0]!.artworks).toBeUndefined();
  });

  it.skipIf(!fileAvailable(CMYK_PROFILE, 'libgs-common', 'PDF/A 测试用的 CMYK 输出特性文件'))('a PDF/A-2u with the artwork passes the PDF/A-2 checker', async () => {
    const art = withArt(SAMPLE_SVG);
    const layout = typesetter.typeset(art).layout;
    const bytes = await typesetter.renderLayout(layout, art, { pdfa: { icc: readFileSync(CMYK_PROFILE), condition: 'Artifex PS CMYK' }, subsets: 'exact' });
    const report = await checkPdfa(bytes);
    expect(report.results.filter((r) => !r.pass)).toEqual([]);
  });
});

describe.skipIf(!toolAvailable('chromium', 'unzip'))('masthead artwork in the OFD', () => {
  // ofd.js writes OFD's Cap/Join values (Butt, Round, Square — GB/T 33190 Table 35) straight into SVG, where they are
  // lower case, so it draws every stroke with butt caps: the pixel comparison uses the filled test artwork.
  it('is PathObjects ofd.js draws like pdf.js draws the PDF, the 刊名 still in its text', async () => {
    const sample = typesetter.exportOfd(withArt(SAMPLE_SVG)).bytes;
    const samplePage = unzipFiles(sample).get('Doc_0/Pages/Page_0/Content.xml')!.toString('utf8');
    expect(samplePage.match(/<ofd:PathObject /g)).toHaveLength(32); // 31 outlines + the rule
    expect(samplePage).toMatch(/Cap="Square"/);
    const art = withArt(FILLED_SVG);
    const ofd = typesetter.exportOfd(art, { now: new Date('2021-06-02T09:00:00Z'), version: '0.1.0' }).bytes;
    const pdf = (await typesetter.exportPdf(art)).bytes;
    const plain = (await typesetter.exportPdf(doc)).bytes;
    const files = unzipFiles(ofd);
    const page1 = files.get('Doc_0/Pages/Page_0/Content.xml')!.toString('utf8');
    expect(page1.match(/<ofd:PathObject /g)).toHaveLength(10); // 9 outlines + the rule
    expect(page1).toMatch(/<ofd:AbbreviatedData>M [\d. ]+ (L|B) [\d. ]+/);
    const browser = await openOfdBrowser();
    try {
      const checked = await checkOfdPackage(files, browser.parseXml);
      expect(checked.problems).toEqual([]);
      const fonts = checked.fonts.map((f) => {
        const bytes = files.get(f.file)!;
        return { id: f.id, bytes, weight: (fontkit.create(bytes) as unknown as { 'OS/2': { usWeightClass: number } })['OS/2'].usWeightClass };
      });
      const read = await browser.readOfd(ofd, fonts, 4);
      expect(read.texts[0]).toContain(doc.publication.name);
      await browser.loadPdf(pdf);
      const same = await browser.compare(1, 1, { pixelsPerMm: 4, tolerance: 1 });
      console.log(`OFD vs PDF page 1 with artwork: ${(same.ratio * 100).toFixed(2)} % ink mismatch`);
      expect(same.ratio).toBeLessThanOrEqual(0.01);
      // The measure sees the artwork: against the PDF with the typeset 刊名 the first page differs more.
      await browser.loadPdf(plain);
      const other = await browser.compare(1, 1, { pixelsPerMm: 4, tolerance: 1 });
      console.log(`OFD with artwork vs PDF with typeset 刊名: ${(other.ratio * 100).toFixed(2)} %`);
      expect(other.ratio).toBeGreaterThan(same.ratio + 0.005);
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('a grey PNG 刊名 is an image ofd.js draws like pdf.js draws the PDF', async () => {
    const png = greyPng({ width: 3000, height: 760, dpi: 600 });
    const art: BulletinDocument = { ...doc, publication: { ...doc.publication, mastheadArt: { kind: 'embedded', mime: 'image/png', data: toBase64(png) } } };
    const ofd = typesetter.exportOfd(art, { now: new Date('2021-06-02T09:00:00Z'), version: '0.1.0' }).bytes;
    const pdf = (await typesetter.exportPdf(art)).bytes;
    const plain = (await typesetter.exportPdf(doc)).bytes;
    const files = unzipFiles(ofd);
    expect(files.get('Doc_0/Pages/Page_0/Content.xml')!.toString('utf8').match(/<ofd:ImageObject /g)).toHaveLength(1);
    const browser = await openOfdBrowser();
    try {
      const checked = await checkOfdPackage(files, browser.parseXml);
      expect(checked.problems).toEqual([]);
      const fonts = checked.fonts.map((f) => {
        const bytes = files.get(f.file)!;
        return { id: f.id, bytes, weight: (fontkit.create(bytes) as unknown as { 'OS/2': { usWeightClass: number } })['OS/2'].usWeightClass };
      });
      const read = await browser.readOfd(ofd, fonts, 4);
      expect(read.texts[0]).toContain(doc.publication.name);
      await browser.loadPdf(pdf);
      const same = await browser.compare(1, 1, { pixelsPerMm: 4, tolerance: 1 });
      console.log(`OFD vs PDF page 1 with the PNG 刊名: ${(same.ratio * 100).toFixed(2)} % ink mismatch`);
      // 2 %, not the vector artwork's 1 %: ofd.js and pdf.js resample the 3000-pixel image to 4 px/mm differently
      // along the band's edges.
      expect(same.ratio).toBeLessThanOrEqual(0.02);
      await browser.loadPdf(plain);
      const other = await browser.compare(1, 1, { pixelsPerMm: 4, tolerance: 1 });
      console.log(`OFD with the PNG 刊名 vs PDF with typeset 刊名: ${(other.ratio * 100).toFixed(2)} %`);
      expect(other.ratio).toBeGreaterThan(same.ratio + 0.005);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
